import type { DataSource } from 'typeorm';
import { jalaliYear } from '@hamandishi/text';
import { dayIn } from '../../src/modules/plans/plan-calendar';

/** A calendar day `n` days from today (in Tehran), as `YYYY-MM-DD`. */
export function daysFromToday(n: number): string {
  const today = dayIn(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The Jalali year now, so horizons always contain today. */
export const thisJalaliYear = () => jalaliYear(new Date(), 'Asia/Tehran');

/** A drafting plan whose strategic horizon contains today. */
export async function buildPlan(db: DataSource, organizationId: string, overrides: { status?: string; title?: string } = {}): Promise<{ id: string }> {
  const y = thisJalaliYear();
  const [row] = await db.query(
    `INSERT INTO plan (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to, status)
     VALUES ($1, $2, 'strategic_operational', $3, $4, $3, $5, $6) RETURNING id`,
    [organizationId, { fa: overrides.title ?? 'برنامه آزمایشی' }, y - 1, y + 8, y + 3, overrides.status ?? 'drafting'],
  );
  return row;
}

/** A stage of a plan, `position` after the others. */
export async function buildStage(db: DataSource, organizationId: string, planId: string, startsOn: string, endsOn: string): Promise<{ id: string }> {
  const [row] = await db.query(
    `INSERT INTO stage (organization_id, plan_id, position, title, starts_on, ends_on)
     VALUES ($1, $2, (SELECT coalesce(max(position), -1) + 1 FROM stage WHERE plan_id = $2), $3, $4, $5) RETURNING id`,
    [organizationId, planId, { fa: 'مرحله' }, startsOn, endsOn],
  );
  return row;
}

/** An activity in a stage (window follows the stage, open to signed-in people). */
export async function buildActivity(
  db: DataSource,
  organizationId: string,
  planId: string,
  stageId: string,
  type = 'problem_collection',
): Promise<{ id: string }> {
  const [row] = await db.query(
    `INSERT INTO activity (organization_id, plan_id, stage_id, type, position, title, participation)
     VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), -1) + 1 FROM activity WHERE stage_id = $3), $5, $6) RETURNING id`,
    [organizationId, planId, stageId, type, { fa: 'فعالیت' }, { audience: 'signed_in' }],
  );
  return row;
}

/** A plan with an open stage holding one open activity of `type`, with `settings`. */
export async function buildOpenActivity(
  db: DataSource,
  organizationId: string,
  type: string,
  settings: Record<string, unknown> = {},
): Promise<{ planId: string; stageId: string; activityId: string }> {
  const plan = await buildPlan(db, organizationId);
  const stage = await buildStage(db, organizationId, plan.id, daysFromToday(-1), daysFromToday(30));
  const activity = await buildActivity(db, organizationId, plan.id, stage.id, type);
  await db.query(`UPDATE activity SET settings = $2 WHERE id = $1`, [activity.id, settings]);
  return { planId: plan.id, stageId: stage.id, activityId: activity.id };
}
