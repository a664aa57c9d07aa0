import { AppError } from '../../common/errors/app-error';

/** The think-tank sessions' errors, in one place. */
export const ThinktankErrors = {
  sessionNotFound: () => new AppError('thinktank.session_not_found', 404, 'Session not found'),
  stageNotInPlan: () => new AppError('thinktank.stage_not_in_plan', 400, 'The stage is not a stage of this plan', { stageId: 'invalid_value' }),
  committeeNotInPlan: () =>
    new AppError('thinktank.committee_not_in_plan', 400, 'The committee is not a committee of this plan', { committeeId: 'invalid_value' }),
  facilitatorNotMember: () =>
    new AppError('thinktank.facilitator_not_member', 400, 'The facilitator must be a member of the municipality', { facilitatorId: 'invalid_value' }),
  notFacilitator: () => new AppError('thinktank.not_facilitator', 403, 'Only the facilitator or a planner can do this'),
  cancelled: () => new AppError('thinktank.session_cancelled', 409, 'The session was cancelled'),
  closed: () => new AppError('thinktank.session_closed', 409, 'The session is closed'),
  checkInNotOpen: (opensAt: Date) =>
    new AppError('thinktank.check_in_not_open', 409, `Check-in opens at ${opensAt.toISOString()}`, { opensAt: opensAt.toISOString() }),
  ended: () => new AppError('thinktank.session_ended', 409, 'The session has ended'),
  qrInvalid: () => new AppError('thinktank.qr_invalid', 400, 'This QR code is not valid'),
  qrOtherSession: () => new AppError('thinktank.qr_other_session', 409, 'This QR code belongs to another session'),
  notCheckedIn: () => new AppError('thinktank.not_checked_in', 409, 'This person has not checked in'),
  invitationNotFound: () => new AppError('thinktank.invitation_not_found', 404, 'Invitation not found'),
  invitationExpired: () => new AppError('thinktank.invitation_expired', 410, 'This invitation has expired'),
  notInvited: () => new AppError('thinktank.not_invited', 403, 'You are not invited to this session'),
  accountNotMember: (field: string) =>
    new AppError('thinktank.account_not_member', 400, 'Only members of the municipality can be invited by account', { [field]: 'invalid_value' }),
  stakeholderNotFound: (field: string) => new AppError('thinktank.stakeholder_not_found', 400, 'Stakeholder not found', { [field]: 'invalid_value' }),
  themeNotFound: () => new AppError('thinktank.theme_not_found', 400, 'Theme not found', { themeId: 'invalid_value' }),
  problemNotFound: () => new AppError('thinktank.problem_not_found', 400, 'Problem not found', { problemId: 'invalid_value' }),
  outputNotFound: () => new AppError('thinktank.output_not_found', 404, 'Output not found'),
  noMinutes: () => new AppError('thinktank.no_minutes', 409, 'Write the minutes before publishing them'),
};
