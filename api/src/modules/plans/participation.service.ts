import { Injectable } from '@nestjs/common';
import type { TActivity, TParticipationCheck } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/http/request-context';
import type { MembershipRow } from '../identity/memberships.repository';
import { PlanErrors } from './plans.errors';

/**
 * Who may take part in an activity now. Modules that collect input (problems, consultations,
 * surveys, thinktank) call `assertCanTakePart` before accepting a contribution.
 */
@Injectable()
export class ParticipationService {
  /** Whether the person may take part now, and if not, the error code that says why. */
  check(activity: Pick<TActivity, 'isOpen' | 'participation'>, actor: Actor | undefined, membership: MembershipRow | null): TParticipationCheck {
    if (!activity.isOpen) return { canTakePart: false, reason: 'plans.activity_closed' };
    const rule = activity.participation;
    if (rule.audience === 'everyone') return { canTakePart: true };
    if (!actor) return { canTakePart: false, reason: 'identity.unauthenticated' };
    if (rule.audience === 'signed_in' || actor.isSuperadmin) return { canTakePart: true };
    const allowed = !!membership && membership.roles.some((r) => rule.roles.includes(r));
    return allowed ? { canTakePart: true } : { canTakePart: false, reason: 'identity.forbidden' };
  }

  /**
   * Throws unless the person may take part now: 409 `plans.activity_closed`, 401
   * `identity.unauthenticated` (anonymous where sign-in is needed), 403 `identity.forbidden`
   * (lacking the roles).
   */
  assertCanTakePart(activity: Pick<TActivity, 'isOpen' | 'participation'>, actor: Actor | undefined, membership: MembershipRow | null): void {
    const result = this.check(activity, actor, membership);
    if (result.canTakePart) return;
    if (result.reason === 'plans.activity_closed') throw PlanErrors.activityClosed();
    if (result.reason === 'identity.unauthenticated') throw new AppError('identity.unauthenticated', 401, 'Sign in to take part');
    throw new AppError('identity.forbidden', 403, 'Your roles do not allow taking part');
  }
}
