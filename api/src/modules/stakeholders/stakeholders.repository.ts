import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StakeholderForm, StakeholderKind, StakeholderRelation } from '@hamandishi/contracts';
import type { EngagementRow } from './stakeholder-engagement.sources';

type Db = EntityManager | DataSource;

/** A stakeholder row with its themes, districts and the assessment of one plan (when asked). */
export type StakeholderRow = {
  id: string;
  name: string;
  nameKey: string;
  form: StakeholderForm;
  kind: StakeholderKind;
  description: string | null;
  isVerified: boolean;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  verifiedByName: string | null;
  createdAt: Date;
  themeIds: string[];
  districtIds: string[];
  linkedAccounts: number;
  relation: StakeholderRelation | null;
  influence: number | null;
  interest: number | null;
  isMandatory: boolean | null;
};

/** The list's filters, already checked. `q` is normalised (normalizeForSearch). */
export type StakeholderFilter = {
  q: string | null;
  kind: StakeholderKind | null;
  planId: string | null;
  relation: StakeholderRelation | null;
  mandatory: boolean | null;
  themeId: string | null;
  districtId: string | null;
  verified: boolean | null;
};

export type NewStakeholder = { name: string; nameKey: string; form: StakeholderForm; kind: StakeholderKind; description: string | null };

export type AssessmentRow = {
  planId: string;
  planTitle: Record<string, string>;
  relation: StakeholderRelation;
  influence: number;
  interest: number;
  isMandatory: boolean;
  updatedAt: Date;
};

export type ContactRow = { id: string; name: string; role: string | null; phone: string | null; email: string | null; note: string | null; createdAt: Date };

const ROW_COLUMNS = `
  s.id, s.name, s.name_key AS "nameKey", s.form, s.kind, s.description, s.is_verified AS "isVerified",
  s.verified_at AS "verifiedAt", s.verified_by AS "verifiedBy", vb.display_name AS "verifiedByName", s.created_at AS "createdAt",
  coalesce((SELECT array_agg(st.theme_id ORDER BY st.theme_id) FROM stakeholder_theme st WHERE st.stakeholder_id = s.id), '{}') AS "themeIds",
  coalesce((SELECT array_agg(sd.district_id ORDER BY sd.district_id) FROM stakeholder_district sd WHERE sd.stakeholder_id = s.id), '{}') AS "districtIds",
  (SELECT count(*)::int FROM stakeholder_account sa WHERE sa.stakeholder_id = s.id) AS "linkedAccounts",
  a.relation, a.influence, a.interest, a.is_mandatory AS "isMandatory"`;

/**
 * A problem its author filed anonymously counts for a stakeholder only when it was filed on the
 * stakeholder's behalf (then the public page names the stakeholder anyway): through the author's
 * link alone it would tell planners who wrote it.
 */
const NOT_ANONYMOUS = `NOT (e.source = 'problem' AND EXISTS (
  SELECT 1 FROM problem p WHERE p.id = e.item_id AND p.is_anonymous AND p.stakeholder_id IS DISTINCT FROM e.stakeholder_id))`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The registry's queries, every one scoped by organisation. */
