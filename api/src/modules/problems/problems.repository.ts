import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Pool } from 'pg';
import type { ProblemCapacity, ProblemStatus, TProblemFilters } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';
import type { Boundary } from './geo';
import { driverPool } from '../../database/driver-pool';

/** A problem as its page and the rules need it. */
export type ProblemRow = {
  id: string;
  organizationId: string;
  planId: string;
  stageId: string;
  activityId: string;
  authorId: string | null;
  authorName: string | null;
  capacity: ProblemCapacity;
  onBehalfOf: string | null;
  isAnonymous: boolean;
  title: string;
  description: string;
  themeId: string;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  status: ProblemStatus;
  statusReason: string | null;
  committeeId: string | null;
  mergedIntoId: string | null;
  isHidden: boolean;
  hiddenReason: string | null;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
};

/** A problem in a list: only what the list shows. */
export type ProblemListRow = {
  id: string;
  title: string;
  status: ProblemStatus;
  themeId: string;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  capacity: ProblemCapacity;
  supportCount: number;
  commentCount: number;
  photoId: string | null;
  createdAt: Date;
  /** created_at as Postgres text (microseconds kept) for the keyset cursor. */
  createdKey: string;
};

/** A row of the moderators' queue. */
export type ModeratedRow = ProblemListRow & {
  description: string;
  authorId: string | null;
  authorName: string | null;
  isAnonymous: boolean;
  isHidden: boolean;
  hiddenReason: string | null;
};

/** What became of a problem, as "my activity" shows it. */
type FateRow = {
  status: ProblemStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  mergedIntoId: string | null;
  /** the keyset column as Postgres text (microseconds kept). */
  createdKey: string;
};

/** A problem in its author's list. */
export type MyProblemRow = FateRow & {
  id: string;
  title: string;
  supportCount: number;
  commentCount: number;
  isHidden: boolean;
  createdAt: Date;
};

/** A supported problem in its supporter's list. */
export type MySupportRow = FateRow & { problemId: string; title: string; supportCount: number; supportedAt: Date };

/** Where a list page starts: after this (created_at or support_count, id). */
export type ListCursor = { k: string | number; id: string };

export type NewProblem = {
  organizationId: string;
  planId: string;
  stageId: string;
  activityId: string;
  authorId: string;
  capacity: ProblemCapacity;
  onBehalfOf: string | null;
  /** The registered stakeholder filed for (checked: the author is one of its linked accounts). */
  stakeholderId?: string | null;
  isAnonymous: boolean;
  title: string;
  description: string;
  searchText: string;
  themeId: string;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
};

const LIST_COLUMNS = `
  p.id, p.title, p.status, p.theme_id AS "themeId", p.district_id AS "districtId", p.lat, p.lng, p.capacity,
  p.support_count AS "supportCount", p.comment_count AS "commentCount", p.created_at AS "createdAt",
  p.created_at::text AS "createdKey",
  (SELECT ph.id FROM problem_photo ph WHERE ph.problem_id = p.id ORDER BY ph.position LIMIT 1) AS "photoId"`;

const PAGE_COLUMNS = `
  p.id, p.organization_id AS "organizationId", p.plan_id AS "planId", p.stage_id AS "stageId", p.activity_id AS "activityId",
  p.author_id AS "authorId", a.display_name AS "authorName", p.capacity, p.on_behalf_of AS "onBehalfOf",
  p.is_anonymous AS "isAnonymous", p.title, p.description, p.theme_id AS "themeId", p.district_id AS "districtId",
  p.lat, p.lng, p.status, p.status_reason AS "statusReason", p.committee_id AS "committeeId",
  p.merged_into_id AS "mergedIntoId", p.is_hidden AS "isHidden", p.hidden_reason AS "hiddenReason",
  p.support_count AS "supportCount", p.comment_count AS "commentCount", p.created_at AS "createdAt"`;

/** Escapes LIKE wildcards in a user's text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Problem statements, their supports, photos and status history. */
@Injectable()
export class ProblemsRepository {
  // The driver's pg pool, for the support hot path's named statements (no ORM query runner in between).
  private readonly pool: Pool;

  constructor(@InjectDataSource() readonly db: DataSource) {
    this.pool = driverPool(db);
  }

