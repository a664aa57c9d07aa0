import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  StrategyLevel,
  TAction,
  TApproval,
  TBudgetAllocation,
  TFocusPoint,
  TGoal,
  TIndicator,
  TOutput,
  TProject,
  TStrategyContent,
  TStrategyVersion,
} from '@hamandishi/contracts';

/** A connection or a transaction's manager: services decide the transaction. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A structure row of any level, as the content types have it. */
export type LevelRow = TFocusPoint | TGoal | TOutput | TIndicator | TProject | TAction;

type Column = { key: string; column: string; type: string };
type LevelSpec = { table: string; parent: { key: string; column: string; level: StrategyLevel } | null; columns: Column[] };

const COMMON: Column[] = [
  { key: 'code', column: 'code', type: 'text' },
  { key: 'title', column: 'title', type: 'text' },
  { key: 'position', column: 'position', type: 'integer' },
];
const DESCRIBED: Column[] = [...COMMON, { key: 'description', column: 'description', type: 'text' }];
const SCHEDULE: Column[] = [
  { key: 'responsibleUnit', column: 'responsible_unit', type: 'text' },
  { key: 'startsOn', column: 'starts_on', type: 'date' },
  { key: 'endsOn', column: 'ends_on', type: 'date' },
  { key: 'status', column: 'status', type: 'text' },
  { key: 'progress', column: 'progress', type: 'smallint' },
];

/** Each level's table, parent and columns: one description drives the bulk upsert of the editor and the import. */
export const LEVELS: Record<StrategyLevel, LevelSpec> = {
  focus_point: {
    table: 'strategy_focus_point',
    parent: null,
    columns: [...DESCRIBED, { key: 'demandGroupId', column: 'demand_group_id', type: 'uuid' }],
  },
  goal: { table: 'strategy_goal', parent: null, columns: DESCRIBED },
  output: { table: 'strategy_output', parent: { key: 'goalId', column: 'goal_id', level: 'goal' }, columns: DESCRIBED },
  indicator: {
    table: 'strategy_indicator',
    parent: { key: 'outputId', column: 'output_id', level: 'output' },
    columns: [
      ...COMMON,
      { key: 'unit', column: 'unit', type: 'text' },
      { key: 'direction', column: 'direction', type: 'text' },
      { key: 'formula', column: 'formula', type: 'text' },
      { key: 'variables', column: 'variables', type: 'jsonb' },
      { key: 'dataSource', column: 'data_source', type: 'text' },
      { key: 'responsibleUnit', column: 'responsible_unit', type: 'text' },
      { key: 'baselineYear', column: 'baseline_year', type: 'integer' },
      { key: 'baselineValue', column: 'baseline_value', type: 'numeric' },
    ],
  },
  portfolio: { table: 'strategy_portfolio', parent: null, columns: DESCRIBED },
  project: {
    table: 'strategy_project',
    parent: { key: 'outputId', column: 'output_id', level: 'output' },
    columns: [
      ...DESCRIBED,
      { key: 'portfolioId', column: 'portfolio_id', type: 'uuid' },
      { key: 'committeeId', column: 'committee_id', type: 'uuid' },
      { key: 'lat', column: 'lat', type: 'double precision' },
      { key: 'lng', column: 'lng', type: 'double precision' },
      { key: 'totalCost', column: 'total_cost', type: 'bigint' },
      { key: 'fundingSources', column: 'funding_sources', type: 'text[]' },
      ...SCHEDULE,
    ],
  },
  action: { table: 'strategy_action', parent: { key: 'projectId', column: 'project_id', level: 'project' }, columns: [...COMMON, ...SCHEDULE] },
};

/** Parents before children: the order rows are written in (and removed in reverse). */
export const LEVEL_ORDER: StrategyLevel[] = ['focus_point', 'goal', 'portfolio', 'output', 'indicator', 'project', 'action'];

const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Runs queries side by side on a pool, one after another inside a transaction: a transaction has
 * one connection, and pg refuses overlapping queries on one client.
 */
export async function allOf<T extends readonly (() => Promise<unknown>)[]>(q: Queryable, work: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const isTransaction = Boolean((q as { queryRunner?: unknown }).queryRunner);
  if (!isTransaction) return Promise.all(work.map((w) => w())) as never;
  const results: unknown[] = [];
  for (const w of work) results.push(await w());
  return results as never;
}

