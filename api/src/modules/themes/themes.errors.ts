import { AppError } from '../../common/errors/app-error';
import { isCheckViolation, isUniqueViolation } from '../../database/pg-errors';

/** The themes module's errors, in one place. */
export const ThemeErrors = {
  notFound: (field?: string) => new AppError('organizations.theme_not_found', 404, 'Theme not found', field ? { [field]: 'invalid_value' } : undefined),
  slugTaken: () => new AppError('themes.slug_taken', 409, 'Another theme has this slug', { slug: 'taken' }),
  tooDeep: (field: string) => new AppError('themes.too_deep', 400, 'Themes have two levels only (theme and sub-theme)', { [field]: 'invalid_value' }),
  cycle: () => new AppError('themes.cycle', 400, 'A theme cannot go under itself', { parentId: 'invalid_value' }),
  mergeIntoDescendant: () =>
    new AppError('themes.merge_into_descendant', 400, 'A theme cannot be merged into itself or one of its sub-themes', { targetId: 'invalid_value' }),
  parentArchived: () => new AppError('themes.parent_archived', 409, 'The parent theme is archived'),
  fileTooLarge: () => new AppError('themes.file_too_large', 413, 'The file is larger than 5 MiB'),
  unsupportedFile: () => new AppError('common.unsupported_media_type', 415, 'Send a CSV or XLSX file itself as the body'),
};

/** Turns the taxonomy's constraint violations into this module's errors; anything else is rethrown. */
export function mapThemeConstraintError(error: unknown): never {
  if (isUniqueViolation(error, 'uq_theme_slug')) throw ThemeErrors.slugTaken();
  if (isCheckViolation(error, 'ck_theme_two_levels')) throw ThemeErrors.tooDeep('parentId');
  throw error;
}
