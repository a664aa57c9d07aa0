import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type ALIGNMENTS, COMMENT_EDIT_MINUTES, type COMMENT_OUTCOMES, type CommentTarget, type REPORT_REASONS, type TPassage } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';

/** A connection or a transaction's manager: every query takes one, so services decide the transaction. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

type Alignment = (typeof ALIGNMENTS)[number];
type ReportReason = (typeof REPORT_REASONS)[number];
type CommentOutcome = (typeof COMMENT_OUTCOMES)[number];

/** A comment as shown to one viewer (their vote and whether they may still edit it). */
export type CommentViewRow = {
  id: string;
  targetType: CommentTarget;
  targetId: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  authorId: string | null;
  authorName: string | null;
  authorCapacity: string | null;
  body: string;
  alignment: Alignment | null;
  upvotes: number;
  downvotes: number;
  isOfficial: boolean;
  isHidden: boolean;
  hiddenReason: string | null;
  editedAt: Date | null;
  createdAt: Date;
  /** created_at with microseconds, for keyset cursors. */
  createdAtKey: string;
  myVote: -1 | 0 | 1;
  canEdit: boolean;
  passageStart: number | null;
  passageEnd: number | null;
  passageQuote: string | null;
  outcome: CommentOutcome | null;
  outcomeReason: string | null;
  outcomeAt: Date | null;
};

/** What a change needs to know of a comment. */
/** A comment in its author's own list ("my activity"). */
export type MyCommentRow = {
  id: string;
  targetType: CommentTarget;
  targetId: string;
  parentId: string | null;
  body: string;
  isOfficial: boolean;
  isHidden: boolean;
  outcome: CommentOutcome | null;
  outcomeReason: string | null;
  outcomeAt: Date | null;
  replyCount: number;
  createdAt: Date;
  createdAtKey: string;
};

export type CommentStateRow = {
  id: string;
  targetType: CommentTarget;
  targetId: string;
  rootId: string;
  depth: number;
  authorId: string | null;
  body: string;
  alignment: Alignment | null;
  isOfficial: boolean;
  isHidden: boolean;
  hiddenReason: string | null;
  outcome: CommentOutcome | null;
  outcomeReason: string | null;
  /** Still inside the author's edit window, by the database clock. */
  isEditable: boolean;
};

/** A comment in the moderator queue, with its reports summed up. */
export type QueueRow = CommentViewRow & {
  reportCount: number;
  reasons: Partial<Record<ReportReason, number>> | null;
  notes: string[] | null;
  lastReportedAt: Date | null;
  lastReportedAtKey: string | null;
};

/** Where a page of top-level comments continues from. */
export type TopLevelKeyset =
  | { order: 'oldest' | 'newest'; createdAt: string; id: string }
  | { order: 'top'; score: number; createdAt: string; id: string };

const KEY = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// $V is the viewer's account id (or null when anonymous).
const VIEW_SELECT = (viewer: string) => `
  SELECT c.id, c.target_type AS "targetType", c.target_id AS "targetId", c.parent_id AS "parentId", c.root_id AS "rootId",
         c.depth, c.author_id AS "authorId", a.display_name AS "authorName", c.author_capacity AS "authorCapacity",
         c.body, c.alignment, c.upvotes, c.downvotes, c.is_official AS "isOfficial", c.is_hidden AS "isHidden",
         c.hidden_reason AS "hiddenReason", c.edited_at AS "editedAt", c.created_at AS "createdAt",
         ${KEY('c.created_at')} AS "createdAtKey",
         c.passage_start AS "passageStart", c.passage_end AS "passageEnd", c.passage_quote AS "passageQuote",
         c.outcome, c.outcome_reason AS "outcomeReason", c.outcome_at AS "outcomeAt",
         coalesce(v.value, 0)::int AS "myVote",
         coalesce(c.author_id = ${viewer}::uuid AND NOT c.is_hidden
                  AND c.created_at > now() - make_interval(mins => ${COMMENT_EDIT_MINUTES}), false) AS "canEdit"
  FROM comment c
  LEFT JOIN account a ON a.id = c.author_id
  LEFT JOIN comment_vote v ON v.comment_id = c.id AND v.account_id = ${viewer}::uuid`;

const ORDER_BY = {
  oldest: 'c.created_at ASC, c.id ASC',
  newest: 'c.created_at DESC, c.id DESC',
  top: '(c.downvotes - c.upvotes) ASC, c.created_at ASC, c.id ASC',
} as const;

