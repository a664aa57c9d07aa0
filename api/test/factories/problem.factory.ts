import type { DataSource } from 'typeorm';
import { normalizeForSearch } from '@hamandishi/text';
import { buildOpenActivity } from './plan.factory';

/** A plan with an open stage holding an open problem_collection activity. */
export function buildProblemCollection(
  db: DataSource,
  organizationId: string,
  settings: Record<string, unknown> = {},
): Promise<{ planId: string; stageId: string; activityId: string }> {
  return buildOpenActivity(db, organizationId, 'problem_collection', settings);
}

/** A problem written straight into the table (for lists, duplicates and counts). */
export async function buildProblem(
  db: DataSource,
  where: {
    organizationId: string;
    planId: string;
    stageId: string;
    activityId: string;
    themeId: string;
    districtId: string;
  },
  overrides: {
    title?: string;
    description?: string;
    authorId?: string | null;
    lat?: number | null;
    lng?: number | null;
    capacity?: string;
    status?: string;
    isHidden?: boolean;
    createdAt?: string;
  } = {},
): Promise<{ id: string }> {
  const title = overrides.title ?? 'چاله بزرگ در خیابان';
  const description = overrides.description ?? 'چاله‌ای عمیق وسط خیابان که خطرناک است.';
  const [row] = await db.query(
    `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, author_id, capacity, title, description, search_text,
       theme_id, district_id, lat, lng, status, is_hidden, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($16::timestamptz, now())) RETURNING id`,
    [
      where.organizationId,
      where.planId,
      where.stageId,
      where.activityId,
      overrides.authorId ?? null,
      overrides.capacity ?? 'citizen',
      title,
      description,
      normalizeForSearch(`${title} ${description}`),
      where.themeId,
      where.districtId,
      overrides.lat === undefined ? 32.62 : overrides.lat,
      overrides.lng === undefined ? 51.62 : overrides.lng,
      overrides.status ?? 'submitted',
      overrides.isHidden ?? false,
      overrides.createdAt ?? null,
    ],
  );
  return row;
}
