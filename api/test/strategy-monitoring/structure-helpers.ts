import type { DataSource } from 'typeorm';
import { normalizeForSearch } from '@hamandishi/text';

/** A small plan structure written straight into the tables: one goal, one output, and what the test asks for. */
export async function buildGoalAndOutput(db: DataSource, organizationId: string, planId: string, code = 'G1'): Promise<{ goalId: string; outputId: string }> {
  const [goal] = await db.query(`INSERT INTO strategy_goal (organization_id, plan_id, code, title) VALUES ($1, $2, $3, $4) RETURNING id`, [
    organizationId,
    planId,
    code,
    'شهر روان و در دسترس',
  ]);
  const [output] = await db.query(
    `INSERT INTO strategy_output (organization_id, plan_id, goal_id, code, title) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [organizationId, planId, goal.id, `${code}-O1`, 'حمل‌ونقل عمومی بهتر'],
  );
  return { goalId: goal.id, outputId: output.id };
}

/** An indicator with a formula over `a` and `b`, a baseline and a target per year. */
export async function buildIndicator(
  db: DataSource,
  where: { organizationId: string; planId: string; outputId: string },
  o: { code?: string; title?: string; formula?: string; variables?: string[]; baselineYear: number; baselineValue: number; targets: Record<number, number>; unit?: string; responsibleUnit?: string | null },
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO strategy_indicator (organization_id, plan_id, output_id, code, title, unit, direction, formula, variables, responsible_unit, baseline_year, baseline_value)
     VALUES ($1, $2, $3, $4, $5, $6, 'increase', $7, $8, $9, $10, $11) RETURNING id`,
    [
      where.organizationId,
      where.planId,
      where.outputId,
      o.code ?? 'I1',
      o.title ?? 'سهم سفرهای حمل‌ونقل عمومی',
      o.unit ?? 'درصد',
      o.formula ?? 'a / b * 100',
      JSON.stringify((o.variables ?? ['a', 'b']).map((name) => ({ name, label: name }))),
      o.responsibleUnit === undefined ? 'معاونت حمل‌ونقل' : o.responsibleUnit,
      o.baselineYear,
      o.baselineValue,
    ],
  );
  for (const [year, value] of Object.entries(o.targets)) {
    await db.query(`INSERT INTO strategy_indicator_target (organization_id, plan_id, indicator_id, year, value) VALUES ($1, $2, $3, $4, $5)`, [
      where.organizationId,
      where.planId,
      row.id,
      Number(year),
      value,
    ]);
  }
  return row.id;
}

/** A project under the output. */
export async function buildProject(
  db: DataSource,
  where: { organizationId: string; planId: string; outputId: string },
  o: { code?: string; title?: string; startsOn?: string | null; endsOn?: string | null; totalCost?: number; lat?: number | null; lng?: number | null; districtIds?: string[]; responsibleUnit?: string } = {},
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO strategy_project (organization_id, plan_id, output_id, code, title, responsible_unit, starts_on, ends_on, total_cost, lat, lng)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      where.organizationId,
      where.planId,
      where.outputId,
      o.code ?? 'P1',
      o.title ?? 'خط ۳ اتوبوس تندرو',
      o.responsibleUnit ?? 'معاونت حمل‌ونقل',
      o.startsOn ?? null,
      o.endsOn ?? null,
      o.totalCost ?? 1_000_000_000,
      o.lat ?? 31.32,
      o.lng ?? 48.67,
    ],
  );
  for (const districtId of o.districtIds ?? []) {
    await db.query(`INSERT INTO strategy_project_district (organization_id, plan_id, project_id, district_id) VALUES ($1, $2, $3, $4)`, [
      where.organizationId,
      where.planId,
      row.id,
      districtId,
    ]);
  }
  return row.id;
}

/** A demand group of the plan. */
export async function buildDemandGroup(db: DataSource, organizationId: string, planId: string, name: string): Promise<string> {
  const [row] = await db.query(`INSERT INTO demand_group (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [organizationId, planId, name]);
  return row.id;
}

/**
 * A demand (by hand, or from a problem when `problemId` is given). A problem's demand already
 * exists (a trigger makes it when the problem is posted): that one is updated, not duplicated.
 */
export async function buildDemand(
  db: DataSource,
  where: { organizationId: string; planId: string },
  o: { text: string; authorId?: string | null; groupId?: string | null; problemId?: string },
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO demand (organization_id, plan_id, source_kind, source_id, text, text_key, author_id, group_id, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'problem')
     ON CONFLICT (organization_id, source_kind, source_id, (coalesce(source_key, ''))) WHERE source_id IS NOT NULL
     DO UPDATE SET plan_id = EXCLUDED.plan_id, text = EXCLUDED.text, text_key = EXCLUDED.text_key, author_id = EXCLUDED.author_id, group_id = EXCLUDED.group_id, kind = EXCLUDED.kind
     RETURNING id`,
    [where.organizationId, where.planId, o.problemId ? 'problem' : 'manual', o.problemId ?? null, o.text, normalizeForSearch(o.text), o.authorId ?? null, o.groupId ?? null],
  );
  return row.id;
}