@Injectable()
export class StakeholdersRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** A page of stakeholders by normalised name (keyset after `after`). */
  list(organizationId: string, f: StakeholderFilter, after: { key: string; id: string } | null, limit: number): Promise<StakeholderRow[]> {
    return this.db.query(
      `SELECT ${ROW_COLUMNS}
         FROM stakeholder s
         LEFT JOIN account vb ON vb.id = s.verified_by
         LEFT JOIN stakeholder_assessment a ON a.stakeholder_id = s.id AND a.plan_id = $2
        WHERE s.organization_id = $1 AND s.archived_at IS NULL
          AND ($3::text IS NULL OR s.name_key LIKE '%' || $4::text || '%' ESCAPE '\\' OR $3 <% s.name_key)
          AND ($5::text IS NULL OR s.kind = $5)
          AND ($6::text IS NULL OR a.relation = $6)
          AND ($7::boolean IS NULL OR coalesce(a.is_mandatory, false) = $7)
          AND ($8::uuid IS NULL OR EXISTS (SELECT 1 FROM stakeholder_theme st WHERE st.stakeholder_id = s.id AND st.theme_id = $8))
          AND ($9::uuid IS NULL OR EXISTS (SELECT 1 FROM stakeholder_district sd WHERE sd.stakeholder_id = s.id AND sd.district_id = $9))
          AND ($10::boolean IS NULL OR s.is_verified = $10)
          AND ($11::text IS NULL OR (s.name_key, s.id) > ($11, $12::uuid))
        ORDER BY s.name_key, s.id
        LIMIT $13`,
      [
        organizationId,
        f.planId,
        f.q,
        f.q === null ? null : likeEscape(f.q),
        f.kind,
        f.relation,
        f.mandatory,
        f.themeId,
        f.districtId,
        f.verified,
        after?.key ?? null,
        after?.id ?? null,
        limit,
      ],
    );
  }

  async find(organizationId: string, stakeholderId: string, m: Db = this.db): Promise<StakeholderRow | null> {
    const [row] = await m.query(
      `SELECT ${ROW_COLUMNS}
         FROM stakeholder s
         LEFT JOIN account vb ON vb.id = s.verified_by
         LEFT JOIN stakeholder_assessment a ON false
        WHERE s.organization_id = $1 AND s.id = $2 AND s.archived_at IS NULL`,
      [organizationId, stakeholderId],
    );
    return row ?? null;
  }

  /** Locks the stakeholder's row for a change; null when it is not there. */
  async lock(m: EntityManager, organizationId: string, stakeholderId: string): Promise<{ id: string; name: string; kind: StakeholderKind; isVerified: boolean } | null> {
    const [row] = await m.query(
      `SELECT id, name, kind, is_verified AS "isVerified" FROM stakeholder
        WHERE organization_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE`,
      [organizationId, stakeholderId],
    );
    return row ?? null;
  }

  /** Registered stakeholders whose normalised name is like `nameKey` (trigram similarity), closest first. */
  similar(organizationId: string, nameKey: string, excludeId: string | null, limit = 5, threshold = 0.45): Promise<{ id: string; name: string; kind: StakeholderKind; similarity: number }[]> {
    return this.db.query(
      `SELECT id, name, kind, round(similarity(name_key, $2)::numeric, 3)::float AS similarity
         FROM stakeholder
        WHERE organization_id = $1 AND archived_at IS NULL AND ($3::uuid IS NULL OR id <> $3)
          AND (name_key = $2 OR similarity(name_key, $2) >= $4)
        ORDER BY similarity(name_key, $2) DESC, name_key, id
        LIMIT $5`,
      [organizationId, nameKey, excludeId, threshold, limit],
    );
  }

  /** Every live stakeholder's id, kind and normalised name (for an import's duplicate checks). */
  keysOf(m: Db, organizationId: string): Promise<{ id: string; name: string; nameKey: string; kind: StakeholderKind; form: StakeholderForm; description: string | null }[]> {
    return m.query(
      `SELECT id, name, name_key AS "nameKey", kind, form, description FROM stakeholder WHERE organization_id = $1 AND archived_at IS NULL FOR UPDATE`,
      [organizationId],
    );
  }

  /**
   * For each new row's normalised name, the closest registered stakeholder at or above
   * `threshold` trigram similarity (pg_trgm), if any.
   */
  async similarToMany(m: EntityManager, organizationId: string, keys: { row: number; nameKey: string }[], threshold = 0.45) {
    if (!keys.length) return [] as { row: number; id: string; name: string; kind: StakeholderKind; similarity: number }[];
    // `%` uses the trigram index (ix_stakeholder_name_trgm) at this transaction's threshold, so a
    // file of thousands of rows is not compared with every registered stakeholder one by one.
    // The index is also forced: a table filled since its last ANALYZE looks empty to the planner,
    // which then compares every row (measured: minutes for 2,000 rows against 5,000 stakeholders).
    await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('enable_seqscan', 'off', true)`, [String(threshold)]);
    // Rows inserted since the last vacuum wait in the GIN index's pending list, which every probe
    // reads from end to end (measured: 37 ms a probe after 5,000 inserts, 1 ms once moved): move them
    // into the index first, when this role owns it (otherwise autovacuum will, later).
    await m.query(
      `SELECT gin_clean_pending_list(c.oid) FROM pg_class c
        WHERE c.oid = to_regclass('ix_stakeholder_name_trgm') AND pg_has_role(c.relowner, 'USAGE')`,
    );
    const rows = (await m.query(
      `SELECT f.row, s.id, s.name, s.kind, s.similarity
         FROM unnest($2::text[], $3::int[]) AS f(key, row)
         JOIN LATERAL (
           -- OFFSET 0 keeps the organisation filter out of the inner scan, so that only the trigram
           -- index can serve it (not uq_stakeholder_name, which would compare every row of the city).
           SELECT id, name, kind, round(sim::numeric, 3)::float AS similarity
             FROM (SELECT id, name, kind, organization_id, archived_at, similarity(name_key, f.key) AS sim
                     FROM stakeholder WHERE name_key % f.key OFFSET 0) c
            WHERE organization_id = $1 AND archived_at IS NULL
            ORDER BY sim DESC, id LIMIT 1
         ) s ON true
        ORDER BY f.row`,
      [organizationId, keys.map((k) => k.nameKey), keys.map((k) => k.row)],
    )) as { row: number; id: string; name: string; kind: StakeholderKind; similarity: number }[];
    await m.query(`SELECT set_config('enable_seqscan', 'on', true)`);
    return rows;
  }

  async insert(m: EntityManager, organizationId: string, actorId: string, s: NewStakeholder): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO stakeholder (organization_id, form, kind, name, name_key, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [organizationId, s.form, s.kind, s.name, s.nameKey, s.description, actorId],
    );
    return row.id;
  }

  /** Registers many stakeholders in one statement (an import); their ids by `kind` + NUL + `nameKey`. */
  async insertMany(m: EntityManager, organizationId: string, actorId: string, rows: NewStakeholder[]): Promise<Map<string, string>> {
    if (!rows.length) return new Map();
    const inserted: { id: string; kind: string; nameKey: string }[] = await m.query(
      `INSERT INTO stakeholder (organization_id, form, kind, name, name_key, description, created_by)
       SELECT $1, t.form, t.kind, t.name, t.name_key, t.description, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(form, kind, name, name_key, description)
       RETURNING id, kind, name_key AS "nameKey"`,
      [
        organizationId,
        actorId,
        rows.map((r) => r.form),
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.nameKey),
        rows.map((r) => r.description),
      ],
    );
    return new Map(inserted.map((r) => [`${r.kind}\u0000${r.nameKey}`, r.id]));
  }

  /** Writes many assessments of one plan in one statement (an import). */
  async upsertAssessments(
    m: EntityManager,
    organizationId: string,
    planId: string,
    actorId: string,
    rows: { stakeholderId: string; relation: StakeholderRelation; influence: number; interest: number; isMandatory: boolean }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO stakeholder_assessment (organization_id, stakeholder_id, plan_id, relation, influence, interest, is_mandatory, updated_by)
       SELECT $1, t.stakeholder_id, $2, t.relation, t.influence, t.interest, t.is_mandatory, $3
         FROM unnest($4::uuid[], $5::text[], $6::int[], $7::int[], $8::boolean[]) AS t(stakeholder_id, relation, influence, interest, is_mandatory)
       ON CONFLICT (stakeholder_id, plan_id) DO UPDATE
         SET relation = EXCLUDED.relation, influence = EXCLUDED.influence, interest = EXCLUDED.interest,
             is_mandatory = EXCLUDED.is_mandatory, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        organizationId,
        planId,
        actorId,
        rows.map((r) => r.stakeholderId),
        rows.map((r) => r.relation),
        rows.map((r) => r.influence),
        rows.map((r) => r.interest),
        rows.map((r) => r.isMandatory),
      ],
    );
  }

  async update(m: EntityManager, organizationId: string, stakeholderId: string, s: NewStakeholder): Promise<void> {
    await m.query(
      `UPDATE stakeholder SET form = $3, kind = $4, name = $5, name_key = $6, description = $7, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, stakeholderId, s.form, s.kind, s.name, s.nameKey, s.description],
    );
  }

  async setVerified(m: EntityManager, organizationId: string, stakeholderId: string, actorId: string, isVerified: boolean): Promise<void> {
    await m.query(
      `UPDATE stakeholder SET is_verified = $3, verified_by = CASE WHEN $3 THEN $4::uuid END, verified_at = CASE WHEN $3 THEN now() END, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, stakeholderId, isVerified, actorId],
    );
  }

  async archive(m: EntityManager, organizationId: string, stakeholderId: string): Promise<void> {
    await m.query(`UPDATE stakeholder SET archived_at = now(), updated_at = now() WHERE organization_id = $1 AND id = $2`, [organizationId, stakeholderId]);
  }

  /** Replaces the stakeholder's themes (foreign keys refuse a theme of another organisation). */
  async setThemes(m: EntityManager, organizationId: string, stakeholderId: string, themeIds: string[]): Promise<void> {
    await m.query(`DELETE FROM stakeholder_theme WHERE stakeholder_id = $1`, [stakeholderId]);
    if (themeIds.length)
      await m.query(
        `INSERT INTO stakeholder_theme (organization_id, stakeholder_id, theme_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
        [organizationId, stakeholderId, themeIds],
      );
  }

  async setDistricts(m: EntityManager, organizationId: string, stakeholderId: string, districtIds: string[]): Promise<void> {
    await m.query(`DELETE FROM stakeholder_district WHERE stakeholder_id = $1`, [stakeholderId]);
    if (districtIds.length)
      await m.query(
        `INSERT INTO stakeholder_district (organization_id, stakeholder_id, district_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
        [organizationId, stakeholderId, districtIds],
      );
  }

  // ---- assessments -----------------------------------------------------------------------

  assessments(organizationId: string, stakeholderId: string): Promise<AssessmentRow[]> {
    return this.db.query(
      `SELECT a.plan_id AS "planId", p.title AS "planTitle", a.relation, a.influence, a.interest, a.is_mandatory AS "isMandatory", a.updated_at AS "updatedAt"
         FROM stakeholder_assessment a JOIN plan p ON p.id = a.plan_id
        WHERE a.organization_id = $1 AND a.stakeholder_id = $2
        ORDER BY p.created_at DESC, p.id`,
      [organizationId, stakeholderId],
    );
  }

  stageRoles(organizationId: string, stakeholderId: string): Promise<{ planId: string; stageId: string; stageTitle: Record<string, string>; role: string }[]> {
    return this.db.query(
      `SELECT r.plan_id AS "planId", r.stage_id AS "stageId", st.title AS "stageTitle", r.role
         FROM stakeholder_stage_role r JOIN stage st ON st.id = r.stage_id
        WHERE r.organization_id = $1 AND r.stakeholder_id = $2
        ORDER BY st.position`,
      [organizationId, stakeholderId],
    );
  }

  async upsertAssessment(
    m: EntityManager,
    organizationId: string,
    stakeholderId: string,
    planId: string,
    actorId: string,
    a: { relation: StakeholderRelation; influence: number; interest: number; isMandatory: boolean },
  ): Promise<void> {
    await m.query(
      `INSERT INTO stakeholder_assessment (organization_id, stakeholder_id, plan_id, relation, influence, interest, is_mandatory, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (stakeholder_id, plan_id) DO UPDATE
         SET relation = EXCLUDED.relation, influence = EXCLUDED.influence, interest = EXCLUDED.interest,
             is_mandatory = EXCLUDED.is_mandatory, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organizationId, stakeholderId, planId, a.relation, a.influence, a.interest, a.isMandatory, actorId],
    );
  }

  async setStageRoles(m: EntityManager, organizationId: string, stakeholderId: string, planId: string, roles: { stageId: string; role: string }[]): Promise<void> {
    await m.query(`DELETE FROM stakeholder_stage_role WHERE stakeholder_id = $1 AND plan_id = $2`, [stakeholderId, planId]);
    for (const r of roles) {
      await m.query(
        `INSERT INTO stakeholder_stage_role (organization_id, stakeholder_id, plan_id, stage_id, role) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (stakeholder_id, stage_id) DO UPDATE SET role = EXCLUDED.role`,
        [organizationId, stakeholderId, planId, r.stageId, r.role],
      );
    }
  }

  async deleteAssessment(m: EntityManager, organizationId: string, stakeholderId: string, planId: string): Promise<boolean> {
    const [, count] = await m.query(`DELETE FROM stakeholder_assessment WHERE organization_id = $1 AND stakeholder_id = $2 AND plan_id = $3`, [
      organizationId,
      stakeholderId,
      planId,
    ]);
    return count > 0;
  }

  /** The assessed stakeholders of a plan, for the power/interest grid. */
  grid(organizationId: string, planId: string) {
    return this.db.query(
      `SELECT s.id, s.name, s.kind, a.relation, a.influence, a.interest, a.is_mandatory AS "isMandatory"
         FROM stakeholder_assessment a JOIN stakeholder s ON s.id = a.stakeholder_id AND s.archived_at IS NULL
        WHERE a.organization_id = $1 AND a.plan_id = $2
        ORDER BY s.name_key, s.id`,
      [organizationId, planId],
    );
  }

  /** The plan's mandatory stakeholders with the role each has per stage. */
  mandatoryOf(organizationId: string, planId: string): Promise<{ id: string; name: string; kind: StakeholderKind; roles: Record<string, string> | null }[]> {
    return this.db.query(
      `SELECT s.id, s.name, s.kind,
              (SELECT jsonb_object_agg(r.stage_id, r.role) FROM stakeholder_stage_role r WHERE r.stakeholder_id = s.id AND r.plan_id = a.plan_id) AS roles
         FROM stakeholder_assessment a JOIN stakeholder s ON s.id = a.stakeholder_id AND s.archived_at IS NULL
        WHERE a.organization_id = $1 AND a.plan_id = $2 AND a.is_mandatory
        ORDER BY s.name_key, s.id`,
      [organizationId, planId],
    );
  }

  // ---- contacts and accounts -------------------------------------------------------------

  contacts(organizationId: string, stakeholderId: string): Promise<ContactRow[]> {
    return this.db.query(
      `SELECT id, name, role, phone, email, note, created_at AS "createdAt" FROM stakeholder_contact
        WHERE organization_id = $1 AND stakeholder_id = $2 ORDER BY created_at, id`,
      [organizationId, stakeholderId],
    );
  }

  /** The first contact of each stakeholder (for exports). */
  async firstContacts(organizationId: string): Promise<Map<string, ContactRow>> {
    const rows: (ContactRow & { stakeholderId: string })[] = await this.db.query(
      `SELECT DISTINCT ON (stakeholder_id) stakeholder_id AS "stakeholderId", id, name, role, phone, email, note, created_at AS "createdAt"
         FROM stakeholder_contact WHERE organization_id = $1 ORDER BY stakeholder_id, created_at, id`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.stakeholderId, r]));
  }

  async insertContact(
    m: EntityManager,
    organizationId: string,
    stakeholderId: string,
    actorId: string,
    c: { name: string; role: string | null; phone: string | null; email: string | null; note: string | null },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO stakeholder_contact (organization_id, stakeholder_id, name, role, phone, email, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [organizationId, stakeholderId, c.name, c.role, c.phone, c.email, c.note, actorId],
    );
    return row.id;
  }

  async deleteContact(m: EntityManager, organizationId: string, stakeholderId: string, contactId: string): Promise<ContactRow | null> {
    const [rows] = await m.query(
      `DELETE FROM stakeholder_contact WHERE organization_id = $1 AND stakeholder_id = $2 AND id = $3
       RETURNING id, name, role, phone, email, note, created_at AS "createdAt"`,
      [organizationId, stakeholderId, contactId],
    );
    return rows?.[0] ?? null;
  }

  accounts(organizationId: string, stakeholderId: string): Promise<{ accountId: string; displayName: string; linkedAt: Date }[]> {
    return this.db.query(
      `SELECT sa.account_id AS "accountId", a.display_name AS "displayName", sa.created_at AS "linkedAt"
         FROM stakeholder_account sa JOIN account a ON a.id = sa.account_id
        WHERE sa.organization_id = $1 AND sa.stakeholder_id = $2 ORDER BY sa.created_at, sa.account_id`,
      [organizationId, stakeholderId],
    );
  }

  /** Links an account; false when it already was. */
  async link(m: EntityManager, organizationId: string, stakeholderId: string, accountId: string): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO stakeholder_account (organization_id, stakeholder_id, account_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT pk_stakeholder_account DO NOTHING RETURNING account_id`,
      [organizationId, stakeholderId, accountId],
    );
    return rows.length > 0;
  }

  async unlink(m: EntityManager, organizationId: string, stakeholderId: string, accountId: string): Promise<boolean> {
    const [, count] = await m.query(`DELETE FROM stakeholder_account WHERE organization_id = $1 AND stakeholder_id = $2 AND account_id = $3`, [
      organizationId,
      stakeholderId,
      accountId,
    ]);
    return count > 0;
  }

  // ---- engagement (the stakeholder_engagement view) --------------------------------------

  engagementHistory(organizationId: string, stakeholderId: string): Promise<EngagementRow[]> {
    return this.db.query(
      `SELECT source, item_id AS "itemId", plan_id AS "planId", stage_id AS "stageId", summary, occurred_at AS "occurredAt"
         FROM stakeholder_engagement e WHERE organization_id = $1 AND stakeholder_id = $2 AND ${NOT_ANONYMOUS}
        ORDER BY occurred_at DESC LIMIT 500`,
      [organizationId, stakeholderId],
    );
  }

  engagedIn(organizationId: string, planId: string, stakeholderIds: string[]): Promise<{ stakeholderId: string; stageId: string }[]> {
    return this.db.query(
      `SELECT DISTINCT stakeholder_id AS "stakeholderId", stage_id AS "stageId"
         FROM stakeholder_engagement e
        WHERE organization_id = $1 AND plan_id = $2 AND stage_id IS NOT NULL AND stakeholder_id = ANY($3::uuid[]) AND ${NOT_ANONYMOUS}`,
      [organizationId, planId, stakeholderIds],
    );
  }

  /** Every live stakeholder with its plan assessment (when `planId`), for exports, by name. */
  exportRows(organizationId: string, planId: string | null): Promise<StakeholderRow[]> {
    return this.db.query(
      `SELECT ${ROW_COLUMNS}
         FROM stakeholder s
         LEFT JOIN account vb ON vb.id = s.verified_by
         LEFT JOIN stakeholder_assessment a ON a.stakeholder_id = s.id AND a.plan_id = $2
        WHERE s.organization_id = $1 AND s.archived_at IS NULL
        ORDER BY s.name_key, s.id`,
      [organizationId, planId],
    );
  }
}
