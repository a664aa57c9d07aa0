import { AppError } from '../../common/errors/app-error';

/** The errors of municipalities and their platform administration, in one place. */
export const OrganizationErrors = {
  notFound: () => new AppError('organizations.not_found', 404, 'Organization not found'),
  /** 409 with the field, so the form shows it under the slug. */
  slugTaken: () =>
    new AppError('organizations.slug_taken', 409, 'This slug is already used by another municipality', {
      slug: 'invalid_value',
    }),
  /** A suspended municipality is read-only: 423 Locked, and nothing changed. */
  suspended: () => new AppError('organizations.suspended', 423, 'This municipality is suspended and accepts no input'),
};
