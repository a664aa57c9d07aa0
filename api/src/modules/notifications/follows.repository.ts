import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FollowTargetType } from './notification.entities';

/** Queries on follow. */
@Injectable()
export class FollowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent: following twice keeps one row (uq_follow_target). */
  async add(organizationId: string, accountId: string, targetType: FollowTargetType, targetId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO follow (organization_id, account_id, target_type, target_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_follow_target DO NOTHING`,
      [organizationId, accountId, targetType, targetId],
    );
  }

  async remove(organizationId: string, accountId: string, targetType: FollowTargetType, targetId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM follow WHERE organization_id = $1 AND account_id = $2 AND target_type = $3 AND target_id = $4`,
      [organizationId, accountId, targetType, targetId],
    );
  }

  /** What one person follows in an organisation, latest first. */
  followedBy(organizationId: string, accountId: string): Promise<{ targetType: FollowTargetType; targetId: string; createdAt: Date }[]> {
    return this.db.query(
      `SELECT target_type AS "targetType", target_id AS "targetId", created_at AS "createdAt" FROM follow
       WHERE organization_id = $1 AND account_id = $2 ORDER BY created_at DESC, target_id DESC`,
      [organizationId, accountId],
    );
  }

  /** Follower counts and whether `accountId` follows, for many targets in one query. */
  state(
    accountId: string | null,
    targetType: FollowTargetType,
    targetIds: string[],
  ): Promise<{ targetId: string; following: boolean; followerCount: number }[]> {
    return this.db.query(
      `SELECT t.id AS "targetId",
              count(f.account_id)::int AS "followerCount",
              coalesce(bool_or(f.account_id = $1::uuid), false) AS following
       FROM unnest($3::uuid[]) AS t(id)
       LEFT JOIN follow f ON f.target_type = $2 AND f.target_id = t.id
       GROUP BY t.id`,
      [accountId, targetType, targetIds],
    );
  }
}
