import { AppError } from '../../common/errors/app-error';

/** The organizations module's errors, in one place. */
export const OrganizationErrors = {
  notFound: () => new AppError('organizations.not_found', 404, 'Organization not found'),
  defaultLocaleNotOffered: (defaultLocale: string) =>
    new AppError(
      'organizations.default_locale_not_offered',
      400,
      `The default language (${defaultLocale}) must be among the languages offered`,
      { locales: 'default_locale_missing' },
    ),
  logoInvalid: () =>
    new AppError('organizations.logo_invalid', 400, 'The logo must be a JPEG, PNG or WebP image', { logo: 'invalid' }),
  logoNotFound: () => new AppError('organizations.logo_not_found', 404, 'This municipality has no logo'),
  pageNotFound: () => new AppError('organizations.page_not_found', 404, 'No such page'),
  /** 409 with the field, so the form shows it under the slug. */
  slugTaken: () =>
    new AppError('organizations.slug_taken', 409, 'This slug is already used by another municipality', {
      slug: 'invalid_value',
    }),
  /** A suspended municipality is read-only: 423 Locked, and nothing changed. */
  suspended: () => new AppError('organizations.suspended', 423, 'This municipality is suspended and accepts no input'),
};
