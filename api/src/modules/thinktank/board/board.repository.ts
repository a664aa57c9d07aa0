import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BOARD_POST_LIMIT,
  type OpinionVote,
  type TBoardCluster,
  type TBoardPoll,
  type TBoardStatement,
  type ThinktankBoardStatus,
  type TOpinionGroups,
} from '@hamandishi/contracts';
import { returningRows } from '../../../database/returning-rows';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** The session as the board needs it. */
export type BoardSessionRow = { id: string; organizationId: string; topic: string; boardStatus: ThinktankBoardStatus };

/** The board's state rows for one viewer, from one query. */
export type BoardStateRow = BoardSessionRow & {
  statements: TBoardStatement[];
  clusters: TBoardCluster[];
  polls: TBoardPoll[];
  myUpvotes: string[] | null;
  myVotes: Record<string, OpinionVote> | null;
  myPollAnswers: Record<string, number> | null;
  opinion: TOpinionGroups | null;
  myGroup: number | null;
};

const STATEMENT_JSON = (alias: string) => `json_build_object(
  'id', ${alias}.id, 'text', ${alias}.text, 'authorId', ${alias}.author_id, 'clusterId', ${alias}.cluster_id,
  'isPinned', ${alias}.is_pinned, 'isHidden', ${alias}.is_hidden, 'upvoteCount', ${alias}.upvote_count,
  'createdAt', to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

const STATEMENT_COLUMNS = `id, text, author_id AS "authorId", cluster_id AS "clusterId", is_pinned AS "isPinned",
  is_hidden AS "isHidden", upvote_count AS "upvoteCount", created_at AS "createdAt"`;

// Counts per option in option order, zeros included.
const POLL_JSON = (alias: string) => `json_build_object(
  'id', ${alias}.id, 'question', ${alias}.question, 'options', ${alias}.options,
  'counts', (SELECT coalesce(json_agg(coalesce(a.n, 0) ORDER BY i), '[]'::json)
             FROM generate_series(0, jsonb_array_length(${alias}.options) - 1) i
             LEFT JOIN (SELECT option_index, count(*)::int AS n FROM thinktank_poll_answer WHERE poll_id = ${alias}.id GROUP BY 1) a ON a.option_index = i),
  'closesAt', to_char(${alias}.closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'isClosed', ${alias}.closed_at IS NOT NULL OR ${alias}.closes_at <= now())`;

/** How many recent polls the board state carries. */
const POLLS_IN_STATE = 5;

/** The live board's tables: statements, up-votes, clusters and polls. */
@Injectable()
export class BoardRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** A session by id alone (the socket knows no municipality yet); its organisation comes with it. */
  async session(sessionId: string): Promise<BoardSessionRow | null> {
    const [row] = await this.db.query(
      `SELECT id, organization_id AS "organizationId", topic, board_status AS "boardStatus" FROM thinktank_session WHERE id = $1`,
      [sessionId],
    );
    return row ?? null;
  }

  /**
   * Everything one viewer needs to draw the board, in one query: statements (hidden ones only for
   * the facilitator), clusters, recent polls with counts, one's own up-votes, opinion votes and poll
   * answers, and the stored opinion groups with one's own group.
   */
  async state(organizationId: string, sessionId: string, accountId: string, withHidden: boolean): Promise<BoardStateRow | null> {
    const [row] = await this.db.query(
      `SELECT s.id, s.organization_id AS "organizationId", s.topic, s.board_status AS "boardStatus",
         (SELECT coalesce(json_agg(${STATEMENT_JSON('st')} ORDER BY st.created_at, st.id), '[]'::json)
            FROM thinktank_statement st WHERE st.session_id = s.id AND ($4 OR NOT st.is_hidden)) AS statements,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'label', c.label, 'position', c.position) ORDER BY c.position, c.created_at), '[]'::json)
            FROM thinktank_cluster c WHERE c.session_id = s.id) AS clusters,
         (SELECT coalesce(json_agg(${POLL_JSON('p')} ORDER BY p.created_at DESC), '[]'::json)
            FROM (SELECT * FROM thinktank_poll WHERE session_id = s.id ORDER BY created_at DESC LIMIT ${POLLS_IN_STATE}) p) AS polls,
         (SELECT array_agg(u.statement_id) FROM thinktank_statement_upvote u JOIN thinktank_statement st ON st.id = u.statement_id
            WHERE st.session_id = s.id AND u.account_id = $3) AS "myUpvotes",
         (SELECT json_object_agg(v.statement_id, CASE v.vote WHEN 1 THEN 'agree' WHEN -1 THEN 'disagree' ELSE 'pass' END)
            FROM thinktank_opinion_vote v WHERE v.session_id = s.id AND v.account_id = $3) AS "myVotes",
         (SELECT json_object_agg(a.poll_id, a.option_index) FROM thinktank_poll_answer a JOIN thinktank_poll p ON p.id = a.poll_id
            WHERE p.session_id = s.id AND a.account_id = $3) AS "myPollAnswers",
         r.result AS opinion, (r.member_groups ->> $3::text)::int AS "myGroup"
       FROM thinktank_session s
       LEFT JOIN thinktank_opinion_result r ON r.session_id = s.id
       WHERE s.id = $2 AND s.organization_id = $1`,
      [organizationId, sessionId, accountId, withHidden],
    );
    return row ?? null;
  }

  /**
   * Stores a statement when the board is open and the author is under the posting rate, in one
   * statement; null when nothing was inserted (a duplicate id, a closed board or the rate: the
   * caller asks `whyNotPosted`). The client's id makes a retried post a no-op.
   */
  async insertStatement(
    organizationId: string,
    sessionId: string,
    input: { id: string; authorId: string; text: string; textKey: string },
  ): Promise<TBoardStatement | null> {
    const [row] = await this.db.query(
      `INSERT INTO thinktank_statement (id, organization_id, session_id, author_id, text, text_key)
       SELECT $3, s.organization_id, s.id, $4, $5, $6 FROM thinktank_session s
       WHERE s.id = $2 AND s.organization_id = $1 AND s.board_status = 'open'
         AND (SELECT count(*) FROM thinktank_statement WHERE session_id = $2 AND author_id = $4
              AND created_at > now() - make_interval(secs => $7)) < $8
       ON CONFLICT (id) DO NOTHING
       RETURNING ${STATEMENT_COLUMNS}`,
      [organizationId, sessionId, input.id, input.authorId, input.text, input.textKey, BOARD_POST_LIMIT.seconds, BOARD_POST_LIMIT.count],
    );
    return row ? statementView(row) : null;
  }

  /** Why a statement was not inserted: its id exists (whose), the board's status, the author's recent count. */
  async whyNotPosted(
    sessionId: string,
    statementId: string,
    authorId: string,
  ): Promise<{ existing: (TBoardStatement & { sessionId: string }) | null; boardStatus: ThinktankBoardStatus | null; recent: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT json_build_object('sessionId', st.session_id, 'statement', ${STATEMENT_JSON('st')}) FROM thinktank_statement st WHERE st.id = $2) AS existing,
              (SELECT board_status FROM thinktank_session WHERE id = $1) AS "boardStatus",
              (SELECT count(*)::int FROM thinktank_statement WHERE session_id = $1 AND author_id = $3
                 AND created_at > now() - make_interval(secs => $4)) AS recent`,
      [sessionId, statementId, authorId, BOARD_POST_LIMIT.seconds],
    );
    const existing = row.existing ? { ...(row.existing.statement as TBoardStatement), sessionId: row.existing.sessionId as string } : null;
    return { existing, boardStatus: row.boardStatus, recent: row.recent };
  }

  /** A statement of the session (hidden ones included). */
  async statement(sessionId: string, statementId: string, q: Queryable = this.db): Promise<TBoardStatement | null> {
    const [row] = await q.query(`SELECT ${STATEMENT_COLUMNS} FROM thinktank_statement WHERE session_id = $1 AND id = $2`, [sessionId, statementId]);
    return row ? statementView(row) : null;
  }

  /**
   * Adds or removes one's up-vote; the count moves in the same statement as the up-vote row, and
   * only on a statement that is not hidden. Null when there is no such visible statement.
   */
  async setUpvote(sessionId: string, statementId: string, accountId: string, on: boolean): Promise<TBoardStatement | null> {
    const change = on
      ? `INSERT INTO thinktank_statement_upvote (statement_id, account_id) SELECT id, $3 FROM target ON CONFLICT DO NOTHING RETURNING statement_id`
      : `DELETE FROM thinktank_statement_upvote WHERE statement_id IN (SELECT id FROM target) AND account_id = $3 RETURNING statement_id`;
    const rows = returningRows<Record<string, unknown>>(
      await this.db.query(
        `WITH target AS (SELECT id FROM thinktank_statement WHERE session_id = $1 AND id = $2 AND NOT is_hidden),
              changed AS (${change})
         UPDATE thinktank_statement SET upvote_count = upvote_count ${on ? '+' : '-'} (SELECT count(*) FROM changed)
         WHERE id IN (SELECT id FROM target) RETURNING ${STATEMENT_COLUMNS}`,
        [sessionId, statementId, accountId],
      ),
    );
    return rows[0] ? statementView(rows[0]) : null;
  }

  /** Sets a statement's cluster, pin or hidden flag; null when the statement (or the cluster) is not the session's. */
  async updateStatement(
    q: Queryable,
    sessionId: string,
    statementId: string,
    change: { clusterId?: string | null; isPinned?: boolean; isHidden?: boolean },
  ): Promise<TBoardStatement | null> {
    const rows = returningRows<Record<string, unknown>>(
      await q.query(
        `UPDATE thinktank_statement SET
           cluster_id = CASE WHEN $3 THEN $4::uuid ELSE cluster_id END,
           is_pinned = coalesce($5, is_pinned),
           is_hidden = coalesce($6, is_hidden)
         WHERE session_id = $1 AND id = $2
           AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM thinktank_cluster WHERE session_id = $1 AND id = $4))
         RETURNING ${STATEMENT_COLUMNS}`,
        [sessionId, statementId, change.clusterId !== undefined, change.clusterId ?? null, change.isPinned ?? null, change.isHidden ?? null],
      ),
    );
    return rows[0] ? statementView(rows[0]) : null;
  }

  /** Puts statements of the session into a cluster; returns those moved. */
  async assignMany(q: Queryable, sessionId: string, statementIds: string[], clusterId: string): Promise<TBoardStatement[]> {
    const rows = returningRows<Record<string, unknown>>(
      await q.query(
        `UPDATE thinktank_statement SET cluster_id = $3 WHERE session_id = $1 AND id = ANY($2::uuid[]) RETURNING ${STATEMENT_COLUMNS}`,
        [sessionId, statementIds, clusterId],
      ),
    );
    return rows.map(statementView);
  }

  async createCluster(q: Queryable, organizationId: string, sessionId: string, label: string): Promise<TBoardCluster> {
    const [row] = await q.query(
      `INSERT INTO thinktank_cluster (organization_id, session_id, label, position)
       VALUES ($1, $2, $3, (SELECT coalesce(max(position), -1) + 1 FROM thinktank_cluster WHERE session_id = $2))
       RETURNING id, label, position`,
      [organizationId, sessionId, label],
    );
    return row;
  }

  async renameCluster(sessionId: string, clusterId: string, label: string): Promise<TBoardCluster | null> {
    const rows = returningRows<TBoardCluster>(
      await this.db.query(`UPDATE thinktank_cluster SET label = $3 WHERE session_id = $1 AND id = $2 RETURNING id, label, position`, [
        sessionId,
        clusterId,
        label,
      ]),
    );
    return rows[0] ?? null;
  }

  /** Deletes a cluster; its statements become ungrouped (the foreign key sets their cluster to null). Returns those statements. */
  async deleteCluster(q: Queryable, sessionId: string, clusterId: string): Promise<{ deleted: boolean; released: TBoardStatement[] }> {
    const released = returningRows<Record<string, unknown>>(
      await q.query(`SELECT ${STATEMENT_COLUMNS} FROM thinktank_statement WHERE session_id = $1 AND cluster_id = $2 FOR UPDATE`, [sessionId, clusterId]),
    );
    const deleted = returningRows<unknown>(await q.query(`DELETE FROM thinktank_cluster WHERE session_id = $1 AND id = $2 RETURNING id`, [sessionId, clusterId]));
    return { deleted: deleted.length > 0, released: released.map((r) => statementView({ ...r, clusterId: null })) };
  }

  /**
   * Pairs of ungrouped, visible statements whose normalised texts are similar (pg_trgm), for
   * suggested groups. The threshold is the trigram similarity of two short sentences sharing their
   * key words.
   */
  async similarPairs(sessionId: string, threshold: number): Promise<{ a: string; b: string; similarity: number }[]> {
    return this.db.query(
      `SELECT x.id AS a, y.id AS b, similarity(x.text_key, y.text_key) AS similarity
       FROM thinktank_statement x
       JOIN thinktank_statement y ON y.session_id = x.session_id AND y.id > x.id AND NOT y.is_hidden AND y.cluster_id IS NULL
       WHERE x.session_id = $1 AND NOT x.is_hidden AND x.cluster_id IS NULL AND similarity(x.text_key, y.text_key) >= $2
       ORDER BY similarity DESC LIMIT 2000`,
      [sessionId, threshold],
    );
  }

  /** Texts of statements (for naming suggested groups). */
  async texts(sessionId: string, ids: string[]): Promise<{ id: string; text: string; textKey: string; upvoteCount: number }[]> {
    return this.db.query(
      `SELECT id, text, text_key AS "textKey", upvote_count AS "upvoteCount" FROM thinktank_statement WHERE session_id = $1 AND id = ANY($2::uuid[])`,
      [sessionId, ids],
    );
  }

  async setBoardStatus(q: Queryable, organizationId: string, sessionId: string, status: ThinktankBoardStatus): Promise<ThinktankBoardStatus | null> {
    const rows = returningRows<{ before: ThinktankBoardStatus }>(
      await q.query(
        `UPDATE thinktank_session s SET board_status = $3, updated_at = now()
         FROM (SELECT id, board_status AS before FROM thinktank_session WHERE id = $2 AND organization_id = $1 FOR UPDATE) old
         WHERE s.id = old.id RETURNING old.before`,
        [organizationId, sessionId, status],
      ),
    );
    return rows[0]?.before ?? null;
  }

  async createPoll(
    organizationId: string,
    sessionId: string,
    input: { question: string; options: string[]; seconds: number; createdBy: string },
  ): Promise<TBoardPoll> {
    const [row] = await this.db.query(
      `WITH p AS (
         INSERT INTO thinktank_poll (organization_id, session_id, question, options, closes_at, created_by)
         VALUES ($1, $2, $3, $4::jsonb, now() + make_interval(secs => $5), $6) RETURNING *)
       SELECT ${POLL_JSON('p')} AS poll FROM p`,
      [organizationId, sessionId, input.question, JSON.stringify(input.options), input.seconds, input.createdBy],
    );
    // The new poll has no answers yet; the CTE's subquery cannot see its row, so counts are built here.
    const poll = row.poll as TBoardPoll;
    return { ...poll, counts: input.options.map(() => 0) };
  }

  async poll(sessionId: string, pollId: string): Promise<(TBoardPoll & { optionCount: number }) | null> {
    const [row] = await this.db.query(
      `SELECT ${POLL_JSON('p')} AS poll, jsonb_array_length(p.options) AS "optionCount" FROM thinktank_poll p WHERE p.session_id = $1 AND p.id = $2`,
      [sessionId, pollId],
    );
    return row ? { ...(row.poll as TBoardPoll), optionCount: row.optionCount } : null;
  }

  /** Records (or changes) one's answer while the poll runs; false when it has closed. */
  async answerPoll(pollId: string, accountId: string, option: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO thinktank_poll_answer (poll_id, account_id, option_index)
       SELECT id, $2, $3 FROM thinktank_poll WHERE id = $1 AND closed_at IS NULL AND closes_at > now()
       ON CONFLICT (poll_id, account_id) DO UPDATE SET option_index = EXCLUDED.option_index, answered_at = now()
       RETURNING poll_id`,
      [pollId, accountId, option],
    );
    return rows.length > 0;
  }

  async closePoll(sessionId: string, pollId: string): Promise<boolean> {
    const rows = returningRows<unknown>(
      await this.db.query(`UPDATE thinktank_poll SET closed_at = coalesce(closed_at, now()) WHERE session_id = $1 AND id = $2 RETURNING id`, [
        sessionId,
        pollId,
      ]),
    );
    return rows.length > 0;
  }
}

/** A statement row as the wire shows it. */
export function statementView(row: Record<string, unknown>): TBoardStatement {
  const createdAt = row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt);
  return {
    id: row.id as string,
    text: row.text as string,
    authorId: (row.authorId as string | null) ?? null,
    clusterId: (row.clusterId as string | null) ?? null,
    isPinned: Boolean(row.isPinned),
    isHidden: Boolean(row.isHidden),
    upvoteCount: Number(row.upvoteCount),
    createdAt,
  };
}
