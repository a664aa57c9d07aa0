import { AppError } from '../../common/errors/app-error';

/** The surveys module's errors, in one place. */
export const SurveyErrors = {
  notSurvey: () => new AppError('surveys.not_survey', 404, 'This activity is not a survey'),
  notFound: () => new AppError('surveys.not_found', 404, 'Survey not found'),
  invalidDefinition: (fields: Record<string, string>) => new AppError('surveys.invalid_definition', 400, 'The definition has problems', fields),
  frozen: () => new AppError('surveys.survey_frozen', 409, 'The survey has responses: only wording changes are accepted'),
  versionConflict: () => new AppError('surveys.version_conflict', 409, 'The survey changed since this version'),
  targetHasResponses: () => new AppError('surveys.target_has_responses', 409, 'The target survey already has responses'),
  notOpenYet: () => new AppError('surveys.not_open_yet', 409, 'The survey is not open yet'),
  closed: () => new AppError('surveys.closed', 409, 'The survey is closed'),
  notInAudience: () => new AppError('surveys.not_in_audience', 403, 'This survey is for another audience'),
  inviteRequired: () => new AppError('surveys.invite_required', 403, 'This survey is answered through a personal link'),
  inviteInvalid: () => new AppError('surveys.invite_invalid', 404, 'No such invitation link'),
  inviteExpired: () => new AppError('surveys.invite_expired', 410, 'The invitation link has expired'),
  inviteUsed: () => new AppError('surveys.invite_used', 409, 'The invitation link was already used'),
  inviteRevoked: () => new AppError('surveys.invite_revoked', 410, 'The invitation link was revoked'),
  inviteNotFound: () => new AppError('surveys.invite_not_found', 404, 'Invite not found'),
  invalidResponse: (fields: Record<string, string>) => new AppError('surveys.invalid_response', 400, 'Some answers are not valid', fields),
  alreadyResponded: () => new AppError('surveys.already_responded', 409, 'A response was already submitted'),
  notSubmitted: () => new AppError('surveys.not_submitted', 409, 'Nothing submitted to edit'),
  imageOnly: () => new AppError('attachments.type_not_allowed', 415, 'Only an image answers a file question'),
  attachmentNotFound: (questionId: string) => new AppError('surveys.attachment_not_found', 404, 'Attachment not found', { [questionId]: 'invalid_value' }),
  unauthenticated: () => new AppError('identity.unauthenticated', 401, 'Sign in to answer'),
  expiryInPast: () => new AppError('common.validation_failed', 400, 'Validation failed', { expiresAt: 'invalid_value' }),
};
