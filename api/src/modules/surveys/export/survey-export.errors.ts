import { AppError } from '../../../common/errors/app-error';

/** The survey exports' errors, in one place. */
export const SurveyExportErrors = {
  notFound: () => new AppError('survey_exports.not_found', 404, 'Export not found'),
  notReady: () => new AppError('survey_exports.not_ready', 409, 'The export is not finished'),
  expired: () => new AppError('survey_exports.expired', 410, 'The export has expired; ask for a new one'),
};
