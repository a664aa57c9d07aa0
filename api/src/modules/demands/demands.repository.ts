import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DemandKind, TDemandFilter, TLocalizedText } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';
import { demandFilterSql } from './demand-filter';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A demand row as the views read it (never its author). */
export type DemandRow = {
  id: string;
  planId: string;
  stageId: string | null;
  sourceKind: string;
  sourceId: string | null;
  sourceState: string;
  meeting: string | null;
  text: string;
  capacity: string | null;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  occurredAt: Date;
  at: string;
  weight: number;
  kind: DemandKind | null;
  priority: number | null;
  groupId: string | null;
};

/** A theme on a demand. */
export type DemandThemeRow = { demandId: string; id: string; name: TLocalizedText; colour: string; origin: 'planner' | 'suggestion' | 'import' };

/** A demand to insert by hand or from an import. */
export type NewDemand = {
  stageId: string | null;
  meeting: string;
  text: string;
  capacity: string | null;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  occurredAt: string | null;
  kind: string | null;
  priority: number | null;
  themeIds: string[];
};

/** A decision to record: who did what to which demand. */
export type Decision = { demandId: string; action: string; detail: Record<string, unknown> };

const DEMAND_COLUMNS = `d.id, d.plan_id AS "planId", d.stage_id AS "stageId", d.source_kind AS "sourceKind", d.source_id AS "sourceId",
  d.source_state AS "sourceState", d.meeting, d.text, d.capacity, d.district_id AS "districtId", d.lat, d.lng,
  d.occurred_at AS "occurredAt", d.occurred_at::text AS at, d.weight, d.kind, d.priority, d.group_id AS "groupId"`;

/** Filter fields the maintained theme counts can answer (the others count the demands themselves). */
const MAINTAINED_FIELDS = new Set(['planId', 'stageIds', 'sourceKinds', 'kinds', 'priorities', 'capacities', 'districtIds', 'untagged']);
const NIL = '00000000-0000-0000-0000-000000000000';

