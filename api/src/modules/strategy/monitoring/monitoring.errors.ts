import { type FormulaErrorCode, formulaFieldCode } from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';

/** The monitoring module's errors, in one place. */
export const MonitoringErrors = {
  planNotFound: () => new AppError('strategy_monitoring.plan_not_found', 404, 'Plan not found'),
  indicatorNotFound: () => new AppError('strategy_monitoring.indicator_not_found', 404, 'Indicator not found', { indicatorId: 'invalid_value' }),
  projectNotFound: () => new AppError('strategy_monitoring.project_not_found', 404, 'Project not found', { projectId: 'invalid_value' }),
  ownerNotFound: () => new AppError('strategy_monitoring.measurement_not_found', 404, 'Measurement or report not found'),
  yearClosed: () => new AppError('strategy_monitoring.year_closed', 409, 'Monitoring of this year is closed', { year: 'invalid_value' }),
  yearOutsidePlan: () => new AppError('strategy_monitoring.year_outside_plan', 400, "The year is outside the plan's operational horizon", { year: 'year_outside_horizon' }),
  /** A formula that cannot be evaluated with the values sent: the field is the variable, else the formula. */
  formula: (code: FormulaErrorCode, variable?: string) =>
    new AppError('strategy_monitoring.formula_error', 400, `The indicator's formula cannot be evaluated: ${code}`, { [variable ? `values.${variable}` : 'formula']: formulaFieldCode(code) }),
  contactNotMember: () => new AppError('strategy_monitoring.contact_not_member', 400, 'The person is not a member of the municipality', { accountId: 'invalid_value' }),
};
