import type { DataSource } from 'typeorm';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildActivity, buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';

/** A municipality with a problem-collection activity problems can be filed under. */
export type MapCity = BuiltOrganization & { planId: string; stageId: string; activityId: string };

export async function buildMapCity(db: DataSource): Promise<MapCity> {
  const org = await buildOrganization(db);
  const plan = await buildPlan(db, org.id);
  const stage = await buildStage(db, org.id, plan.id, daysFromToday(-10), daysFromToday(30));
  const activity = await buildActivity(db, org.id, plan.id, stage.id);
  return { ...org, planId: plan.id, stageId: stage.id, activityId: activity.id };
}

export type ProblemOverrides = { lat?: number | null; lng?: number | null; themeId?: string; status?: string; isHidden?: boolean };

/** Persists located problems straight in SQL (as another API process would), returning their ids. */
export async function buildProblems(db: DataSource, city: MapCity, points: ProblemOverrides[]): Promise<string[]> {
  if (!points.length) return [];
  const rows = await db.query(
    `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, title, description, search_text, theme_id, district_id, lat, lng, status, is_hidden)
     SELECT $1, $2, $3, $4, 'چاله در خیابان', 'چاله بزرگ وسط خیابان', 'چاله در خیابان', coalesce(x.theme_id, $5), $6, x.lat, x.lng, coalesce(x.status, 'submitted'), coalesce(x.is_hidden, false)
       FROM jsonb_to_recordset($7::jsonb) AS x(lat double precision, lng double precision, theme_id uuid, status text, is_hidden boolean)
     RETURNING id`,
    [
      city.id,
      city.planId,
      city.stageId,
      city.activityId,
      city.themeIds[0],
      city.districtIds[0],
      JSON.stringify(points.map((p) => ({ lat: p.lat ?? null, lng: p.lng ?? null, theme_id: p.themeId, status: p.status, is_hidden: p.isHidden }))),
    ],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** `n` points spread over a grid inside [w, s, e, n]. */
export function spread(n: number, [w, s, e, north]: [number, number, number, number]): { lat: number; lng: number }[] {
  const side = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => ({
    lng: w + ((i % side) + 0.5) * ((e - w) / side),
    lat: s + (Math.floor(i / side) + 0.5) * ((north - s) / side),
  }));
}
