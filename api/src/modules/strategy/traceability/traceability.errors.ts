import { AppError } from '../../../common/errors/app-error';

/** The traceability module's errors, in one place. */
export const TraceErrors = {
  planNotFound: () => new AppError('strategy_monitoring.plan_not_found', 404, 'Plan not found'),
  sourceNotFound: () => new AppError('strategy_trace.source_not_found', 404, 'No such demand, demand group or focus point in this plan', { sourceId: 'invalid_value' }),
  targetNotFound: () => new AppError('strategy_trace.target_not_found', 404, 'No such goal, output or project in this plan', { targetId: 'invalid_value' }),
  linkExists: () => new AppError('strategy_trace.link_exists', 409, 'These two are already linked'),
  linkNotFound: () => new AppError('strategy_trace.link_not_found', 404, 'Link not found'),
  projectNotFound: () => new AppError('strategy_trace.project_not_found', 404, 'Project not found'),
  problemNotFound: () => new AppError('strategy_trace.problem_not_found', 404, 'Problem not found'),
};
