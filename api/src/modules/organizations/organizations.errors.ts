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
};