  // ---- districts -------------------------------------------------------------------------

  /** Districts whose bounding box holds the point (the prefilter before the exact polygon test). */
  districtsAround(
    organizationId: string,
    lat: number,
    lng: number,
  ): Promise<{ id: string; boundary: Boundary | null }[]> {
    return this.db.query(
      `SELECT id, boundary FROM district
       WHERE organization_id = $1 AND boundary IS NOT NULL
         AND $2 BETWEEN min_lat AND max_lat AND $3 BETWEEN min_lng AND max_lng
       ORDER BY number`,
      [organizationId, lat, lng],
    );
  }

  /** Every located problem of the organisation with its district, locked until the transaction ends. */
  locatedProblems(m: EntityManager, organizationId: string): Promise<{ id: string; lat: number; lng: number; districtId: string | null }[]> {
    return m.query(
      `SELECT id, lat, lng, district_id AS "districtId" FROM problem
       WHERE organization_id = $1 AND lat IS NOT NULL AND lng IS NOT NULL
       ORDER BY id FOR UPDATE`,
      [organizationId],
    );
  }

  /** Sets the district of each problem (ids[i] to districtIds[i]) in one statement. */
  async moveToDistricts(m: EntityManager, organizationId: string, ids: string[], districtIds: (string | null)[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `UPDATE problem p SET district_id = u.district_id
       FROM unnest($2::uuid[], $3::uuid[]) AS u(id, district_id)
       WHERE p.organization_id = $1 AND p.id = u.id`,
      [organizationId, ids, districtIds],
    );
  }

