import { AppError } from '../../common/errors/app-error';

/** The problems module's errors, in one place. */
export const ProblemErrors = {
  notFound: () => new AppError('problems.not_found', 404, 'Problem not found'),
  notProblemCollection: () =>
    new AppError('problems.not_problem_collection', 409, 'This activity does not collect problems'),
  capacityNotAllowed: () =>
    new AppError('problems.capacity_not_allowed', 403, 'You cannot file a problem in this capacity', {
      capacity: 'invalid_value',
    }),
  anonymousNotAllowed: () =>
    new AppError('problems.anonymous_not_allowed', 400, 'Anonymous problems are not allowed here', {
      isAnonymous: 'invalid_value',
    }),
  photoRequired: () =>
    new AppError('problems.photo_required', 400, 'This activity needs a photo', { photoIds: 'required' }),
  locationOutside: () =>
    new AppError('problems.location_outside', 400, 'The point lies outside the city', { location: 'invalid_value' }),
  photoNotFound: () =>
    new AppError('problems.photo_not_found', 404, 'Photo not found or already used', { photoIds: 'invalid_value' }),
  photoInvalid: () => new AppError('problems.photo_invalid', 400, 'Not a valid JPEG, PNG or WebP image'),
  photoTooLarge: () => new AppError('problems.photo_too_large', 413, 'The photo is too large'),
  notSupportable: () => new AppError('problems.not_supportable', 409, 'This problem cannot be supported'),
  ownProblem: () => new AppError('problems.own_problem', 409, 'You cannot support your own problem'),
  invalidTransition: (from: string, to: string) =>
    new AppError('problems.invalid_transition', 409, `A problem cannot go from ${from} to ${to}`, {
      status: 'invalid_value',
    }),
  committeeNotFound: () =>
    new AppError('plans.committee_not_found', 404, "Committee not found in the problem's plan", {
      committeeId: 'invalid_value',
    }),
  merged: () => new AppError('problems.merged', 409, 'This problem was merged into another'),
  activityClosed: () => new AppError('plans.activity_closed', 409, 'The activity does not take input now'),
  mergeInvalid: (message: string) => new AppError('problems.merge_invalid', 409, message, { intoId: 'invalid_value' }),
};
