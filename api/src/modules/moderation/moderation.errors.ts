import { AppError } from '../../common/errors/app-error';

/** The moderation module's errors, in one place. */
export const ModerationErrors = {
  blocked: () => new AppError('moderation.blocked', 403, 'You are blocked from taking part in this organization'),
  cannotBlockSelf: () =>
    new AppError('moderation.cannot_block_self', 409, 'You cannot block yourself', { accountId: 'invalid_value' }),
  memberNotFound: () => new AppError('identity.membership_not_found', 404, 'Not a member of this organization'),
};