/** The demands hub's queries. Every one is scoped by the municipality (and the plan, through the filter). */
@Injectable()
export class DemandsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async planExists(organizationId: string, planId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM plan WHERE organization_id = $1 AND id = $2`, [organizationId, planId]);
    return rows.length > 0;
  }

  async stageOfPlan(organizationId: string, planId: string, stageId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM stage WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [organizationId, planId, stageId]);
    return rows.length > 0;
  }

  /** A keyset page of the filter's demands, newest first. */
  page(filter: TDemandFilter, scope: { organizationId: string; timeZone: string }, after: { at: string; id: string } | null, limit: number): Promise<DemandRow[]> {
    const f = demandFilterSql(filter, scope);
    const params = [...f.params];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = `AND (d.occurred_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.db.query(
      `SELECT ${DEMAND_COLUMNS} FROM demand d WHERE ${f.where} ${keyset} ORDER BY d.occurred_at DESC, d.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  async byId(organizationId: string, demandId: string): Promise<DemandRow | null> {
    const rows: DemandRow[] = await this.db.query(`SELECT ${DEMAND_COLUMNS} FROM demand d WHERE d.organization_id = $1 AND d.id = $2`, [organizationId, demandId]);
    return rows[0] ?? null;
  }

  themesOf(organizationId: string, demandIds: string[]): Promise<DemandThemeRow[]> {
    if (demandIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT dt.demand_id AS "demandId", t.id, t.name, t.colour, dt.origin FROM demand_theme dt
       JOIN theme t ON t.organization_id = dt.organization_id AND t.id = dt.theme_id
       WHERE dt.organization_id = $1 AND dt.demand_id = ANY($2::uuid[]) ORDER BY t.position, t.id`,
      [organizationId, demandIds],
    );
  }

  /** The ids a filter selects (at most `limit`), optionally only among `among`. */
  async idsOf(q: Queryable, filter: TDemandFilter, scope: { organizationId: string; timeZone: string }, among: string[] | null, limit: number): Promise<string[]> {
    const f = demandFilterSql(filter, scope);
    const params = [...f.params];
    let extra = '';
    if (among) {
      params.push(among);
      extra = `AND d.id = ANY($${params.length}::uuid[])`;
    }
    const rows: { id: string }[] = await q.query(`SELECT d.id FROM demand d WHERE ${f.where} ${extra} ORDER BY d.id LIMIT ${Number(limit)}`, params);
    return rows.map((r) => r.id);
  }

  /** Demands of the organisation among `ids`, locked for a change (in id order: no deadlock between two taggings). */
  async lockDemands(m: EntityManager, organizationId: string, ids: string[]): Promise<{ id: string; planId: string; groupId: string | null }[]> {
    return m.query(
      `SELECT id, plan_id AS "planId", group_id AS "groupId" FROM demand WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [organizationId, ids],
    );
  }

  /** Themes among `ids` that exist and are not archived. */
  async liveThemes(q: Queryable, organizationId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await q.query(
      `SELECT id FROM theme WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL`,
      [organizationId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Adds themes to demands (those they lack); the pairs added. */
  async addThemes(m: EntityManager, organizationId: string, demandIds: string[], themeIds: string[], origin: string, actorId: string | null): Promise<{ demandId: string; themeId: string }[]> {
    if (demandIds.length === 0 || themeIds.length === 0) return [];
    return returningRows(
      await m.query(
        `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by)
         SELECT $1, d, t, $4, $5 FROM unnest($2::uuid[]) d CROSS JOIN unnest($3::uuid[]) t ORDER BY d, t
         ON CONFLICT ON CONSTRAINT pk_demand_theme DO NOTHING
         RETURNING demand_id AS "demandId", theme_id AS "themeId"`,
        [organizationId, demandIds, themeIds, origin, actorId],
      ),
    );
  }

  async removeThemes(m: EntityManager, organizationId: string, demandIds: string[], themeIds: string[]): Promise<{ demandId: string; themeId: string }[]> {
    if (demandIds.length === 0 || themeIds.length === 0) return [];
    return returningRows(
      await m.query(
        `DELETE FROM demand_theme WHERE organization_id = $1 AND demand_id = ANY($2::uuid[]) AND theme_id = ANY($3::uuid[])
         RETURNING demand_id AS "demandId", theme_id AS "themeId"`,
        [organizationId, demandIds, themeIds],
      ),
    );
  }

  /** Sets a column (kind or priority) where it differs; the ids changed. */
  async setAttribute(m: EntityManager, organizationId: string, demandIds: string[], column: 'kind' | 'priority', value: string | number | null): Promise<string[]> {
    const cast = column === 'kind' ? 'text' : 'smallint';
    const rows = returningRows<{ id: string }>(
      await m.query(
        `UPDATE demand SET ${column} = $3::${cast}, updated_at = now()
         WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND ${column} IS DISTINCT FROM $3::${cast} RETURNING id`,
        [organizationId, demandIds, value],
      ),
    );
    return rows.map((r) => r.id);
  }

  async recordDecisions(m: EntityManager, organizationId: string, actorId: string | null, decisions: Decision[]): Promise<void> {
    if (decisions.length === 0) return;
    await m.query(
      `INSERT INTO demand_decision (organization_id, demand_id, actor_id, action, detail)
       SELECT $1, d, $2, a, x FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) AS u(d, a, x)`,
      [organizationId, actorId, decisions.map((d) => d.demandId), decisions.map((d) => d.action), decisions.map((d) => JSON.stringify(d.detail))],
    );
  }

  /** Inserts manual or imported demands; their ids in input order. */
  async insertDemands(m: EntityManager, organizationId: string, planId: string, sourceKind: 'manual' | 'import', actorId: string, rows: NewDemand[]): Promise<string[]> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO demand (organization_id, plan_id, stage_id, source_kind, meeting, text, text_key, capacity, district_id, lat, lng,
         occurred_at, kind, priority, created_by)
       SELECT $1, $2, u.stage_id, $3, u.meeting, u.text, hamandishi_search_key(u.text), u.capacity, u.district_id, u.lat, u.lng,
              coalesce(u.occurred_at, now()), u.kind, u.priority, $4
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::float8[], $11::float8[], $12::timestamptz[], $13::text[], $14::smallint[])
              WITH ORDINALITY AS u(stage_id, meeting, text, capacity, district_id, lat, lng, occurred_at, kind, priority, n)
        ORDER BY u.n RETURNING id`,
      [
        organizationId,
        planId,
        sourceKind,
        actorId,
        rows.map((r) => r.stageId),
        rows.map((r) => r.meeting),
        rows.map((r) => r.text),
        rows.map((r) => r.capacity),
        rows.map((r) => r.districtId),
        rows.map((r) => r.lat),
        rows.map((r) => r.lng),
        rows.map((r) => r.occurredAt),
        rows.map((r) => r.kind),
        rows.map((r) => r.priority),
      ],
    );
    const ids = returningRows<{ id: string }>(inserted).map((r) => r.id);
    const pairs = rows.flatMap((r, i) => r.themeIds.map((t) => [ids[i], t] as const));
    if (pairs.length > 0) {
      await m.query(
        `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by)
         SELECT $1, d, t, $4, $5 FROM unnest($2::uuid[], $3::uuid[]) AS u(d, t) ORDER BY d, t ON CONFLICT DO NOTHING`,
        [organizationId, pairs.map((p) => p[0]), pairs.map((p) => p[1]), sourceKind === 'import' ? 'import' : 'planner', actorId],
      );
    }
    return ids;
  }

  /** Moves every demand of a theme to another (themes merge), in the caller's transaction; the demands moved. */
  async retagTheme(m: EntityManager, organizationId: string, fromThemeId: string, toThemeId: string): Promise<number> {
    // The demands first, in id order, as tagging locks them: the two statements below each lock
    // the demands whose kept themes they change (migration 1765440000000), in two passes that
    // together are in no order, and would deadlock with a bulk tag running at the same time.
    await m.query(
      `SELECT 1 FROM demand WHERE organization_id = $1 AND id IN (SELECT demand_id FROM demand_theme WHERE organization_id = $1 AND theme_id = $2)
        ORDER BY id FOR UPDATE`,
      [organizationId, fromThemeId],
    );
    const moved = returningRows<{ demandId: string }>(
      await m.query(
        `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by, decided_at)
         SELECT organization_id, demand_id, $3, origin, decided_by, decided_at FROM demand_theme
          WHERE organization_id = $1 AND theme_id = $2 ORDER BY demand_id
         ON CONFLICT ON CONSTRAINT pk_demand_theme DO NOTHING RETURNING demand_id AS "demandId"`,
        [organizationId, fromThemeId, toThemeId],
      ),
    );
    const removed = returningRows<{ demandId: string }>(
      await m.query(`DELETE FROM demand_theme WHERE organization_id = $1 AND theme_id = $2 RETURNING demand_id AS "demandId"`, [organizationId, fromThemeId]),
    );
    await this.recordDecisions(
      m,
      organizationId,
      null,
      removed.map((r) => ({ demandId: r.demandId, action: 'theme_merged', detail: { from: fromThemeId, to: toThemeId } })),
    );
    return Math.max(moved.length, removed.length);
  }

  // ---- views ------------------------------------------------------------------------------------

  /** Theme × dimension counts from the maintained table when the filter allows, else counted. */
  async matrix(
    filter: TDemandFilter,
    scope: { organizationId: string; timeZone: string },
    by: 'capacity' | 'district',
  ): Promise<{ cells: { themeId: string; key: string; count: number }[]; isMaintained: boolean }> {
    const fields = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k]) => k);
    const isMaintained = fields.every((k) => MAINTAINED_FIELDS.has(k)) && filter.untagged !== true;
    if (isMaintained) {
      const params: unknown[] = [scope.organizationId, filter.planId];
      const clauses = ['c.organization_id = $1', 'c.plan_id = $2'];
      const any = (column: string, values: unknown[] | undefined, cast: string, map: (v: unknown) => unknown = (v) => v) => {
        if (!values) return;
        params.push(values.map(map));
        clauses.push(`c.${column} = ANY($${params.length}::${cast}[])`);
      };
      any('stage_id', filter.stageIds, 'uuid');
      any('source_kind', filter.sourceKinds, 'text');
      any('kind', filter.kinds, 'text');
      any('priority', filter.priorities, 'smallint');
      any('capacity', filter.capacities, 'text');
      any('district_id', filter.districtIds, 'uuid');
      const key = by === 'capacity' ? `CASE WHEN c.capacity = '' THEN 'none' ELSE c.capacity END` : `CASE WHEN c.district_id = '${NIL}' THEN 'none' ELSE c.district_id::text END`;
      const cells = await this.db.query(
        `SELECT c.theme_id AS "themeId", ${key} AS key, sum(c.count)::int AS count FROM demand_theme_count c
         WHERE ${clauses.join(' AND ')} GROUP BY 1, 2 HAVING sum(c.count) > 0`,
        params,
      );
      return { cells, isMaintained: true };
    }
    const f = demandFilterSql(filter, scope);
    const key = by === 'capacity' ? `coalesce(d.capacity, 'none')` : `coalesce(d.district_id::text, 'none')`;
    const cells = await this.db.query(
      `SELECT dt.theme_id AS "themeId", ${key} AS key, count(*)::int AS count FROM demand d JOIN demand_theme dt ON dt.demand_id = d.id
       WHERE ${f.where} GROUP BY 1, 2`,
      f.params,
    );
    return { cells, isMaintained: false };
  }

  /** Located demands of the filter, newest first, at most `limit`. */
  mapPoints(filter: TDemandFilter, scope: { organizationId: string; timeZone: string }, limit: number) {
    const f = demandFilterSql(filter, scope);
    return this.db.query(
      `SELECT d.id, d.lat, d.lng, left(d.text, 140) AS text, d.kind FROM demand d
       WHERE ${f.where} AND d.lat IS NOT NULL ORDER BY d.occurred_at DESC, d.id DESC LIMIT ${Number(limit)}`,
      f.params,
    ) as Promise<{ id: string; lat: number; lng: number; text: string; kind: DemandKind | null }[]>;
  }

  /** Demands per calendar day of the municipality. */
  perDay(filter: TDemandFilter, scope: { organizationId: string; timeZone: string }): Promise<{ day: string; count: number }[]> {
    const f = demandFilterSql(filter, scope);
    return this.db.query(
      `SELECT (d.occurred_at AT TIME ZONE $${f.params.length + 1})::date::text AS day, count(*)::int AS count FROM demand d
       WHERE ${f.where} GROUP BY 1 ORDER BY 1`,
      [...f.params, scope.timeZone],
    );
  }

  /** Who was heard: totals, and counts by source, capacity and district. */
  async participation(filter: TDemandFilter, scope: { organizationId: string; timeZone: string }) {
    const f = demandFilterSql(filter, scope);
    const [totals, bySource, byCapacity, byDistrict] = await Promise.all([
      this.db.query(
        `SELECT count(*)::int AS demands, count(DISTINCT d.author_id)::int AS people, count(*) FILTER (WHERE d.author_id IS NULL)::int AS "withoutAuthor"
         FROM demand d WHERE ${f.where}`,
        f.params,
      ),
      this.db.query(`SELECT d.source_kind AS "sourceKind", count(*)::int AS count FROM demand d WHERE ${f.where} GROUP BY 1 ORDER BY 2 DESC, 1`, f.params),
      this.db.query(`SELECT d.capacity, count(*)::int AS count FROM demand d WHERE ${f.where} GROUP BY 1 ORDER BY 2 DESC, 1`, f.params),
      this.db.query(
        `SELECT d.district_id AS "districtId", count(*)::int AS count, count(DISTINCT d.author_id)::int AS people FROM demand d
         WHERE ${f.where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        f.params,
      ),
    ]);
    return {
      totals: totals[0] as { demands: number; people: number; withoutAuthor: number },
      bySource: bySource as { sourceKind: string; count: number }[],
      byCapacity: byCapacity as { capacity: string | null; count: number }[],
      byDistrict: byDistrict as { districtId: string | null; count: number; people: number }[],
    };
  }

  // ---- groups -----------------------------------------------------------------------------------

  groupsOf(organizationId: string, planId: string, groupId: string | null = null) {
    return this.db.query(
      `SELECT g.id, g.plan_id AS "planId", g.name, g.is_focus_candidate AS "isFocusCandidate", g.created_at AS "createdAt",
              (SELECT count(*)::int FROM demand d WHERE d.group_id = g.id) AS count,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'text', left(s.text, 200))) FROM
                 (SELECT d.id, d.text FROM demand d WHERE d.group_id = g.id ORDER BY d.weight DESC, d.occurred_at, d.id LIMIT 3) s), '[]') AS samples
       FROM demand_group g WHERE g.organization_id = $1 AND g.plan_id = $2 AND ($3::uuid IS NULL OR g.id = $3)
       ORDER BY count DESC, g.created_at, g.id`,
      [organizationId, planId, groupId],
    ) as Promise<{ id: string; planId: string; name: string | null; isFocusCandidate: boolean; createdAt: Date; count: number; samples: { id: string; text: string }[] }[]>;
  }

  async lockGroup(m: EntityManager, organizationId: string, groupId: string): Promise<{ id: string; planId: string } | null> {
    const rows = await m.query(`SELECT id, plan_id AS "planId" FROM demand_group WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, groupId]);
    return rows[0] ?? null;
  }

  async insertGroup(m: EntityManager, organizationId: string, planId: string, name: string | null, actorId: string): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO demand_group (organization_id, plan_id, name, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organizationId, planId, name, actorId],
    );
    return row.id;
  }

  async updateGroup(m: EntityManager, organizationId: string, groupId: string, patch: { name?: string | null; isFocusCandidate?: boolean }): Promise<void> {
    await m.query(
      `UPDATE demand_group SET name = CASE WHEN $3 THEN $4 ELSE name END, is_focus_candidate = coalesce($5, is_focus_candidate), updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, groupId, patch.name !== undefined, patch.name ?? null, patch.isFocusCandidate ?? null],
    );
  }

  /** Puts demands into a group (null: out of any). */
  async setGroup(m: EntityManager, organizationId: string, demandIds: string[], groupId: string | null): Promise<void> {
    await m.query(`UPDATE demand SET group_id = $3, updated_at = now() WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, demandIds, groupId]);
  }

  async moveGroup(m: EntityManager, organizationId: string, fromId: string, intoId: string | null): Promise<string[]> {
    const rows = returningRows<{ id: string }>(
      await m.query(`UPDATE demand SET group_id = $3, updated_at = now() WHERE organization_id = $1 AND group_id = $2 RETURNING id`, [organizationId, fromId, intoId]),
    );
    return rows.map((r) => r.id);
  }

  async deleteGroup(m: EntityManager, organizationId: string, groupId: string): Promise<void> {
    await m.query(`DELETE FROM demand_group WHERE organization_id = $1 AND id = $2`, [organizationId, groupId]);
  }

  /** Groups of the plan left without demands are removed (a group is its demands). */
  async deleteEmptyGroups(m: EntityManager, organizationId: string, planId: string): Promise<void> {
    await m.query(
      `DELETE FROM demand_group g WHERE g.organization_id = $1 AND g.plan_id = $2 AND NOT EXISTS (SELECT 1 FROM demand d WHERE d.group_id = g.id)`,
      [organizationId, planId],
    );
  }

  /**
   * Pairs of near-identical ungrouped demands among the plan's `recent` newest: trigram similarity
   * of the normalised text at least `threshold`, and within `metres` of each other when both are located.
   */
  similarPairs(organizationId: string, planId: string, recent: number, threshold: number, metres: number) {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
      return m.query(
        `WITH c AS (SELECT id, text_key, lat, lng FROM demand
                     WHERE organization_id = $1 AND plan_id = $2 AND group_id IS NULL ORDER BY occurred_at DESC, id DESC LIMIT $3)
         SELECT a.id AS a, b.id AS b, similarity(a.text_key, b.text_key) AS similarity
           FROM c a JOIN c b ON a.id < b.id AND a.text_key % b.text_key
          WHERE a.lat IS NULL OR b.lat IS NULL
             OR 6371000 * 2 * asin(sqrt(power(sin(radians(b.lat - a.lat) / 2), 2)
                  + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lng - a.lng) / 2), 2))) <= $4`,
        [organizationId, planId, recent, metres],
      ) as Promise<{ a: string; b: string; similarity: number }[]>;
    });
  }

  textsOf(organizationId: string, ids: string[]): Promise<{ id: string; text: string }[]> {
    return this.db.query(`SELECT id, left(text, 300) AS text FROM demand WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, ids]);
  }

  // ---- catch-up ---------------------------------------------------------------------------------

  organizations(): Promise<{ id: string }[]> {
    return this.db.query(`SELECT id FROM organization ORDER BY id`);
  }

  async catchUp(organizationId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT demands_catch_up($1) AS changed`, [organizationId]);
    return row.changed;
  }
}
