import { AppError } from '../../common/errors/app-error';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/pg-errors';

/** The stakeholder registry's errors, in one place. */
export const StakeholderErrors = {
  notFound: () => new AppError('stakeholders.not_found', 404, 'Stakeholder not found'),
  duplicate: () => new AppError('stakeholders.duplicate', 409, 'A stakeholder of this kind with this name is already registered', { name: 'taken' }),
  planNotFound: (field = 'planId') => new AppError('stakeholders.plan_not_found', 404, 'Plan not found', { [field]: 'invalid_value' }),
  planRequired: (field: string) => new AppError('common.validation_failed', 400, 'Filtering by assessment needs a plan', { planId: 'required', [field]: 'invalid_value' }),
  stageNotInPlan: (index: number) =>
    new AppError('stakeholders.stage_not_in_plan', 400, 'The stage is not one of the plan', { [`stageRoles.${index}.stageId`]: 'invalid_value' }),
  themeNotFound: () => new AppError('organizations.theme_not_found', 400, 'Theme not found', { themeIds: 'invalid_value' }),
  districtNotFound: () => new AppError('organizations.district_not_found', 400, 'District not found', { districtIds: 'invalid_value' }),
  contactNotFound: () => new AppError('stakeholders.contact_not_found', 404, 'Contact not found'),
  accountNotFound: () => new AppError('stakeholders.account_not_found', 404, 'No member of the municipality matches', { q: 'invalid_value' }),
  accountAmbiguous: () => new AppError('stakeholders.account_ambiguous', 409, 'More than one member matches: give the mobile number or e-mail', { q: 'invalid_value' }),
  notLinked: () =>
    new AppError('stakeholders.not_linked', 403, 'Only an account linked to the stakeholder may act on its behalf', { stakeholderId: 'invalid_value' }),
  badCursor: () => new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' }),
  fileTooLarge: () => new AppError('stakeholders.file_too_large', 413, 'The file is larger than 5 MiB'),
  unsupportedFile: () => new AppError('common.unsupported_media_type', 415, 'Send a CSV or XLSX file itself as the body'),
};

/** Turns the registry's constraint violations into its errors; anything else is rethrown. */
export function mapStakeholderConstraintError(error: unknown): never {
  if (isUniqueViolation(error, 'uq_stakeholder_name')) throw StakeholderErrors.duplicate();
  if (isForeignKeyViolation(error)) {
    const constraint = (error as { constraint?: string; driverError?: { constraint?: string } }).constraint ?? (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    if (constraint === 'fk_stakeholder_theme_theme') throw StakeholderErrors.themeNotFound();
    if (constraint === 'fk_stakeholder_district_district') throw StakeholderErrors.districtNotFound();
    if (constraint === 'fk_stakeholder_assessment_plan') throw StakeholderErrors.planNotFound();
  }
  throw error;
}
