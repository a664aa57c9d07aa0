import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TOpinionGroups } from '@hamandishi/contracts';

/** The previous groups as stored: labels, centres, and components by statement id. */
export type StoredBasis = { labels: number[]; centroids: number[][]; components: Record<string, [number, number]> };

/** The votes of a session, one row per participant: "statement index:vote,..." (indexes follow `statementIds`). */
export type SessionVotes = { statementIds: string[]; participants: { accountId: string; votes: string }[] };

/** Opinion votes and the stored opinion groups of sessions. */
@Injectable()
export class OpinionRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Records (or changes) a vote on a visible statement of the session; false when there is none. */
  async vote(organizationId: string, sessionId: string, statementId: string, accountId: string, value: -1 | 0 | 1): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote)
       SELECT $1, session_id, id, $4, $5 FROM thinktank_statement
       WHERE organization_id = $1 AND session_id = $2 AND id = $3 AND NOT is_hidden
       ON CONFLICT (statement_id, account_id) DO UPDATE SET vote = EXCLUDED.vote, updated_at = now()
       RETURNING statement_id`,
      [organizationId, sessionId, statementId, accountId, value],
    );
    return rows.length > 0;
  }

  /**
   * Marks a computation as queued unless one already is: true when the caller should queue the
   * job. A mark older than `staleSeconds` (its job lost) no longer counts.
   */
  async markQueued(organizationId: string, sessionId: string, staleSeconds: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO thinktank_opinion_result (session_id, organization_id, queued_at) VALUES ($2, $1, now())
       ON CONFLICT (session_id) DO UPDATE SET queued_at = now()
         WHERE thinktank_opinion_result.queued_at IS NULL OR thinktank_opinion_result.queued_at < now() - make_interval(secs => $3)
       RETURNING session_id`,
      [organizationId, sessionId, staleSeconds],
    );
    return rows.length > 0;
  }

  /** The job has started: votes cast from now on queue the next computation. */
  async clearQueued(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE thinktank_opinion_result SET queued_at = NULL WHERE session_id = $1`, [sessionId]);
  }

  /** Every vote on the session's visible statements, grouped by participant (arrays, not a million row objects). */
  async votes(organizationId: string, sessionId: string): Promise<SessionVotes> {
    const statements: { id: string }[] = await this.db.query(
      `SELECT id FROM thinktank_statement WHERE organization_id = $1 AND session_id = $2 AND NOT is_hidden ORDER BY created_at, id`,
      [organizationId, sessionId],
    );
    // Votes are reached through the session's statements only (no second condition on the session):
    // with stale statistics after a burst of votes, a session filter on the vote table made the
    // planner intersect two bitmaps once per statement (a minute for 1M votes instead of seconds).
    // The aggregation of a large session gets enough memory not to spill to disk. Each participant's
    // votes come as one string, decoded in the worker thread.
    const participants = await this.db.transaction(async (m) => {
      await m.query(`SET LOCAL work_mem = '64MB'`);
      return (await m.query(
        `WITH st AS (
           SELECT id, (row_number() OVER (ORDER BY created_at, id) - 1)::int AS j
           FROM thinktank_statement WHERE organization_id = $1 AND session_id = $2 AND NOT is_hidden)
         SELECT v.account_id AS "accountId", string_agg(st.j || ':' || v.vote, ',') AS votes
         FROM st JOIN thinktank_opinion_vote v ON v.statement_id = st.id
         GROUP BY v.account_id ORDER BY v.account_id`,
        [organizationId, sessionId],
      )) as { accountId: string; votes: string }[];
    });
    return { statementIds: statements.map((s) => s.id), participants };
  }

  async basis(sessionId: string): Promise<StoredBasis | null> {
    const [row] = await this.db.query(`SELECT basis FROM thinktank_opinion_result WHERE session_id = $1`, [sessionId]);
    return row?.basis ?? null;
  }

  async store(
    organizationId: string,
    sessionId: string,
    result: TOpinionGroups,
    memberGroups: Record<string, number>,
    basis: StoredBasis | null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO thinktank_opinion_result (session_id, organization_id, computed_at, result, member_groups, basis)
       VALUES ($2, $1, now(), $3, $4, $5)
       ON CONFLICT (session_id) DO UPDATE SET computed_at = now(), result = EXCLUDED.result,
         member_groups = EXCLUDED.member_groups, basis = coalesce(EXCLUDED.basis, thinktank_opinion_result.basis)`,
      [organizationId, sessionId, JSON.stringify(result), JSON.stringify(memberGroups), basis ? JSON.stringify(basis) : null],
    );
  }
}
