import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActivityType, PlanKind, PlanStatus, StageStatus, TLocalizedLongText, TLocalizedText, TParticipation } from '@hamandishi/contracts';
import { driverPool } from '../../database/driver-pool';
import { returningRows } from '../../database/returning-rows';

/** A connection or a transaction's manager: every query takes one, so services decide the transaction. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

export type PlanRow = {
  id: string;
  organizationId: string;
  title: TLocalizedText;
  kind: PlanKind;
  strategicFrom: number;
  strategicTo: number;
  operationalFrom: number;
  operationalTo: number;
  summary: TLocalizedLongText | null;
  coverAttachmentId: string | null;
  status: PlanStatus;
  createdAt: Date;
};

export type StageRow = {
  id: string;
  organizationId: string;
  planId: string;
  position: number;
  title: TLocalizedText;
  description: TLocalizedLongText | null;
  startsOn: string;
  endsOn: string;
  statusOverride: StageStatus | null;
  announcedOpenedAt: Date | null;
  announcedClosedAt: Date | null;
};

export type ActivityRow = {
  id: string;
  organizationId: string;
  planId: string;
  stageId: string;
  type: ActivityType;
  position: number;
  title: TLocalizedText;
  description: TLocalizedLongText | null;
  opensAt: Date | null;
  closesAt: Date | null;
  participation: TParticipation;
  settings: Record<string, unknown>;
  announcedOpenedAt: Date | null;
};

export type PersonRef = { id: string; displayName: string };

export type CommitteeRow = {
  id: string;
  organizationId: string;
  planId: string;
  name: TLocalizedText;
  description: TLocalizedLongText | null;
  themeIds: string[];
  secretary: PersonRef | null;
  members: PersonRef[];
};

export type UpstreamDocumentRow = {
  id: string;
  organizationId: string;
  planId: string;
  level: 'national' | 'provincial' | 'local';
  title: TLocalizedText;
  issuer: string;
  year: number | null;
  url: string | null;
  attachmentId: string | null;
  directions: { id: string; text: string; themeIds: string[] }[];
};

export type StatusChangeRow = {
  from: PlanStatus | null;
  to: PlanStatus;
  note: string | null;
  changedById: string | null;
  changedByName: string | null;
  changedAt: Date;
};

export type RevisionRow = { id: string; year: number; summary: string; createdAt: Date; createdById: string | null; createdByName: string | null };

const PLAN_COLUMNS = `p.id, p.organization_id AS "organizationId", p.title, p.kind, p.strategic_from AS "strategicFrom",
  p.strategic_to AS "strategicTo", p.operational_from AS "operationalFrom", p.operational_to AS "operationalTo", p.summary,
  p.cover_attachment_id AS "coverAttachmentId", p.status, p.created_at AS "createdAt"`;

const STAGE_COLUMNS = `s.id, s.organization_id AS "organizationId", s.plan_id AS "planId", s.position, s.title, s.description,
  s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn", s.status_override AS "statusOverride",
  s.announced_opened_at AS "announcedOpenedAt", s.announced_closed_at AS "announcedClosedAt"`;

const ACTIVITY_COLUMNS = `a.id, a.organization_id AS "organizationId", a.plan_id AS "planId", a.stage_id AS "stageId", a.type,
  a.position, a.title, a.description, a.opens_at AS "opensAt", a.closes_at AS "closesAt", a.participation, a.settings,
  a.announced_opened_at AS "announcedOpenedAt"`;

const COMMITTEE_SELECT = `
  SELECT c.id, c.organization_id AS "organizationId", c.plan_id AS "planId", c.name, c.description,
    coalesce((SELECT array_agg(ct.theme_id ORDER BY ct.theme_id) FROM committee_theme ct WHERE ct.committee_id = c.id), '{}') AS "themeIds",
    CASE WHEN c.secretary_id IS NULL THEN NULL
      ELSE json_build_object('id', c.secretary_id, 'displayName', (SELECT display_name FROM account WHERE id = c.secretary_id)) END AS secretary,
    coalesce((SELECT json_agg(json_build_object('id', acc.id, 'displayName', acc.display_name) ORDER BY cm.position, acc.id)
      FROM committee_member cm JOIN account acc ON acc.id = cm.account_id WHERE cm.committee_id = c.id), '[]') AS members
  FROM committee c`;

const DOCUMENT_SELECT = `
  SELECT d.id, d.organization_id AS "organizationId", d.plan_id AS "planId", d.level, d.title, d.issuer, d.year, d.url,
    d.attachment_id AS "attachmentId",
    coalesce((SELECT json_agg(json_build_object('id', r.id, 'text', r.text, 'themeIds', r.theme_ids) ORDER BY r.position)
      FROM upstream_direction r WHERE r.document_id = d.id), '[]') AS directions
  FROM upstream_document d`;

/** Purpose-named queries over plans and what hangs under them. Every query names its organisation. */
@Injectable()
export class PlansRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  // ---- plans -------------------------------------------------------------------------------

  listPlans(organizationId: string): Promise<PlanRow[]> {
    return this.db.query(`SELECT ${PLAN_COLUMNS} FROM plan p WHERE p.organization_id = $1 ORDER BY p.created_at DESC, p.id`, [organizationId]);
  }

  async findPlan(q: Queryable, organizationId: string, planId: string, lock = false): Promise<PlanRow | null> {
    const [row] = await q.query(
      `SELECT ${PLAN_COLUMNS} FROM plan p WHERE p.organization_id = $1 AND p.id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, planId],
    );
    return row ?? null;
  }

  async insertPlan(
    q: Queryable,
    plan: Omit<PlanRow, 'id' | 'createdAt' | 'status' | 'coverAttachmentId'>,
    createdBy: string | null,
  ): Promise<PlanRow> {
    const [row] = await q.query(
      `INSERT INTO plan AS p (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to, summary, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PLAN_COLUMNS}`,
      [plan.organizationId, plan.title, plan.kind, plan.strategicFrom, plan.strategicTo, plan.operationalFrom, plan.operationalTo, plan.summary, createdBy],
    );
    return row;
  }

  async updatePlan(q: Queryable, plan: PlanRow): Promise<PlanRow> {
    const [row] = returningRows<PlanRow>(
      await q.query(
        `UPDATE plan p SET title = $3, kind = $4, strategic_from = $5, strategic_to = $6, operational_from = $7, operational_to = $8,
           summary = $9, cover_attachment_id = $10, status = $11, updated_at = now()
         WHERE p.organization_id = $1 AND p.id = $2 RETURNING ${PLAN_COLUMNS}`,
        [
          plan.organizationId, plan.id, plan.title, plan.kind, plan.strategicFrom, plan.strategicTo, plan.operationalFrom,
          plan.operationalTo, plan.summary, plan.coverAttachmentId, plan.status,
        ],
      ),
    );
    return row;
  }

  async insertStatusChange(q: Queryable, organizationId: string, planId: string, from: PlanStatus | null, to: PlanStatus, note: string | null, by: string | null) {
    await q.query(
      `INSERT INTO plan_status_change (organization_id, plan_id, from_status, to_status, note, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())`,
      [organizationId, planId, from, to, note, by],
    );
  }

  statusHistory(organizationId: string, planId: string): Promise<StatusChangeRow[]> {
    return this.db.query(
      `SELECT h.from_status AS "from", h.to_status AS "to", h.note, h.changed_by AS "changedById", a.display_name AS "changedByName",
              h.changed_at AS "changedAt"
       FROM plan_status_change h LEFT JOIN account a ON a.id = h.changed_by
       WHERE h.organization_id = $1 AND h.plan_id = $2 ORDER BY h.changed_at, h.id`,
      [organizationId, planId],
    );
  }

  /** Inserts a revision; null when this year's revision exists already. */
  async insertRevision(q: Queryable, organizationId: string, planId: string, year: number, summary: string, by: string | null): Promise<{ id: string } | null> {
    const [row] = await q.query(
      `INSERT INTO plan_revision (organization_id, plan_id, year, summary, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT uq_plan_revision_year DO NOTHING RETURNING id`,
      [organizationId, planId, year, summary, by],
    );
    return row ?? null;
  }

  revisions(organizationId: string, planId: string): Promise<RevisionRow[]> {
    return this.db.query(
      `SELECT r.id, r.year, r.summary, r.created_at AS "createdAt", r.created_by AS "createdById", a.display_name AS "createdByName"
       FROM plan_revision r LEFT JOIN account a ON a.id = r.created_by
       WHERE r.organization_id = $1 AND r.plan_id = $2 ORDER BY r.year DESC`,
      [organizationId, planId],
    );
  }

  async planExists(organizationId: string, planId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM plan WHERE organization_id = $1 AND id = $2`, [organizationId, planId]);
    return !!row;
  }

  // ---- stages ------------------------------------------------------------------------------

  stagesOfPlans(q: Queryable, organizationId: string, planIds: string[]): Promise<StageRow[]> {
    return q.query(
      `SELECT ${STAGE_COLUMNS} FROM stage s WHERE s.organization_id = $1 AND s.plan_id = ANY($2) ORDER BY s.plan_id, s.position, s.id`,
      [organizationId, planIds],
    );
  }

  async findStage(q: Queryable, organizationId: string, stageId: string): Promise<StageRow | null> {
    const [row] = await q.query(`SELECT ${STAGE_COLUMNS} FROM stage s WHERE s.organization_id = $1 AND s.id = $2`, [organizationId, stageId]);
    return row ?? null;
  }

  /** A stage by id alone, for background jobs (the job payload carries no tenant to trust). */
  async findStageForJob(q: Queryable, stageId: string, lock: boolean): Promise<StageRow | null> {
    const [row] = await q.query(`SELECT ${STAGE_COLUMNS} FROM stage s WHERE s.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [stageId]);
    return row ?? null;
  }

  async insertStage(q: Queryable, stage: Omit<StageRow, 'id' | 'position' | 'announcedOpenedAt' | 'announcedClosedAt' | 'statusOverride'>): Promise<StageRow> {
    const [row] = await q.query(
      `INSERT INTO stage AS s (organization_id, plan_id, position, title, description, starts_on, ends_on)
       VALUES ($1, $2, (SELECT coalesce(max(position), -1) + 1 FROM stage WHERE plan_id = $2), $3, $4, $5, $6)
       RETURNING ${STAGE_COLUMNS}`,
      [stage.organizationId, stage.planId, stage.title, stage.description, stage.startsOn, stage.endsOn],
    );
    return row;
  }

  async updateStage(q: Queryable, stage: StageRow): Promise<StageRow> {
    const [row] = returningRows<StageRow>(
      await q.query(
        `UPDATE stage s SET title = $3, description = $4, starts_on = $5, ends_on = $6, status_override = $7,
           announced_opened_at = $8, announced_closed_at = $9, updated_at = now()
         WHERE s.organization_id = $1 AND s.id = $2 RETURNING ${STAGE_COLUMNS}`,
        [
          stage.organizationId, stage.id, stage.title, stage.description, stage.startsOn, stage.endsOn, stage.statusOverride,
          stage.announcedOpenedAt, stage.announcedClosedAt,
        ],
      ),
    );
    return row;
  }

  async setStagePositions(q: Queryable, organizationId: string, planId: string, stageIds: string[]): Promise<void> {
    await q.query(
      `UPDATE stage s SET position = o.ordinality - 1, updated_at = now()
       FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, ordinality)
       WHERE s.organization_id = $1 AND s.plan_id = $2 AND s.id = o.id`,
      [organizationId, planId, stageIds],
    );
  }

  async deleteStage(q: Queryable, organizationId: string, stageId: string): Promise<void> {
    await q.query(`DELETE FROM stage WHERE organization_id = $1 AND id = $2`, [organizationId, stageId]);
  }

  /** Marks an announcement done; true only for the one caller that flipped it (several processes may race). */
  async claimStageAnnouncement(q: Queryable, stageId: string, which: 'opened' | 'closed'): Promise<boolean> {
    const column = which === 'opened' ? 'announced_opened_at' : 'announced_closed_at';
    const rows = returningRows(await q.query(`UPDATE stage SET ${column} = now() WHERE id = $1 AND ${column} IS NULL RETURNING id`, [stageId]));
    return rows.length > 0;
  }

  // ---- activities --------------------------------------------------------------------------

  activitiesOfPlans(q: Queryable, organizationId: string, planIds: string[]): Promise<ActivityRow[]> {
    return q.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE a.organization_id = $1 AND a.plan_id = ANY($2) ORDER BY a.stage_id, a.position, a.id`,
      [organizationId, planIds],
    );
  }

  activitiesOfStage(q: Queryable, organizationId: string, stageId: string): Promise<ActivityRow[]> {
    return q.query(`SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE a.organization_id = $1 AND a.stage_id = $2 ORDER BY a.position, a.id`, [
      organizationId,
      stageId,
    ]);
  }

  async findActivity(q: Queryable, organizationId: string, activityId: string): Promise<ActivityRow | null> {
    const [row] = await q.query(`SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE a.organization_id = $1 AND a.id = $2`, [organizationId, activityId]);
    return row ?? null;
  }

  /**
   * An activity with the dates that decide its stage's status, in one named statement: every
   * participation request checks its activity this way (a submission, a comment, a support).
   */
  async findActivityWithStage(
    organizationId: string,
    activityId: string,
  ): Promise<{ activity: ActivityRow; stage: Pick<StageRow, 'startsOn' | 'endsOn' | 'statusOverride'> } | null> {
    const { rows } = await driverPool(this.db).query({
      name: 'plans_activity_with_stage',
      text: `SELECT ${ACTIVITY_COLUMNS}, s.starts_on::text AS "stageStartsOn", s.ends_on::text AS "stageEndsOn", s.status_override AS "stageStatusOverride"
               FROM activity a JOIN stage s ON s.id = a.stage_id
              WHERE a.organization_id = $1 AND a.id = $2`,
      values: [organizationId, activityId],
    });
    if (rows.length === 0) return null;
    const { stageStartsOn, stageEndsOn, stageStatusOverride, ...activity } = rows[0];
    return { activity, stage: { startsOn: stageStartsOn, endsOn: stageEndsOn, statusOverride: stageStatusOverride } };
  }

  async findActivityForJob(q: Queryable, activityId: string): Promise<ActivityRow | null> {
    const [row] = await q.query(`SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE a.id = $1`, [activityId]);
    return row ?? null;
  }

  async insertActivity(q: Queryable, a: Omit<ActivityRow, 'id' | 'position' | 'announcedOpenedAt'>): Promise<ActivityRow> {
    const [row] = await q.query(
      `INSERT INTO activity AS a (organization_id, plan_id, stage_id, type, position, title, description, opens_at, closes_at, participation, settings)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), -1) + 1 FROM activity WHERE stage_id = $3), $5, $6, $7, $8, $9, $10)
       RETURNING ${ACTIVITY_COLUMNS}`,
      [
        a.organizationId, a.planId, a.stageId, a.type, a.title, a.description, a.opensAt, a.closesAt,
        JSON.stringify(a.participation), JSON.stringify(a.settings),
      ],
    );
    return row;
  }

  async updateActivity(q: Queryable, a: ActivityRow): Promise<ActivityRow> {
    const [row] = returningRows<ActivityRow>(
      await q.query(
        `UPDATE activity a SET title = $3, description = $4, opens_at = $5, closes_at = $6, participation = $7, settings = $8,
           announced_opened_at = $9, updated_at = now()
         WHERE a.organization_id = $1 AND a.id = $2 RETURNING ${ACTIVITY_COLUMNS}`,
        [
          a.organizationId, a.id, a.title, a.description, a.opensAt, a.closesAt, JSON.stringify(a.participation),
          JSON.stringify(a.settings), a.announcedOpenedAt,
        ],
      ),
    );
    return row;
  }

  async claimActivityAnnouncement(q: Queryable, activityId: string): Promise<boolean> {
    const rows = returningRows(
      await q.query(`UPDATE activity SET announced_opened_at = now() WHERE id = $1 AND announced_opened_at IS NULL RETURNING id`, [activityId]),
    );
    return rows.length > 0;
  }

  // ---- committees --------------------------------------------------------------------------

  committeesOfPlan(organizationId: string, planId: string): Promise<CommitteeRow[]> {
    return this.db.query(`${COMMITTEE_SELECT} WHERE c.organization_id = $1 AND c.plan_id = $2 ORDER BY c.created_at, c.id`, [organizationId, planId]);
  }

  async findCommittee(q: Queryable, organizationId: string, committeeId: string): Promise<CommitteeRow | null> {
    const [row] = await q.query(`${COMMITTEE_SELECT} WHERE c.organization_id = $1 AND c.id = $2`, [organizationId, committeeId]);
    return row ?? null;
  }

  async saveCommittee(
    q: Queryable,
    c: { id?: string; organizationId: string; planId: string; name: TLocalizedText; description: TLocalizedLongText | null; secretaryId: string | null; themeIds: string[]; memberIds: string[] },
  ): Promise<string> {
    let id = c.id;
    if (id) {
      await q.query(`UPDATE committee SET name = $3, description = $4, secretary_id = $5, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
        c.organizationId, id, c.name, c.description, c.secretaryId,
      ]);
      await q.query(`DELETE FROM committee_theme WHERE organization_id = $1 AND committee_id = $2`, [c.organizationId, id]);
      await q.query(`DELETE FROM committee_member WHERE organization_id = $1 AND committee_id = $2`, [c.organizationId, id]);
    } else {
      const [row] = await q.query(
        `INSERT INTO committee (organization_id, plan_id, name, description, secretary_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [c.organizationId, c.planId, c.name, c.description, c.secretaryId],
      );
      id = row.id as string;
    }
    await q.query(
      `INSERT INTO committee_theme (organization_id, committee_id, theme_id) SELECT $1, $2, t FROM unnest($3::uuid[]) AS t ON CONFLICT DO NOTHING`,
      [c.organizationId, id, c.themeIds],
    );
    await q.query(
      `INSERT INTO committee_member (organization_id, committee_id, account_id, position)
       SELECT $1, $2, m.id, m.ord FROM unnest($3::uuid[]) WITH ORDINALITY AS m(id, ord) ON CONFLICT DO NOTHING`,
      [c.organizationId, id, c.memberIds],
    );
    return id;
  }

  async deleteCommittee(q: Queryable, organizationId: string, committeeId: string): Promise<void> {
    await q.query(`DELETE FROM committee WHERE organization_id = $1 AND id = $2`, [organizationId, committeeId]);
  }

  /** The ids among `accountIds` that are members of the organisation. */
  async membersAmong(q: Queryable, organizationId: string, accountIds: string[]): Promise<Set<string>> {
    const rows: { accountId: string }[] = await q.query(
      `SELECT account_id AS "accountId" FROM membership WHERE organization_id = $1 AND account_id = ANY($2::uuid[])`,
      [organizationId, accountIds],
    );
    return new Set(rows.map((r) => r.accountId));
  }

  // ---- upstream documents ------------------------------------------------------------------

  documentsOfPlan(organizationId: string, planId: string): Promise<UpstreamDocumentRow[]> {
    return this.db.query(`${DOCUMENT_SELECT} WHERE d.organization_id = $1 AND d.plan_id = $2 ORDER BY array_position(ARRAY['national', 'provincial', 'local'], d.level), d.created_at, d.id`, [organizationId, planId]);
  }

  async findDocument(q: Queryable, organizationId: string, documentId: string): Promise<UpstreamDocumentRow | null> {
    const [row] = await q.query(`${DOCUMENT_SELECT} WHERE d.organization_id = $1 AND d.id = $2`, [organizationId, documentId]);
    return row ?? null;
  }

  async documentExists(organizationId: string, documentId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM upstream_document WHERE organization_id = $1 AND id = $2`, [organizationId, documentId]);
    return !!row;
  }

  async planIdOfStage(organizationId: string, stageId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT plan_id AS "planId" FROM stage WHERE organization_id = $1 AND id = $2`, [organizationId, stageId]);
    return row?.planId ?? null;
  }

  /** The status of the plan a plan, stage or upstream document belongs to (null when there is none). */
  async planStatusOfOwner(organizationId: string, ownerType: 'plan' | 'stage' | 'upstream_document', ownerId: string): Promise<string | null> {
    const table = { plan: null, stage: 'stage', upstream_document: 'upstream_document' }[ownerType];
    const [row] = await this.db.query(
      table
        ? `SELECT p.status FROM ${table} o JOIN plan p ON p.id = o.plan_id WHERE o.organization_id = $1 AND o.id = $2`
        : `SELECT status FROM plan WHERE organization_id = $1 AND id = $2`,
      [organizationId, ownerId],
    );
    return row?.status ?? null;
  }

  async stageExists(organizationId: string, stageId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM stage WHERE organization_id = $1 AND id = $2`, [organizationId, stageId]);
    return !!row;
  }

  /** Creates or replaces a document with all its directions (replace-all). */
  async saveDocument(q: Queryable, d: Omit<UpstreamDocumentRow, 'id' | 'directions'> & { id?: string; directions: { text: string; themeIds: string[] }[] }): Promise<string> {
    let id = d.id;
    if (id) {
      await q.query(
        `UPDATE upstream_document SET level = $3, title = $4, issuer = $5, year = $6, url = $7, attachment_id = $8, updated_at = now()
         WHERE organization_id = $1 AND id = $2`,
        [d.organizationId, id, d.level, d.title, d.issuer, d.year, d.url, d.attachmentId],
      );
      await q.query(`DELETE FROM upstream_direction WHERE organization_id = $1 AND document_id = $2`, [d.organizationId, id]);
    } else {
      const [row] = await q.query(
        `INSERT INTO upstream_document (organization_id, plan_id, level, title, issuer, year, url, attachment_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [d.organizationId, d.planId, d.level, d.title, d.issuer, d.year, d.url, d.attachmentId],
      );
      id = row.id as string;
    }
    if (d.directions.length > 0) {
      await q.query(
        `INSERT INTO upstream_direction (organization_id, document_id, position, text, theme_ids)
         SELECT $1, $2, x.ord - 1, x.d->>'text', ARRAY(SELECT jsonb_array_elements_text(x.d->'themeIds'))::uuid[]
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(d, ord)`,
        [d.organizationId, id, JSON.stringify(d.directions)],
      );
    }
    return id;
  }

  async deleteDocument(q: Queryable, organizationId: string, documentId: string): Promise<void> {
    await q.query(`DELETE FROM upstream_document WHERE organization_id = $1 AND id = $2`, [organizationId, documentId]);
  }

  // ---- themes ------------------------------------------------------------------------------

  /** How many committees and upstream directions carry each theme. */
  async countByTheme(q: Queryable, organizationId: string): Promise<{ committees: Map<string, number>; directions: Map<string, number> }> {
    const committees: { themeId: string; n: number }[] = await q.query(
      `SELECT theme_id AS "themeId", count(*)::int AS n FROM committee_theme WHERE organization_id = $1 GROUP BY theme_id`,
      [organizationId],
    );
    const directions: { themeId: string; n: number }[] = await q.query(
      `SELECT t AS "themeId", count(*)::int AS n FROM upstream_direction d, unnest(d.theme_ids) AS t
        WHERE d.organization_id = $1 GROUP BY t`,
      [organizationId],
    );
    return {
      committees: new Map(committees.map((r) => [r.themeId, r.n])),
      directions: new Map(directions.map((r) => [r.themeId, r.n])),
    };
  }

  /**
   * Every committee and upstream direction tagged `from` is tagged `to` instead (once: an item
   * that had both keeps one). Counts what moved.
   */
  async retagTheme(q: Queryable, organizationId: string, fromThemeId: string, toThemeId: string): Promise<{ committees: number; upstreamDirections: number }> {
    await q.query(
      `INSERT INTO committee_theme (organization_id, committee_id, theme_id)
       SELECT organization_id, committee_id, $3 FROM committee_theme WHERE organization_id = $1 AND theme_id = $2
       ON CONFLICT DO NOTHING`,
      [organizationId, fromThemeId, toThemeId],
    );
    const committees = returningCount(
      await q.query(`DELETE FROM committee_theme WHERE organization_id = $1 AND theme_id = $2 RETURNING committee_id`, [organizationId, fromThemeId]),
    );
    // array_replace keeps the direction's order of themes; duplicates then keep their first place.
    const upstreamDirections = returningCount(
      await q.query(
        `UPDATE upstream_direction SET theme_ids = ARRAY(
           SELECT u.t FROM unnest(array_replace(theme_ids, $2::uuid, $3::uuid)) WITH ORDINALITY AS u(t, ord)
            GROUP BY u.t ORDER BY min(u.ord))
          WHERE organization_id = $1 AND $2::uuid = ANY(theme_ids) RETURNING id`,
        [organizationId, fromThemeId, toThemeId],
      ),
    );
    return { committees, upstreamDirections };
  }
}

function returningCount(result: unknown): number {
  return returningRows(result).length;
}