  /** How many problems name the district. */
  async countInDistrict(m: EntityManager, organizationId: string, districtId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM problem WHERE organization_id = $1 AND district_id = $2`,
      [organizationId, districtId],
    );
    return rows[0].n;
  }

  async committeeOfPlan(
    m: EntityManager,
    organizationId: string,
    planId: string,
    committeeId: string,
  ): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM committee WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [
      organizationId,
      planId,
      committeeId,
    ]);
    return rows.length > 0;
  }

  // ---- problems --------------------------------------------------------------------------

  async insert(m: EntityManager, p: NewProblem): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, author_id, capacity, on_behalf_of, is_anonymous,
         title, description, search_text, theme_id, district_id, lat, lng, stakeholder_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        p.organizationId,
        p.planId,
        p.stageId,
        p.activityId,
        p.authorId,
        p.capacity,
        p.onBehalfOf,
        p.isAnonymous,
        p.title,
        p.description,
        p.searchText,
        p.themeId,
        p.districtId,
        p.lat,
        p.lng,
        p.stakeholderId ?? null,
      ],
    );
    return row.id;
  }

  /** Attaches the uploader's own unused photos, in the given order; the ids it could attach. */
  async attachPhotos(
    m: EntityManager,
    organizationId: string,
    problemId: string,
    uploaderId: string,
    photoIds: string[],
  ): Promise<string[]> {
    if (photoIds.length === 0) return [];
    const rows = returningRows<{ id: string }>(
      await m.query(
        `UPDATE problem_photo ph SET problem_id = $2, position = o.position
         FROM unnest($4::uuid[]) WITH ORDINALITY AS o(id, position)
         WHERE ph.id = o.id AND ph.organization_id = $1 AND ph.uploader_id = $3 AND ph.problem_id IS NULL
         RETURNING ph.id`,
        [organizationId, problemId, uploaderId, photoIds],
      ),
    );
    return rows.map((r) => r.id);
  }

  async addHistory(
    m: EntityManager,
    entry: {
      organizationId: string;
      problemId: string;
      from: ProblemStatus | null;
      to: ProblemStatus;
      reason: string | null;
      committeeId: string | null;
      changedBy: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO problem_status_change (organization_id, problem_id, from_status, to_status, reason, committee_id, changed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.organizationId, entry.problemId, entry.from, entry.to, entry.reason, entry.committeeId, entry.changedBy],
    );
  }

  /** The problem with its author's name, and whether the viewer supports it. */
  async find(
    db: DataSource | EntityManager,
    organizationId: string,
    problemId: string,
    viewerId: string | null = null,
  ): Promise<(ProblemRow & { isSupported: boolean; viewerBlocked: boolean }) | null> {
    const [row] = await db.query(
      `SELECT ${PAGE_COLUMNS},
         ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM problem_support s WHERE s.problem_id = p.id AND s.account_id = $3)) AS "isSupported",
         ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM member_block b WHERE b.organization_id = p.organization_id AND b.account_id = $3)) AS "viewerBlocked"
       FROM problem p LEFT JOIN account a ON a.id = p.author_id
       WHERE p.organization_id = $1 AND p.id = $2`,
      [organizationId, problemId, viewerId],
    );
    return row ?? null;
  }

  /** Locks problems (in id order, so two merges never deadlock) and returns them. */
  lockMany(m: EntityManager, organizationId: string, ids: string[]): Promise<ProblemRow[]> {
    return m.query(
      `SELECT ${PAGE_COLUMNS} FROM problem p LEFT JOIN account a ON a.id = p.author_id
       WHERE p.organization_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
      [organizationId, ids],
    );
  }

  async photosOf(problemId: string): Promise<{ id: string; width: number; height: number }[]> {
    return this.db.query(`SELECT id, width, height FROM problem_photo WHERE problem_id = $1 ORDER BY position`, [
      problemId,
    ]);
  }

  historyOf(
    problemId: string,
  ): Promise<
    {
      from: ProblemStatus | null;
      to: ProblemStatus;
      reason: string | null;
      committeeId: string | null;
      changedAt: Date;
    }[]
  > {
    return this.db.query(
      `SELECT from_status AS "from", to_status AS "to", reason, committee_id AS "committeeId", changed_at AS "changedAt"
       FROM problem_status_change WHERE problem_id = $1 ORDER BY changed_at, id`,
      [problemId],
    );
  }

  async setStatus(
    m: EntityManager,
    problemId: string,
    status: ProblemStatus,
    reason: string | null,
    committeeId: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE problem SET status = $2, status_reason = $3, committee_id = coalesce($4, committee_id), updated_at = now() WHERE id = $1`,
      [problemId, status, reason, committeeId],
    );
  }

  async setHidden(m: EntityManager, problemId: string, hidden: boolean, reason: string | null): Promise<void> {
    await m.query(`UPDATE problem SET is_hidden = $2, hidden_reason = $3, updated_at = now() WHERE id = $1`, [
      problemId,
      hidden,
      reason,
    ]);
  }

  supporterIds(problemId: string): Promise<{ accountId: string }[]> {
    return this.db.query(`SELECT account_id AS "accountId" FROM problem_support WHERE problem_id = $1`, [problemId]);
  }

  /** What commenting needs to know about a problem. */
  async commentState(
    organizationId: string,
    problemId: string,
  ): Promise<{ activityId: string; isHidden: boolean; status: ProblemStatus } | null> {
    const [row] = await this.db.query(
      `SELECT activity_id AS "activityId", is_hidden AS "isHidden", status FROM problem WHERE organization_id = $1 AND id = $2`,
      [organizationId, problemId],
    );
    return row ?? null;
  }

  /** Keeps comment_count exact, in the comments module's transaction. */
  async addToCommentCount(m: EntityManager, organizationId: string, problemId: string, delta: number): Promise<void> {
    await m.query(`UPDATE problem SET comment_count = comment_count + $3 WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      problemId,
      delta,
    ]);
  }

  // ---- supports --------------------------------------------------------------------------

  /**
   * Many supports in ONE statement (autocommit: one round trip, no BEGIN/COMMIT): the problems are
   * locked in id order first, by the `locked` scalar subquery that `request` must wait for, so no
   * row is written before every lock is held and concurrent batches (this process's or another's)
   * wait for each other instead of deadlocking. Then every allowed support row is inserted and each
   * problem's new rows are added to its counter. Returns, per inserted (problem, account), the new
   * count. (Four round trips per batch before: with one batch in flight, their latency, not the CPU,
   * capped the rate on a busy machine; docs/benchmarks.md, "Supports path (issue 15)".)
   */
  async addSupports(items: { organizationId: string; problemId: string; accountId: string }[]): Promise<Map<string, number>> {
    const problemIds = [...new Set(items.map((i) => i.problemId))].sort();
    // A named statement on the driver's pool: prepared once per connection, so each batch is
    // neither parsed nor planned again (about 1 ms of PostgreSQL's CPU per batch otherwise).
    const { rows } = await this.pool.query<{ problemId: string; accountId: string; supportCount: number }>({
      name: 'problems_add_supports',
      text: `WITH locked AS (
         SELECT id FROM problem WHERE id = ANY($4::uuid[]) ORDER BY id FOR NO KEY UPDATE
       ), request AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS r(organization_id, problem_id, account_id)
          WHERE (SELECT count(*) FROM locked) >= 0
       ), inserted AS (
         INSERT INTO problem_support (problem_id, account_id, organization_id)
         SELECT p.id, r.account_id, p.organization_id FROM request r
         JOIN problem p ON p.id = r.problem_id AND p.organization_id = r.organization_id
         WHERE NOT p.is_hidden AND p.status <> 'merged' AND p.author_id IS DISTINCT FROM r.account_id
           AND NOT EXISTS (SELECT 1 FROM member_block b WHERE b.organization_id = r.organization_id AND b.account_id = r.account_id)
         ON CONFLICT ON CONSTRAINT pk_problem_support DO NOTHING
         RETURNING problem_id, account_id
       ), added AS (
         SELECT problem_id, count(*)::int AS n FROM inserted GROUP BY problem_id
       ), updated AS (
         UPDATE problem SET support_count = support_count + added.n FROM added
         WHERE problem.id = added.problem_id
         RETURNING problem.id, problem.support_count
       )
       SELECT i.problem_id AS "problemId", i.account_id AS "accountId", u.support_count AS "supportCount"
       FROM inserted i JOIN updated u ON u.id = i.problem_id`,
      values: [items.map((i) => i.organizationId), items.map((i) => i.problemId), items.map((i) => i.accountId), problemIds],
    });
    return new Map(rows.map((r) => [`${r.problemId}:${r.accountId}`, Number(r.supportCount)]));
  }

  /** The committed support counts of these problems (what the live count broadcasts carry). */
  async supportCounts(problemIds: string[]): Promise<Map<string, number>> {
    const rows: { id: string; supportCount: number }[] = await this.db.query(
      `SELECT id, support_count AS "supportCount" FROM problem WHERE id = ANY($1::uuid[])`,
      [problemIds],
    );
    return new Map(rows.map((r) => [r.id, Number(r.supportCount)]));
  }

  /** The counterpart of addSupports: deletes the row and decrements only when one was deleted. */
  async removeSupport(organizationId: string, problemId: string, accountId: string): Promise<number | null> {
    const [row] = returningRows<{ supportCount: number }>(
      await this.db.query(
        `WITH deleted AS (
         DELETE FROM problem_support WHERE problem_id = $2 AND account_id = $3 AND organization_id = $1
         RETURNING problem_id
       )
       UPDATE problem SET support_count = support_count - 1 FROM deleted
       WHERE problem.id = deleted.problem_id
       RETURNING problem.support_count AS "supportCount"`,
        [organizationId, problemId, accountId],
      ),
    );
    return row ? Number(row.supportCount) : null;
  }

  // ---- merging ---------------------------------------------------------------------------

  /**
   * Moves supports to `intoId` (people who supported both count once; the kept problem's author is
   * not made to support their own), recomputes the kept count from the rows, and empties the
   * source. Returns who supported the source.
   */
  async moveSupports(m: EntityManager, fromId: string, intoId: string, intoAuthorId: string | null): Promise<string[]> {
    const rows: { accountId: string }[] = await m.query(
      `WITH moved AS (
         DELETE FROM problem_support WHERE problem_id = $1 RETURNING account_id, organization_id, created_at
       ), copied AS (
         INSERT INTO problem_support (problem_id, account_id, organization_id, created_at)
         SELECT $2, account_id, organization_id, created_at FROM moved WHERE account_id IS DISTINCT FROM $3::uuid
         ON CONFLICT ON CONSTRAINT pk_problem_support DO NOTHING
       )
       SELECT account_id AS "accountId" FROM moved`,
      [fromId, intoId, intoAuthorId],
    );
    await m.query(`UPDATE problem SET support_count = 0 WHERE id = $1`, [fromId]);
    await m.query(
      `UPDATE problem SET support_count = (SELECT count(*) FROM problem_support WHERE problem_id = $1), updated_at = now() WHERE id = $1`,
      [intoId],
    );
    return rows.map((r) => r.accountId);
  }

  /** Moves the comments of a problem when the comments module's table exists (its counts add up). */
  async moveComments(m: EntityManager, organizationId: string, fromId: string, intoId: string): Promise<void> {
    const [table] = await m.query(
      `SELECT count(*)::int AS n FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'comment' AND column_name IN ('target_type', 'target_id', 'organization_id')`,
    );
    if (table.n === 3) {
      await m.query(
        `UPDATE comment SET target_id = $3 WHERE organization_id = $1 AND target_type = 'problem' AND target_id = $2`,
        [organizationId, fromId, intoId],
      );
    }
    await m.query(
      `UPDATE problem SET comment_count = comment_count + (SELECT comment_count FROM problem WHERE id = $1) WHERE id = $2`,
      [fromId, intoId],
    );
    await m.query(`UPDATE problem SET comment_count = 0 WHERE id = $1`, [fromId]);
  }

  async markMerged(m: EntityManager, problemId: string, intoId: string, reason: string | null): Promise<void> {
    await m.query(
      `UPDATE problem SET status = 'merged', merged_into_id = $2, status_reason = $3, updated_at = now() WHERE id = $1`,
      [problemId, intoId, reason],
    );
  }

  // ---- lists -----------------------------------------------------------------------------

  /** One page of the public list: one query, list columns only, keyset on (created_at|support_count, id). */
  list(
    organizationId: string,
    filters: TProblemFilters & { qNormalized?: string; authorId?: string },
    sort: 'newest' | 'most_supported',
    cursor: ListCursor | null,
    limit: number,
  ): Promise<ProblemListRow[]> {
    const where = ['p.organization_id = $1', 'NOT p.is_hidden'];
    const params: unknown[] = [organizationId];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filters.themeId) add((n) => `p.theme_id = ${n}`, filters.themeId);
    if (filters.districtId) add((n) => `p.district_id = ${n}`, filters.districtId);
    if (filters.status) add((n) => `p.status = ${n}`, filters.status);
    else where.push(`p.status <> 'merged'`);
    if (filters.capacity) add((n) => `p.capacity = ${n}`, filters.capacity);
    if (filters.stageId) add((n) => `p.stage_id = ${n}`, filters.stageId);
    if (filters.activityId) add((n) => `p.activity_id = ${n}`, filters.activityId);
    if (filters.from) add((n) => `p.created_at >= (${n}::date)::timestamp AT TIME ZONE 'Asia/Tehran'`, filters.from);
    if (filters.to) add((n) => `p.created_at < (${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran'`, filters.to);
    if (filters.qNormalized) add((n) => `p.search_text LIKE ${n}`, `%${likeEscape(filters.qNormalized)}%`);
    if (filters.authorId) add((n) => `p.author_id = ${n}`, filters.authorId);
    const key = sort === 'newest' ? 'p.created_at' : 'p.support_count';
    if (cursor) {
      params.push(sort === 'newest' ? String(cursor.k) : Number(cursor.k), cursor.id);
      const cast = sort === 'newest' ? 'timestamptz' : 'int';
      where.push(`(${key}, p.id) < ($${params.length - 1}::${cast}, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.db.query(
      `SELECT ${LIST_COLUMNS} FROM problem p WHERE ${where.join(' AND ')}
       ORDER BY ${key} DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** One person's problems in the organisation, newest first (hidden ones too: they are theirs). */
  problemsBy(organizationId: string, authorId: string, cursor: ListCursor | null, limit: number): Promise<MyProblemRow[]> {
    return this.db.query(
      `SELECT p.id, p.title, p.status, p.status_reason AS "statusReason", p.merged_into_id AS "mergedIntoId",
         p.support_count AS "supportCount", p.comment_count AS "commentCount", p.is_hidden AS "isHidden",
         p.created_at AS "createdAt", p.created_at::text AS "createdKey",
         (SELECT max(h.changed_at) FROM problem_status_change h WHERE h.problem_id = p.id AND h.from_status IS NOT NULL) AS "statusChangedAt"
       FROM problem p
       WHERE p.organization_id = $1 AND p.author_id = $2
         AND ($3::timestamptz IS NULL OR (p.created_at, p.id) < ($3::timestamptz, $4::uuid))
       ORDER BY p.created_at DESC, p.id DESC LIMIT $5`,
      [organizationId, authorId, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit],
    );
  }

  /** The problems one person supports in the organisation, latest support first; hidden problems left out. */
  supportedBy(organizationId: string, accountId: string, cursor: ListCursor | null, limit: number): Promise<MySupportRow[]> {
    return this.db.query(
      `SELECT p.id AS "problemId", p.title, p.status, p.status_reason AS "statusReason", p.merged_into_id AS "mergedIntoId",
         p.support_count AS "supportCount", s.created_at AS "supportedAt", s.created_at::text AS "createdKey",
         (SELECT max(h.changed_at) FROM problem_status_change h WHERE h.problem_id = p.id AND h.from_status IS NOT NULL) AS "statusChangedAt"
       FROM problem_support s JOIN problem p ON p.id = s.problem_id
       WHERE s.account_id = $2 AND s.organization_id = $1 AND p.organization_id = $1 AND NOT p.is_hidden
         AND ($3::timestamptz IS NULL OR (s.created_at, s.problem_id) < ($3::timestamptz, $4::uuid))
       ORDER BY s.created_at DESC, s.problem_id DESC LIMIT $5`,
      [organizationId, accountId, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit],
    );
  }

  /** Titles and links of problems, for the places of comments. */
  titlesOf(organizationId: string, ids: string[]): Promise<{ id: string; title: string; isHidden: boolean }[]> {
    return this.db.query(
      `SELECT p.id, p.title, p.is_hidden AS "isHidden" FROM problem p WHERE p.organization_id = $1 AND p.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  /** The moderators' queue: newest first, optionally only hidden problems. */
  moderationQueue(
    organizationId: string,
    hiddenOnly: boolean,
    cursor: ListCursor | null,
    limit: number,
  ): Promise<ModeratedRow[]> {
    return this.db.query(
      `SELECT ${LIST_COLUMNS}, p.description, p.author_id AS "authorId", a.display_name AS "authorName",
         p.is_anonymous AS "isAnonymous", p.is_hidden AS "isHidden", p.hidden_reason AS "hiddenReason"
       FROM problem p LEFT JOIN account a ON a.id = p.author_id
       WHERE p.organization_id = $1 AND (NOT $2 OR p.is_hidden)
         AND ($3::timestamptz IS NULL OR (p.created_at, p.id) < ($3::timestamptz, $4::uuid))
       ORDER BY p.created_at DESC, p.id DESC LIMIT $5`,
      [organizationId, hiddenOnly, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit],
    );
  }

  /**
   * Duplicates while typing: word similarity of the typed title within the stored text (the
   * `<%` operator uses the trigram index), within a radius when a point is given (a box on the
   * GiST index first, then the exact haversine distance). Hidden and merged problems are left out.
   */
  similar(
    organizationId: string,
    text: string,
    near: { lat: number; lng: number; radius: number; dLat: number; dLng: number } | null,
  ): Promise<
    {
      id: string;
      title: string;
      supportCount: number;
      status: ProblemStatus;
      similarity: number;
      distanceMeters: number | null;
    }[]
  > {
    return this.db.query(
      `SELECT * FROM (
         SELECT p.id, p.title, p.support_count AS "supportCount", p.status,
           word_similarity($2, p.search_text) AS similarity,
           CASE WHEN $3::float8 IS NULL THEN NULL ELSE
             2 * 6371000 * asin(sqrt(
               power(sin(radians(p.lat - $3) / 2), 2) +
               cos(radians($3)) * cos(radians(p.lat)) * power(sin(radians(p.lng - $4) / 2), 2)))
           END AS "distanceMeters"
         FROM problem p
         WHERE p.organization_id = $1 AND NOT p.is_hidden AND p.status <> 'merged'
           AND $2 <% p.search_text
           AND ($3::float8 IS NULL OR p.location <@ box(point($4 - $6, $3 - $5), point($4 + $6, $3 + $5)))
       ) c
       WHERE $7::float8 IS NULL OR c."distanceMeters" <= $7
       ORDER BY c.similarity DESC, c."distanceMeters" ASC NULLS LAST
       LIMIT 5`,
      [
        organizationId,
        text,
        near?.lat ?? null,
        near?.lng ?? null,
        near?.dLat ?? 0,
        near?.dLng ?? 0,
        near?.radius ?? null,
      ],
    );
  }

  /** Per district: citizen-side and manager counts and the top three themes, in one query. */
  byDistrict(organizationId: string, filters: { stageId?: string; activityId?: string }) {
    return this.db.query(
      `WITH base AS (
         SELECT p.district_id, p.capacity, p.theme_id FROM problem p
         WHERE p.organization_id = $1 AND NOT p.is_hidden AND p.status <> 'merged'
           AND ($2::uuid IS NULL OR p.stage_id = $2) AND ($3::uuid IS NULL OR p.activity_id = $3)
       ),
       themes AS (
         SELECT district_id, theme_id, count(*)::int AS n,
           row_number() OVER (PARTITION BY district_id ORDER BY count(*) DESC, theme_id) AS rank
         FROM base GROUP BY district_id, theme_id
       )
       SELECT d.id AS "districtId", d.number,
         (SELECT count(*) FROM base b WHERE b.district_id = d.id AND b.capacity <> 'manager')::int AS "citizenCount",
         (SELECT count(*) FROM base b WHERE b.district_id = d.id AND b.capacity = 'manager')::int AS "managerCount",
         coalesce((SELECT jsonb_agg(jsonb_build_object('themeId', t.theme_id, 'count', t.n) ORDER BY t.rank)
                   FROM themes t WHERE t.district_id = d.id AND t.rank <= 3), '[]'::jsonb) AS "topThemes"
       FROM district d WHERE d.organization_id = $1 ORDER BY d.number`,
      [organizationId, filters.stageId ?? null, filters.activityId ?? null],
    ) as Promise<
      {
        districtId: string;
        number: number;
        citizenCount: number;
        managerCount: number;
        topThemes: { themeId: string; count: number }[];
      }[]
    >;
  }

  // ---- photos ----------------------------------------------------------------------------

  async insertPhoto(photo: {
    organizationId: string;
    uploaderId: string;
    width: number;
    height: number;
    content: Buffer;
    thumb: Buffer;
  }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO problem_photo (organization_id, uploader_id, width, height, content, thumb) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [photo.organizationId, photo.uploaderId, photo.width, photo.height, photo.content, photo.thumb],
    );
    return row.id;
  }

  /** A photo's bytes, unless it belongs to a hidden problem. */
  async photoBytes(organizationId: string, photoId: string, variant: 'content' | 'thumb'): Promise<Buffer | null> {
    const column = variant === 'thumb' ? 'ph.thumb' : 'ph.content';
    const [row] = await this.db.query(
      `SELECT ${column} AS bytes FROM problem_photo ph LEFT JOIN problem p ON p.id = ph.problem_id
       WHERE ph.organization_id = $1 AND ph.id = $2 AND NOT coalesce(p.is_hidden, false)`,
      [organizationId, photoId],
    );
    return row?.bytes ?? null;
  }

  async pruneUnusedPhotos(): Promise<number> {
    const rows = returningRows(
      await this.db.query(
        `DELETE FROM problem_photo WHERE problem_id IS NULL AND created_at < now() - interval '1 day' RETURNING id`,
      ),
    );
    return rows.length;
  }

  // ---- themes ------------------------------------------------------------------------------

  /** How many problems carry each theme (every problem, hidden and merged ones too). */
  async countByTheme(q: Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>, organizationId: string): Promise<Map<string, number>> {
    const rows: { themeId: string; n: number }[] = await q.query(
      `SELECT theme_id AS "themeId", count(*)::int AS n FROM problem WHERE organization_id = $1 GROUP BY theme_id`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.themeId, r.n]));
  }

  /** Re-tags every problem of one theme with another; the map's cells follow through problem's trigger. */
  async retagTheme(m: EntityManager, organizationId: string, fromThemeId: string, toThemeId: string): Promise<number> {
    const rows = returningRows(
      await m.query(`UPDATE problem SET theme_id = $3 WHERE organization_id = $1 AND theme_id = $2 RETURNING id`, [
        organizationId,
        fromThemeId,
        toThemeId,
      ]),
    );
    return rows.length;
  }
}