/** The structure's tables, read and written in bulk per level. */
@Injectable()
export class StrategyRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** The whole working structure of a plan: one query per level, run side by side. */
  async content(q: Queryable, organizationId: string, planId: string): Promise<TStrategyContent> {
    const p = [organizationId, planId];
    const cols = `id, code, title, position, archived_at IS NOT NULL AS archived`;
    const [statement, focusPoints, goals, outputs, indicators, portfolios, projects, actions, budget]: readonly any[] = await allOf(q, [
      () => q.query(`SELECT vision, mission, "values" FROM strategy_statement WHERE organization_id = $1 AND plan_id = $2`, p),
      () => q.query(`SELECT ${cols}, description, demand_group_id AS "demandGroupId" FROM strategy_focus_point WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`, p),
      () => q.query(`SELECT ${cols}, description FROM strategy_goal WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`, p),
      () => q.query(`SELECT ${cols}, description, goal_id AS "goalId" FROM strategy_output WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`, p),
      () => q.query(
        `SELECT ${cols}, output_id AS "outputId", unit, direction, formula, variables, data_source AS "dataSource",
                responsible_unit AS "responsibleUnit", baseline_year AS "baselineYear", baseline_value::float8 AS "baselineValue",
                coalesce((SELECT jsonb_agg(jsonb_build_object('year', t.year, 'value', t.value::float8) ORDER BY t.year)
                          FROM strategy_indicator_target t WHERE t.indicator_id = i.id), '[]') AS targets
         FROM strategy_indicator i WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`,
        p,
      ),
      () => q.query(`SELECT ${cols}, description FROM strategy_portfolio WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`, p),
      () => q.query(
        `SELECT ${cols}, description, output_id AS "outputId", portfolio_id AS "portfolioId", committee_id AS "committeeId",
                responsible_unit AS "responsibleUnit", lat, lng, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
                to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", total_cost::text AS "totalCost", funding_sources AS "fundingSources",
                status, progress,
                coalesce((SELECT array_agg(d.district_id ORDER BY d.district_id) FROM strategy_project_district d WHERE d.project_id = s.id), '{}') AS "districtIds"
         FROM strategy_project s WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`,
        p,
      ),
      () => q.query(
        `SELECT ${cols}, project_id AS "projectId", responsible_unit AS "responsibleUnit", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
                to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", status, progress
         FROM strategy_action WHERE organization_id = $1 AND plan_id = $2 ORDER BY position, code`,
        p,
      ),
      () => q.query(
        `SELECT id, project_id AS "projectId", portfolio_id AS "portfolioId", year, funding_source AS "fundingSource", amount::text AS amount
         FROM strategy_budget_allocation WHERE organization_id = $1 AND plan_id = $2 ORDER BY year, funding_source, id`,
        p,
      ),
    ] as const);
    const s = statement[0] as { vision: string; mission: string; values: string[] } | undefined;
    return {
      statement: { vision: s?.vision ?? '', mission: s?.mission ?? '', values: s?.values ?? [] },
      focusPoints,
      goals,
      outputs,
      // jsonb keeps its own key order: variables are rebuilt in the contract's order
      indicators: (indicators as TIndicator[]).map((i) => ({
        ...i,
        baselineValue: n(i.baselineValue),
        variables: i.variables.map((v) => ({ name: v.name, label: v.label, unit: v.unit ?? null })),
      })),
      portfolios,
      projects: (projects as (TProject & { lat: number | null; lng: number | null })[]).map(({ lat, lng, ...rest }) => ({
        ...rest,
        location: lat === null || lng === null ? null : { lat, lng },
      })),
      actions,
      budget: budget as TBudgetAllocation[],
    };
  }

  async saveStatement(q: Queryable, organizationId: string, planId: string, s: TStrategyContent['statement'], by: string | null): Promise<void> {
    await q.query(
      `INSERT INTO strategy_statement (plan_id, organization_id, vision, mission, "values", updated_by)
       VALUES ($2, $1, $3, $4, $5, $6)
       ON CONFLICT (plan_id) DO UPDATE SET vision = EXCLUDED.vision, mission = EXCLUDED.mission, "values" = EXCLUDED."values",
         updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE strategy_statement.organization_id = EXCLUDED.organization_id`,
      [organizationId, planId, s.vision, s.mission, s.values, by],
    );
  }

  /**
   * Inserts or updates rows of one level in one statement (by id). The parent must be in the same
   * plan: the composite foreign keys refuse anything else.
   */
  async upsert(q: Queryable, level: StrategyLevel, organizationId: string, planId: string, rows: LevelRow[]): Promise<void> {
    if (rows.length === 0) return;
    const spec = LEVELS[level];
    const columns = [...(spec.parent ? [{ key: spec.parent.key, column: spec.parent.column, type: 'uuid' }] : []), ...spec.columns];
    const records = rows.map((row) => {
      const r = row as Record<string, unknown>;
      const out: Record<string, unknown> = { id: r.id, archived: r.archived ?? false };
      for (const c of columns) {
        if (c.key === 'lat' || c.key === 'lng') out[c.column] = (r.location as { lat: number; lng: number } | null)?.[c.key] ?? null;
        else out[c.column] = r[c.key] ?? null;
      }
      if (level === 'indicator') out.variables = r.variables ?? [];
      if (level === 'project') out.funding_sources = r.fundingSources ?? [];
      return out;
    });
    const names = columns.map((c) => c.column);
    const typed = [`id uuid`, `archived boolean`, ...columns.map((c) => `${c.column} ${c.type}`)].join(', ');
    await q.query(
      `INSERT INTO ${spec.table} AS t (id, organization_id, plan_id, archived_at, ${names.join(', ')})
       SELECT x.id, $1, $2, CASE WHEN x.archived THEN now() END, ${names.map((c) => `x.${c}`).join(', ')}
       FROM jsonb_to_recordset($3::jsonb) AS x(${typed})
       ON CONFLICT (id) DO UPDATE SET
         ${names.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         archived_at = CASE WHEN EXCLUDED.archived_at IS NULL THEN NULL ELSE coalesce(t.archived_at, EXCLUDED.archived_at) END,
         updated_at = now()
       WHERE t.organization_id = EXCLUDED.organization_id AND t.plan_id = EXCLUDED.plan_id`,
      [organizationId, planId, JSON.stringify(records)],
    );
  }

  /** Replaces the targets of the given indicators. */
  async replaceTargets(q: Queryable, organizationId: string, planId: string, indicators: Pick<TIndicator, 'id' | 'targets'>[]): Promise<void> {
    if (indicators.length === 0) return;
    const ids = indicators.map((i) => i.id);
    await q.query(`DELETE FROM strategy_indicator_target WHERE organization_id = $1 AND plan_id = $2 AND indicator_id = ANY($3::uuid[])`, [organizationId, planId, ids]);
    const rows = indicators.flatMap((i) => i.targets.map((t) => ({ indicator_id: i.id, year: t.year, value: t.value })));
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO strategy_indicator_target (organization_id, plan_id, indicator_id, year, value)
       SELECT $1, $2, x.indicator_id, x.year, x.value FROM jsonb_to_recordset($3::jsonb) AS x(indicator_id uuid, year integer, value numeric)`,
      [organizationId, planId, JSON.stringify(rows)],
    );
  }

  /** Replaces the districts of the given projects. */
  async replaceDistricts(q: Queryable, organizationId: string, planId: string, projects: Pick<TProject, 'id' | 'districtIds'>[]): Promise<void> {
    if (projects.length === 0) return;
    await q.query(`DELETE FROM strategy_project_district WHERE organization_id = $1 AND plan_id = $2 AND project_id = ANY($3::uuid[])`, [
      organizationId,
      planId,
      projects.map((p) => p.id),
    ]);
    const rows = projects.flatMap((p) => p.districtIds.map((d) => ({ project_id: p.id, district_id: d })));
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO strategy_project_district (organization_id, plan_id, project_id, district_id)
       SELECT $1, $2, x.project_id, x.district_id FROM jsonb_to_recordset($3::jsonb) AS x(project_id uuid, district_id uuid)`,
      [organizationId, planId, JSON.stringify(rows)],
    );
  }

  /** Replaces the allocations of the given owners (projects and portfolios) by `lines`. */
  async replaceBudget(
    q: Queryable,
    organizationId: string,
    planId: string,
    owners: { projectIds: string[]; portfolioIds: string[] },
    lines: Omit<TBudgetAllocation, 'id'>[],
  ): Promise<void> {
    await q.query(
      `DELETE FROM strategy_budget_allocation WHERE organization_id = $1 AND plan_id = $2
         AND (project_id = ANY($3::uuid[]) OR portfolio_id = ANY($4::uuid[]))`,
      [organizationId, planId, owners.projectIds, owners.portfolioIds],
    );
    if (lines.length === 0) return;
    await q.query(
      `INSERT INTO strategy_budget_allocation (organization_id, plan_id, project_id, portfolio_id, year, funding_source, amount)
       SELECT $1, $2, x.project_id, x.portfolio_id, x.year, x.funding_source, x.amount
       FROM jsonb_to_recordset($3::jsonb) AS x(project_id uuid, portfolio_id uuid, year integer, funding_source text, amount bigint)`,
      [
        organizationId,
        planId,
        JSON.stringify(lines.map((l) => ({ project_id: l.projectId, portfolio_id: l.portfolioId, year: l.year, funding_source: l.fundingSource, amount: l.amount }))),
      ],
    );
  }

  /** Deletes rows of one level; children must be gone first (the foreign keys say so). */
  async remove(q: Queryable, level: StrategyLevel, organizationId: string, planId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await q.query(`DELETE FROM ${LEVELS[level].table} WHERE organization_id = $1 AND plan_id = $2 AND id = ANY($3::uuid[])`, [organizationId, planId, ids]);
  }

  /** Sets the positions of siblings in the given order. */
  async reorder(q: Queryable, level: StrategyLevel, organizationId: string, planId: string, ids: string[]): Promise<void> {
    await q.query(
      `UPDATE ${LEVELS[level].table} t SET position = x.ord - 1, updated_at = now()
       FROM unnest($3::uuid[]) WITH ORDINALITY AS x(id, ord)
       WHERE t.id = x.id AND t.organization_id = $1 AND t.plan_id = $2`,
      [organizationId, planId, ids],
    );
  }

  /** Where the structure's codes and ids live, of every plan of the organisation (import checks). */
  async idsElsewhere(q: Queryable, organizationId: string, planId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const tables = Object.values(LEVELS).map((l) => `SELECT id FROM ${l.table} WHERE id = ANY($3::uuid[]) AND NOT (organization_id = $1 AND plan_id = $2)`);
    const rows: { id: string }[] = await q.query(tables.join(' UNION ALL '), [organizationId, planId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  async demandGroupsOfPlan(q: Queryable, organizationId: string, planId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await q.query(`SELECT id FROM demand_group WHERE organization_id = $1 AND plan_id = $2`, [organizationId, planId]);
    return new Set(rows.map((r) => r.id));
  }

  /** Whether a goal or project exists (comments on them). */
  async exists(level: 'goal' | 'project', organizationId: string, id: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${LEVELS[level].table} WHERE organization_id = $1 AND id = $2 AND archived_at IS NULL`, [organizationId, id]);
    return rows.length > 0;
  }

  // ---- versions and approvals ----------------------------------------------------------------

  versions(q: Queryable, organizationId: string, planId: string): Promise<TStrategyVersion[]> {
    return q.query(
      `SELECT v.id, v.number, v.year, v.label, v.note, to_json(v.created_at) #>> '{}' AS "createdAt",
              CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'displayName', coalesce(a.display_name, '')) END AS "createdBy"
       FROM strategy_version v LEFT JOIN account a ON a.id = v.created_by
       WHERE v.organization_id = $1 AND v.plan_id = $2 ORDER BY v.number DESC`,
      [organizationId, planId],
    );
  }

  async versionSnapshot(q: Queryable, organizationId: string, planId: string, versionId: string): Promise<{ label: string; snapshot: TStrategyContent } | null> {
    const rows = await q.query(`SELECT label, snapshot FROM strategy_version WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [
      organizationId,
      planId,
      versionId,
    ]);
    return rows[0] ?? null;
  }

  async insertVersion(
    q: Queryable,
    organizationId: string,
    planId: string,
    v: { year: number; label: string; note: string | null; snapshot: TStrategyContent },
    by: string | null,
  ): Promise<string> {
    const rows = await q.query(
      `INSERT INTO strategy_version (organization_id, plan_id, number, year, label, note, snapshot, created_by)
       VALUES ($1, $2, (SELECT coalesce(max(number), 0) + 1 FROM strategy_version WHERE plan_id = $2), $3, $4, $5, $6, $7)
       RETURNING id`,
      [organizationId, planId, v.year, v.label, v.note, JSON.stringify(v.snapshot), by],
    );
    return rows[0].id;
  }

  approvals(q: Queryable, organizationId: string, planId: string): Promise<(Omit<TApproval, 'attachment'> & { attachmentId: string | null })[]> {
    return q.query(
      `SELECT s.id, s.kind, s.outcome, to_char(s.decided_on, 'YYYY-MM-DD') AS "decidedOn", s.reference, s.note,
              s.attachment_id AS "attachmentId", s.version_id AS "versionId", to_json(s.created_at) #>> '{}' AS "createdAt",
              CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'displayName', coalesce(a.display_name, '')) END AS "recordedBy"
       FROM strategy_approval s LEFT JOIN account a ON a.id = s.recorded_by
       WHERE s.organization_id = $1 AND s.plan_id = $2 ORDER BY s.decided_on, s.created_at`,
      [organizationId, planId],
    );
  }

  async insertApproval(
    q: Queryable,
    organizationId: string,
    planId: string,
    a: { kind: string; outcome: string; decidedOn: string; reference: string | null; note: string | null; attachmentId: string | null; versionId: string | null },
    by: string | null,
  ): Promise<string> {
    const rows = await q.query(
      `INSERT INTO strategy_approval (organization_id, plan_id, kind, outcome, decided_on, reference, note, attachment_id, version_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [organizationId, planId, a.kind, a.outcome, a.decidedOn, a.reference, a.note, a.attachmentId, a.versionId, by],
    );
    return rows[0].id;
  }

  /** The districts of the organisation, without their boundaries (the editor's pickers and the budget's slices). */
  districts(q: Queryable, organizationId: string): Promise<{ id: string; number: number; name: { fa: string; ar?: string; en?: string } }[]> {
    return q.query(`SELECT id, number, name FROM district WHERE organization_id = $1 ORDER BY number`, [organizationId]);
  }
}
