import { AppError } from '../../common/errors/app-error';

/** The demands hub's errors, in one place. */
export const DemandErrors = {
  notFound: () => new AppError('demands.not_found', 404, 'Demand not found'),
  planNotFound: () => new AppError('demands.plan_not_found', 404, 'Plan not found', { planId: 'not_found' }),
  themeNotFound: (field = 'themeIds') => new AppError('demands.theme_not_found', 400, 'Unknown or archived theme', { [field]: 'not_found' }),
  districtNotFound: () => new AppError('demands.district_not_found', 400, 'Unknown district', { districtId: 'not_found' }),
  stageNotFound: () => new AppError('demands.stage_not_found', 400, 'The stage is not a stage of the plan', { stageId: 'not_found' }),
  groupNotFound: () => new AppError('demands.group_not_found', 404, 'Group not found'),
  tooMany: (max: number) => new AppError('demands.too_many_selected', 400, `The selection holds more than ${max} demands; narrow the filter`),
  unsupportedFile: () => new AppError('demands.unsupported_file', 415, 'Send a CSV or XLSX file'),
  fileTooLarge: () => new AppError('demands.file_too_large', 413, 'The file is too large'),
};
