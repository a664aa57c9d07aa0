import { AppError } from '../../common/errors/app-error';

/** The plans module's errors, in one place. */
export const PlanErrors = {
  planNotFound: () => new AppError('plans.not_found', 404, 'Plan not found'),
  planClosed: () => new AppError('plans.plan_closed', 409, 'A closed plan cannot be changed'),
  invalidTransition: (from: string, to: string) =>
    new AppError('plans.invalid_transition', 409, `A plan cannot go from ${from} to ${to}`, { status: 'invalid_value' }),
  revisionExists: () => new AppError('plans.revision_exists', 409, 'This year already has a revision', { year: 'invalid_value' }),
  stageNotFound: () => new AppError('plans.stage_not_found', 404, 'Stage not found'),
  stageNotOpen: () => new AppError('plans.stage_not_open', 409, "The activity's stage is not open"),
  stageOutsideHorizon: (field: string) =>
    new AppError('plans.stage_outside_horizon', 400, "The stage's dates lie outside the plan's strategic horizon", { [field]: 'invalid_value' }),
  stagesOverlap: () => new AppError('plans.stages_overlap', 409, 'Stages of a plan cannot overlap', { startsOn: 'invalid_value', endsOn: 'invalid_value' }),
  activityNotFound: () => new AppError('plans.activity_not_found', 404, 'Activity not found'),
  activityClosed: () => new AppError('plans.activity_closed', 409, 'The activity does not take input now'),
  committeeNotFound: () => new AppError('plans.committee_not_found', 404, 'Committee not found'),
  documentNotFound: () => new AppError('plans.upstream_document_not_found', 404, 'Upstream document not found'),
  memberNotFound: (fields: Record<string, string>) =>
    new AppError('plans.member_not_found', 404, 'Not a member of this organization', fields),
  attachmentNotFound: (field: string) => new AppError('plans.attachment_not_found', 404, 'Attachment not found', { [field]: 'invalid_value' }),
  invalid: (fields: Record<string, string>) => new AppError('common.validation_failed', 400, 'Validation failed', fields),
};

/** Turns a database constraint violation into this module's error; anything else is rethrown as is. */
export function mapConstraintError(error: unknown): never {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.code ?? e.driverError?.code;
  const constraint = e.constraint ?? e.driverError?.constraint;
  if (code === '23P01' && constraint === 'ex_stage_overlap') throw PlanErrors.stagesOverlap();
  if (code === '23503' && (constraint === 'fk_committee_member_membership' || constraint === 'fk_committee_secretary')) {
    throw PlanErrors.memberNotFound({ memberIds: 'invalid_value' });
  }
  if (code === '23503' && constraint === 'fk_committee_theme_theme') {
    throw new AppError('organizations.theme_not_found', 404, 'Theme not found', { themeIds: 'invalid_value' });
  }
  throw error;
}
