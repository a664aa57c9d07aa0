import { AppError } from '../../../common/errors/app-error';

/** The demands exports' errors, in one place. */
export const DemandExportErrors = {
  notFound: () => new AppError('demand_exports.not_found', 404, 'Export not found'),
  notReady: () => new AppError('demand_exports.not_ready', 409, 'The export is not finished'),
  expired: () => new AppError('demand_exports.expired', 410, 'The export has expired; ask for a new one'),
  notYours: () => new AppError('demand_exports.not_yours', 403, 'Only the planner who asked for this export may download it'),
  personalNotAllowed: () =>
    new AppError('demand_exports.personal_not_allowed', 403, 'Only administrators may export personal data'),
  planNotFound: () => new AppError('demand_exports.plan_not_found', 404, 'Plan not found'),
};
