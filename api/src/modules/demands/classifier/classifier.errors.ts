import { AppError } from '../../../common/errors/app-error';

/** The demands classifier's errors, in one place. */
export const ClassifierErrors = {
  demandNotFound: () => new AppError('demand_suggestions.demand_not_found', 404, 'Demand not found'),
  suggestionNotFound: () => new AppError('demand_suggestions.not_found', 404, 'Suggestion not found'),
  alreadyDecided: () => new AppError('demand_suggestions.already_decided', 409, 'The suggestion was already accepted or rejected'),
  themeArchived: () => new AppError('demand_suggestions.theme_archived', 409, 'The suggested theme is archived'),
  busy: () => new AppError('demand_classifier.busy', 503, 'The classifier is busy; try again shortly'),
  tooLarge: () => new AppError('demand_classifier.too_large', 413, 'The training ran out of time or memory'),
};

/** The code stored on a model whose training failed for good. */
export const TRAINING_FAILED = 'demand_classifier.failed';