/** Purpose-named queries over comments, votes, reports and moderation. Every query names its organisation. */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** One person's comments in the organisation, newest first, with how many visible replies each has. */
  commentsBy(organizationId: string, authorId: string, after: { at: string; id: string } | null, limit: number): Promise<MyCommentRow[]> {
    return this.db.query(
      `SELECT c.id, c.target_type AS "targetType", c.target_id AS "targetId", c.parent_id AS "parentId", c.body,
         c.is_official AS "isOfficial", c.is_hidden AS "isHidden", c.outcome, c.outcome_reason AS "outcomeReason",
         c.outcome_at AS "outcomeAt", c.created_at AS "createdAt", c.created_at::text AS "createdAtKey",
         (SELECT count(*)::int FROM comment r WHERE r.parent_id = c.id AND NOT r.is_hidden) AS "replyCount"
       FROM comment c
       WHERE c.organization_id = $1 AND c.author_id = $2
         AND ($3::timestamptz IS NULL OR (c.created_at, c.id) < ($3::timestamptz, $4::uuid))
       ORDER BY c.created_at DESC, c.id DESC LIMIT $5`,
      [organizationId, authorId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** One page of a target's top-level comments, `limit + 1` rows so the caller knows if more follow. */
  topLevelPage(
    organizationId: string,
    targetType: CommentTarget,
    targetId: string,
    viewerId: string | null,
    order: keyof typeof ORDER_BY,
    after: TopLevelKeyset | null,
    limit: number,
  ): Promise<CommentViewRow[]> {
    const params: unknown[] = [organizationId, targetType, targetId, viewerId, limit + 1];
    let keyset = 'TRUE';
    if (after?.order === 'top') {
      params.push(-after.score, after.createdAt, after.id);
      keyset = '(c.downvotes - c.upvotes, c.created_at, c.id) > ($6::int, $7::timestamptz, $8::uuid)';
    } else if (after) {
      params.push(after.createdAt, after.id);
      keyset = `(c.created_at, c.id) ${after.order === 'oldest' ? '>' : '<'} ($6::timestamptz, $7::uuid)`;
    }
    return this.db.query(
      `${VIEW_SELECT('$4')}
       WHERE c.organization_id = $1 AND c.target_type = $2 AND c.target_id = $3 AND c.parent_id IS NULL AND ${keyset}
       ORDER BY ${ORDER_BY[order]} LIMIT $5`,
      params,
    );
  }

  /** Every reply (depth 1 and 2) under the given top-level comments, oldest first: one query per page. */
  repliesOf(organizationId: string, rootIds: string[], viewerId: string | null): Promise<CommentViewRow[]> {
    return this.db.query(
      `${VIEW_SELECT('$3')}
       WHERE c.organization_id = $1 AND c.root_id = ANY($2::uuid[]) AND c.parent_id IS NOT NULL
       ORDER BY c.created_at ASC, c.id ASC`,
      [organizationId, rootIds, viewerId],
    );
  }

  /** How many threads and comments (replies too) a target has, hidden ones included (they show as a notice). */
  async countsOf(
    organizationId: string,
    targetType: CommentTarget,
    targetId: string,
  ): Promise<{ threadCount: number; commentCount: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE parent_id IS NULL)::int AS "threadCount", count(*)::int AS "commentCount"
       FROM comment WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
      [organizationId, targetType, targetId],
    );
    return row;
  }

  /** How many comments (replies and hidden ones included) each target of one type has; absent ids have none. */
  async countsByTarget(organizationId: string, targetType: CommentTarget, targetIds: string[]): Promise<Map<string, number>> {
    const rows: { targetId: string; n: number }[] = await this.db.query(
      `SELECT target_id AS "targetId", count(*)::int AS n
       FROM comment WHERE organization_id = $1 AND target_type = $2 AND target_id = ANY($3::uuid[])
       GROUP BY target_id`,
      [organizationId, targetType, targetIds],
    );
    return new Map(rows.map((r) => [r.targetId, r.n]));
  }

  async findView(q: Queryable, organizationId: string, commentId: string, viewerId: string | null): Promise<CommentViewRow | null> {
    const [row] = await q.query(`${VIEW_SELECT('$3')} WHERE c.organization_id = $1 AND c.id = $2`, [organizationId, commentId, viewerId]);
    return row ?? null;
  }

  /** The comment's state before a change, locked unless `lock` is false; null when it is not this organisation's. */
  async stateOf(q: Queryable, organizationId: string, commentId: string, lock = true): Promise<CommentStateRow | null> {
    const [row] = await q.query(
      `SELECT c.id, c.target_type AS "targetType", c.target_id AS "targetId", c.root_id AS "rootId", c.depth,
              c.author_id AS "authorId", c.body, c.alignment, c.is_official AS "isOfficial", c.is_hidden AS "isHidden",
              c.hidden_reason AS "hiddenReason", c.outcome, c.outcome_reason AS "outcomeReason",
              c.created_at > now() - make_interval(mins => ${COMMENT_EDIT_MINUTES}) AS "isEditable"
       FROM comment c WHERE c.organization_id = $1 AND c.id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, commentId],
    );
    return row ?? null;
  }

  async insert(
    q: Queryable,
    row: {
      id: string;
      organizationId: string;
      targetType: CommentTarget;
      targetId: string;
      parentId: string | null;
      rootId: string;
      depth: number;
      authorId: string;
      authorCapacity: string | null;
      body: string;
      alignment: Alignment | null;
      passage: TPassage | null;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO comment (id, organization_id, target_type, target_id, parent_id, root_id, depth, author_id, author_capacity, body, alignment,
                            passage_start, passage_end, passage_quote)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        row.id,
        row.organizationId,
        row.targetType,
        row.targetId,
        row.parentId,
        row.rootId,
        row.depth,
        row.authorId,
        row.authorCapacity,
        row.body,
        row.alignment,
        row.passage?.start ?? null,
        row.passage?.end ?? null,
        row.passage?.quote ?? null,
      ],
    );
  }

  /** Edits the body inside the edit window (checked again here, by the database clock); false when it has closed. */
  async updateBody(q: Queryable, organizationId: string, commentId: string, body: string, alignment: Alignment | null): Promise<boolean> {
    const rows = returningRows<{ id: string }>(
      await q.query(
        `UPDATE comment SET body = $3, alignment = $4, edited_at = now()
         WHERE organization_id = $1 AND id = $2 AND created_at > now() - make_interval(mins => ${COMMENT_EDIT_MINUTES})
         RETURNING id`,
        [organizationId, commentId, body, alignment],
      ),
    );
    return rows.length === 1;
  }

  /**
   * Sets (±1) or withdraws (0) one person's vote and moves the counters by the difference from
   * the old vote, in one statement. Run it in a transaction that locked the comment row first, so
   * concurrent votes on a comment take turns and each reads the vote the previous one left.
   */
  async vote(q: Queryable, organizationId: string, commentId: string, accountId: string, value: -1 | 0 | 1): Promise<void> {
    await q.query(
      `WITH old AS (
         SELECT value FROM comment_vote WHERE comment_id = $2 AND account_id = $3
       ), removed AS (
         DELETE FROM comment_vote WHERE comment_id = $2 AND account_id = $3 AND $4::int = 0 RETURNING value
       ), saved AS (
         INSERT INTO comment_vote (comment_id, account_id, organization_id, value)
         SELECT $2, $3, $1, $4::smallint WHERE $4::int <> 0
         ON CONFLICT ON CONSTRAINT pk_comment_vote DO UPDATE SET value = EXCLUDED.value
         RETURNING value
       )
       UPDATE comment SET
         upvotes = upvotes + (CASE WHEN $4::int = 1 THEN 1 ELSE 0 END) - (SELECT count(*) FROM old WHERE value = 1)::int,
         downvotes = downvotes + (CASE WHEN $4::int = -1 THEN 1 ELSE 0 END) - (SELECT count(*) FROM old WHERE value = -1)::int
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, commentId, accountId, value],
    );
  }

  /** Records a report; false when this person had already reported the comment. */
  async insertReport(
    q: Queryable,
    organizationId: string,
    commentId: string,
    accountId: string,
    reason: ReportReason,
    note: string | null,
  ): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO comment_report (organization_id, comment_id, account_id, reason, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT uq_comment_report DO NOTHING RETURNING id`,
      [organizationId, commentId, accountId, reason, note],
    );
    return rows.length === 1;
  }

  /** Hides or restores a comment and writes the moderation history line. */
  async setHidden(
    q: Queryable,
    organizationId: string,
    commentId: string,
    hidden: boolean,
    reason: string,
    moderatorId: string,
  ): Promise<void> {
    await q.query(
      `UPDATE comment SET is_hidden = $3, hidden_reason = CASE WHEN $3 THEN $4 END, hidden_by = CASE WHEN $3 THEN $5::uuid END
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, commentId, hidden, reason, moderatorId],
    );
    await q.query(
      `INSERT INTO comment_moderation (organization_id, comment_id, action, reason, moderator_id) VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, commentId, hidden ? 'hide' : 'restore', reason, moderatorId],
    );
  }

  /** Records (or clears, with null) a planner's outcome for a comment. */
  async setOutcome(
    q: Queryable,
    organizationId: string,
    commentId: string,
    outcome: CommentOutcome | null,
    reason: string | null,
    decidedBy: string,
  ): Promise<void> {
    await q.query(
      `UPDATE comment SET outcome = $3, outcome_reason = $4, outcome_by = CASE WHEN $3::text IS NULL THEN NULL ELSE $5::uuid END,
              outcome_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, commentId, outcome, outcome === null ? null : reason, decidedBy],
    );
  }

  /**
   * Clears a comment's reports once a moderator has read them and kept the comment; answers what
   * was cleared (the count and the reasons) for the audit log. The rows go, like Decidim's
   * "unreport": the audit entry keeps the record, and a later report brings the comment back.
   */
  async deleteReports(
    q: Queryable,
    organizationId: string,
    commentId: string,
  ): Promise<{ count: number; reasons: Partial<Record<ReportReason, number>> }> {
    // A CTE so the driver returns the rows (a bare DELETE ... RETURNING comes back as [rows, count]).
    const rows: { reason: ReportReason }[] = await q.query(
      `WITH gone AS (DELETE FROM comment_report WHERE organization_id = $1 AND comment_id = $2 RETURNING reason)
       SELECT reason FROM gone`,
      [organizationId, commentId],
    );
    const reasons: Partial<Record<ReportReason, number>> = {};
    for (const { reason } of rows) reasons[reason] = (reasons[reason] ?? 0) + 1;
    return { count: rows.length, reasons };
  }

  async setOfficial(q: Queryable, organizationId: string, commentId: string, isOfficial: boolean): Promise<void> {
    await q.query(`UPDATE comment SET is_official = $3 WHERE organization_id = $1 AND id = $2`, [organizationId, commentId, isOfficial]);
  }

  /**
   * The moderator queue, newest first by keyset: comments with reports that are not hidden (by
   * their latest report), or every comment (by creation). Report counts, counts per reason and the
   * latest notes come with each row.
   */
  queue(
    organizationId: string,
    filter: 'reported' | 'newest',
    viewerId: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<QueueRow[]> {
    // Reasons and notes are read per row of the page only (at most `limit` rows).
    const details = `
      (SELECT jsonb_object_agg(x.reason, x.n) FROM (
         SELECT reason, count(*)::int AS n FROM comment_report WHERE comment_id = c.id GROUP BY reason) x) AS reasons,
      (SELECT array_agg(y.note ORDER BY y.created_at DESC) FROM (
         SELECT note, created_at FROM comment_report WHERE comment_id = c.id AND note IS NOT NULL
         ORDER BY created_at DESC LIMIT 5) y) AS notes,
      rep."reportCount", rep."lastReportedAt", ${KEY('rep."lastReportedAt"')} AS "lastReportedAtKey"`;
    const from =
      filter === 'reported'
        ? `FROM (SELECT comment_id, count(*)::int AS "reportCount", max(created_at) AS "lastReportedAt"
                 FROM comment_report WHERE organization_id = $1 GROUP BY comment_id) rep
           JOIN comment c ON c.id = rep.comment_id`
        : `FROM comment c CROSS JOIN LATERAL (
             SELECT count(*)::int AS "reportCount", max(created_at) AS "lastReportedAt" FROM comment_report WHERE comment_id = c.id) rep`;
    const select = VIEW_SELECT('$2').replace('FROM comment c', () => `, ${details}\n  ${from}`);
    const [where, order] =
      filter === 'reported'
        ? [
            `NOT c.is_hidden AND ($3::timestamptz IS NULL OR (rep."lastReportedAt", c.id) < ($3::timestamptz, $4::uuid))`,
            `rep."lastReportedAt" DESC, c.id DESC`,
          ]
        : [`($3::timestamptz IS NULL OR (c.created_at, c.id) < ($3::timestamptz, $4::uuid))`, `c.created_at DESC, c.id DESC`];
    return this.db.query(`${select} WHERE c.organization_id = $1 AND ${where} ORDER BY ${order} LIMIT $5`, [
      organizationId,
      viewerId,
      after?.at ?? null,
      after?.id ?? null,
      limit + 1,
    ]);
  }
}
