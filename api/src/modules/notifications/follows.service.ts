import { Injectable } from '@nestjs/common';
import { ZUuid } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { FollowsRepository } from './follows.repository';
import type { FollowTargetType } from './notification.entities';

export type { FollowTargetType } from './notification.entities';

/**
 * How the module that owns a kind of target (plans: plans and stages) lets this module check it.
 * `planIdOf` maps a stage to its plan (for callers that only know the stage).
 */
export type FollowTarget = {
  exists(organizationId: string, id: string): Promise<boolean>;
  planIdOf?(organizationId: string, stageId: string): Promise<string | null>;
};

/** What the follow button shows. */
export type FollowState = { following: boolean; followerCount: number };

/** People following plans and stages, to be told when they move. */
@Injectable()
export class FollowsService {
  private readonly targets = new Map<FollowTargetType, FollowTarget>();

  constructor(private readonly repository: FollowsRepository) {}

  /** Called by the owning module on init; following an unregistered type answers 404. */
  registerTarget(targetType: FollowTargetType, target: FollowTarget): void {
    this.targets.set(targetType, target);
  }

  /** The registered target of a type (the notifier uses `planIdOf`). */
  targetOf(targetType: FollowTargetType): FollowTarget | undefined {
    return this.targets.get(targetType);
  }

  /** Follower counts and one's own state for many targets, in one query (every id present). */
  async followState(accountId: string | null, targetType: FollowTargetType, targetIds: string[]): Promise<Map<string, FollowState>> {
    const result = new Map<string, FollowState>(targetIds.map((id) => [id, { following: false, followerCount: 0 }]));
    if (targetIds.length === 0) return result;
    for (const row of await this.repository.state(accountId, targetType, [...new Set(targetIds)])) {
      result.set(row.targetId, { following: row.following, followerCount: row.followerCount });
    }
    return result;
  }

  /** What one person follows in an organisation, latest first (a person follows a handful of plans and stages). */
  followedBy(organizationId: string, accountId: string): Promise<{ targetType: FollowTargetType; targetId: string; createdAt: Date }[]> {
    return this.repository.followedBy(organizationId, accountId);
  }

  /** Follows (idempotent) and answers the new state. */
  async follow(organizationId: string, accountId: string, targetType: FollowTargetType, targetId: string): Promise<FollowState> {
    await this.assertTarget(organizationId, targetType, targetId);
    await this.repository.add(organizationId, accountId, targetType, targetId);
    return (await this.followState(accountId, targetType, [targetId])).get(targetId)!;
  }

  /** Unfollows (idempotent) and answers the new state. */
  async unfollow(organizationId: string, accountId: string, targetType: FollowTargetType, targetId: string): Promise<FollowState> {
    await this.assertTarget(organizationId, targetType, targetId);
    await this.repository.remove(organizationId, accountId, targetType, targetId);
    return (await this.followState(accountId, targetType, [targetId])).get(targetId)!;
  }

  private async assertTarget(organizationId: string, targetType: string, targetId: string): Promise<void> {
    const target = this.targets.get(targetType as FollowTargetType);
    if (!target || !ZUuid.safeParse(targetId).success || !(await target.exists(organizationId, targetId))) {
      throw new AppError('notifications.target_not_found', 404, 'Nothing to follow here');
    }
  }
}
