import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MembershipRow } from './memberships.repository';

/** A live session with what the guard needs of its account. */
export type LiveSession = { id: string; accountId: string; isSuperadmin: boolean; expiresAt: Date; lastSeenAt: Date };

/** A live session with the person's membership in one organisation (null when not a member). */
export type LiveSessionInOrganization = LiveSession & { membership: MembershipRow | null };

/** A session as its owner sees it in their data export (no token hash). */
export type SessionSummary = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** Queries on session. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(input: {
    tokenHash: Buffer;
    accountId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO session (token_hash, account_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.tokenHash, input.accountId, input.expiresAt, input.ip, input.userAgent],
    );
    return row.id;
  }

  /** One indexed lookup: the unexpired session of an active account with this token hash. */
  async findLive(tokenHash: Buffer): Promise<LiveSession | null> {
    const rows: LiveSession[] = await this.db.query(
      `SELECT s.id, s.account_id AS "accountId", a.is_superadmin AS "isSuperadmin",
              s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt"
       FROM session s JOIN account a ON a.id = s.account_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND a.status = 'active'`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * The session and the membership in `organizationId` in one round trip: every organisation-scoped
   * request needs both, and this is the hottest query of the API.
   */
  async findLiveIn(tokenHash: Buffer, organizationId: string): Promise<LiveSessionInOrganization | null> {
    const rows: (LiveSession & { m: MembershipRow | null })[] = await this.db.query(
      `SELECT s.id, s.account_id AS "accountId", a.is_superadmin AS "isSuperadmin",
              s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
              CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
                'id', m.id, 'organizationId', m.organization_id, 'accountId', m.account_id,
                'roles', m.roles, 'districtId', m.district_id, 'joinedAt', m.joined_at) END AS m
       FROM session s JOIN account a ON a.id = s.account_id
       LEFT JOIN membership m ON m.account_id = s.account_id AND m.organization_id = $2
       WHERE s.token_hash = $1 AND s.expires_at > now() AND a.status = 'active'`,
      [tokenHash, organizationId],
    );
    const row = rows[0];
    if (!row) return null;
    const { m, ...session } = row;
    return { ...session, membership: m ? { ...m, joinedAt: new Date(m.joinedAt) } : null };
  }

  async touch(id: string, minSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE session SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
      [id, minSeconds],
    );
  }

  async deleteByHash(tokenHash: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM session WHERE token_hash = $1`, [tokenHash]);
  }

  async deleteById(id: string): Promise<void> {
    await this.db.query(`DELETE FROM session WHERE id = $1`, [id]);
  }

  async deleteAllOf(accountId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db.manager).query(`DELETE FROM session WHERE account_id = $1`, [accountId]);
  }

  listOf(accountId: string): Promise<SessionSummary[]> {
    return this.db.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"
       FROM session WHERE account_id = $1 ORDER BY created_at DESC`,
      [accountId],
    );
  }

  /** Drops sessions that ended (housekeeping). */
  async pruneExpired(): Promise<void> {
    await this.db.query(`DELETE FROM session WHERE expires_at < now()`);
  }
}
