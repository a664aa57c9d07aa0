import { AppError } from '../../common/errors/app-error';

/** The strategy module's errors, in one place. */
export const StrategyErrors = {
  notFound: () => new AppError('strategy.not_found', 404, 'Not found in this plan'),
  notEditable: (status: string) =>
    new AppError('strategy.not_editable', 409, `The structure of a plan in status ${status} cannot be edited; record a revision once it is in execution`),
  invalid: (fields: Record<string, string>) => new AppError('common.validation_failed', 400, 'The structure breaks a rule', fields),
  hasChildren: () => new AppError('strategy.has_children', 409, 'Rows still hang under it: move or remove them first', { id: 'has_children' }),
  invalidReorder: () => new AppError('strategy.invalid_reorder', 400, 'Reorder lists all siblings of one parent, once each', { ids: 'invalid_value' }),
  attachmentNotFound: () => new AppError('strategy.attachment_not_found', 404, "Not one of this plan's attachments", { attachmentId: 'invalid_value' }),
  approvalNotAllowed: (status: string) =>
    new AppError('strategy.approval_not_allowed', 409, `Nothing of this kind can be recorded while the plan is ${status}`, { kind: 'invalid_value' }),
  versionNotFound: () => new AppError('strategy.version_not_found', 404, 'Version not found'),
  importInvalid: (fields: Record<string, string>) => new AppError('strategy.import_invalid', 400, 'The workbook has problems; nothing was imported', fields),
  importStale: () =>
    new AppError('strategy.import_stale', 409, 'The structure or the file changed since the preview; preview again', { fingerprint: 'invalid_value' }),
  importFileInvalid: () => new AppError('strategy.import_file_invalid', 400, 'Not an XLSX workbook that can be read'),
  importTooLarge: () => new AppError('strategy.import_too_large', 413, 'The workbook is larger than 10 MiB'),
  unsupportedFile: () => new AppError('common.unsupported_media_type', 415, 'Send the XLSX file itself as the body'),
};
