import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returningRows } from '../../database/returning-rows';
import type { DigestChannel, DigestFrequency, NotificationKind } from './notification.entities';

/** A notification as the bell shows it. */
export type NotificationRow = {
  id: string;
  kind: NotificationKind;
  organizationSlug: string | null;
  params: Record<string, string | number>;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

/** An account whose digest is due, claimed by this run. */
export type ClaimedDigest = {
  accountId: string;
  /** The previous digest's time, as PostgreSQL text (microseconds kept). */
  since: string | null;
  channel: DigestChannel;
  mobile: string | null;
  email: string | null;
};

/** Queries on notification and notification_preference. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One notification for every distinct follower of any of `targets`, except the actor, in a
   * single INSERT … SELECT; answers the inserted rows.
   */
  async fanOut(input: {
    organizationId: string;
    targets: { type: 'plan' | 'stage'; id: string }[];
    exceptAccountId: string | null;
    kind: NotificationKind;
    params: Record<string, string | number>;
    link: string | null;
  }): Promise<{ id: string; accountId: string; createdAt: Date }[]> {
    return returningRows(
      await this.db.query(
        `INSERT INTO notification (organization_id, account_id, kind, params, link)
         SELECT $1, r.account_id, $5, $6, $7
         FROM (
           SELECT DISTINCT f.account_id
           FROM follow f
           JOIN unnest($2::text[], $3::uuid[]) AS t(type, id) ON f.target_type = t.type AND f.target_id = t.id
           JOIN account a ON a.id = f.account_id AND a.status = 'active'
           WHERE f.organization_id = $1 AND ($4::uuid IS NULL OR f.account_id <> $4::uuid)
         ) r
         RETURNING id, account_id AS "accountId", created_at AS "createdAt"`,
        [
          input.organizationId,
          input.targets.map((t) => t.type),
          input.targets.map((t) => t.id),
          input.exceptAccountId,
          input.kind,
          JSON.stringify(input.params),
          input.link,
        ],
      ),
    );
  }

  /** One notification per listed account (active ones, deduplicated), in one INSERT…SELECT. */
  async insertForAccounts(input: {
    organizationId: string;
    accountIds: string[];
    kind: NotificationKind;
    params: Record<string, string | number>;
    link: string | null;
  }): Promise<{ id: string; accountId: string; createdAt: Date }[]> {
    return returningRows(
      await this.db.query(
        `INSERT INTO notification (organization_id, account_id, kind, params, link)
         SELECT $1, a.id, $3, $4, $5
         FROM account a
         WHERE a.id = ANY (SELECT DISTINCT unnest($2::uuid[])) AND a.status = 'active'
         RETURNING id, account_id AS "accountId", created_at AS "createdAt"`,
        [input.organizationId, input.accountIds, input.kind, JSON.stringify(input.params), input.link],
      ),
    );
  }

  /** The slug a pushed notification carries. */
  async organizationSlug(organizationId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT slug FROM organization WHERE id = $1`, [organizationId]);
    return row?.slug ?? null;
  }

  /** The newest notifications of one person, after the `cursor` notification (keyset on created_at, id). */
  page(accountId: string, cursor: string | null, limit: number): Promise<NotificationRow[]> {
    return this.db.query(
      `SELECT n.id, n.kind, o.slug AS "organizationSlug", n.params, n.link, n.read_at AS "readAt", n.created_at AS "createdAt"
       FROM notification n LEFT JOIN organization o ON o.id = n.organization_id
       WHERE n.account_id = $1
         AND ($2::uuid IS NULL OR (n.created_at, n.id) < (SELECT c.created_at, c.id FROM notification c WHERE c.id = $2::uuid AND c.account_id = $1))
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $3`,
      [accountId, cursor, limit],
    );
  }

  async unreadCount(accountId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM notification WHERE account_id = $1 AND read_at IS NULL`, [accountId]);
    return row.n;
  }

  /** Marks some (or, with null, all) of one person's notifications read. */
  async markRead(accountId: string, ids: string[] | null): Promise<void> {
    await this.db.query(
      `UPDATE notification SET read_at = now()
       WHERE account_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [accountId, ids],
    );
  }

  async preferences(accountId: string): Promise<{ digest: DigestFrequency; channel: DigestChannel }> {
    const [row] = await this.db.query(`SELECT digest, channel FROM notification_preference WHERE account_id = $1`, [accountId]);
    return row ?? { digest: 'daily', channel: 'sms' };
  }

  async savePreferences(accountId: string, digest: DigestFrequency, channel: DigestChannel): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preference (account_id, digest, channel) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET digest = EXCLUDED.digest, channel = EXCLUDED.channel`,
      [accountId, digest, channel],
    );
  }

  /**
   * Claims up to `limit` accounts whose digest period has passed and who have unread
   * notifications since their last digest: stamps last_digest_at now (so no other process sends
   * the same digest) and answers the previous stamp.
   */
  async claimDueDigests(limit: number): Promise<ClaimedDigest[]> {
    // Accounts with unread notifications get their default preference row first.
    await this.db.query(
      `INSERT INTO notification_preference (account_id)
       SELECT DISTINCT account_id FROM notification WHERE read_at IS NULL
       ON CONFLICT (account_id) DO NOTHING`,
    );
    return returningRows(
      await this.db.query(
        `UPDATE notification_preference p SET last_digest_at = now()
         FROM (
           SELECT d.account_id, d.last_digest_at
           FROM notification_preference d
           JOIN account a ON a.id = d.account_id AND a.status = 'active'
           WHERE d.digest <> 'none'
             AND (d.last_digest_at IS NULL
                  OR d.last_digest_at <= now() - CASE d.digest WHEN 'weekly' THEN interval '7 days' ELSE interval '1 day' END)
             AND EXISTS (SELECT 1 FROM notification n
                         WHERE n.account_id = d.account_id AND n.read_at IS NULL
                           AND n.created_at > coalesce(d.last_digest_at, '-infinity'))
           ORDER BY d.account_id
           LIMIT $1
           FOR UPDATE OF d SKIP LOCKED
         ) due
         JOIN account a ON a.id = due.account_id
         WHERE p.account_id = due.account_id
         RETURNING p.account_id AS "accountId", due.last_digest_at::text AS since, p.channel, a.mobile, a.email`,
        [limit],
      ),
    );
  }

  /** Gives a claimed digest back (its message could not be written). */
  async releaseDigest(accountId: string, since: string | null): Promise<void> {
    await this.db.query(`UPDATE notification_preference SET last_digest_at = $2 WHERE account_id = $1`, [accountId, since]);
  }

  /** How many unread notifications one person got after `since`, and the newest few. */
  async unreadSince(accountId: string, since: string | null, take: number): Promise<{ total: number; newest: NotificationRow[] }> {
    const rows: (NotificationRow & { total: number })[] = await this.db.query(
      `SELECT n.id, n.kind, NULL AS "organizationSlug", n.params, n.link, n.read_at AS "readAt", n.created_at AS "createdAt",
              count(*) OVER ()::int AS total
       FROM notification n
       WHERE n.account_id = $1 AND n.read_at IS NULL AND n.created_at > coalesce($2::timestamptz, '-infinity')
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $3`,
      [accountId, since, take],
    );
    return { total: rows[0]?.total ?? 0, newest: rows };
  }
}
