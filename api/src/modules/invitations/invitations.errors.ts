import { AppError } from '../../common/errors/app-error';

/** The invitations module's errors, in one place. */
export const InvitationErrors = {
  notFound: () => new AppError('invitations.not_found', 404, 'Invitation not found'),
  expired: () => new AppError('invitations.expired', 410, 'This invitation has expired'),
  used: () => new AppError('invitations.used', 409, 'This invitation has already been accepted'),
  revoked: () => new AppError('invitations.revoked', 409, 'This invitation has been revoked'),
  contactMismatch: () =>
    new AppError(
      'invitations.contact_mismatch',
      403,
      'This invitation was sent to another mobile or e-mail than the ones of your account',
    ),
  notPending: () => new AppError('invitations.not_pending', 409, 'Only a pending invitation can be resent or revoked'),
};
