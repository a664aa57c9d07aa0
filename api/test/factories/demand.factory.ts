import type { DataSource } from 'typeorm';
import { normalizeForSearch } from '@hamandishi/text';

/** What a built demand may set; the rest takes the table's defaults. */
export type DemandOverrides = {
  text?: string;
  sourceKind?: 'manual' | 'import';
  meeting?: string | null;
  capacity?: string | null;
  stakeholderId?: string | null;
  authorId?: string | null;
  districtId?: string | null;
  stageId?: string | null;
  lat?: number | null;
  lng?: number | null;
  occurredAt?: Date | string;
  weight?: number;
  kind?: string | null;
  priority?: number | null;
  groupId?: string | null;
  /** Theme ids, tagged by `taggedBy` (origin planner) or as accepted suggestions with `origin`. */
  themeIds?: string[];
  origin?: 'planner' | 'suggestion' | 'import';
  taggedBy?: string | null;
};

/**
 * Demands of a plan in one statement each for the rows and their themes (manual entries, so no
 * source row is needed): `make(i)` gives the i-th demand's fields. Returns the ids in order.
 */
export async function buildDemands(
  db: DataSource,
  organizationId: string,
  planId: string,
  count: number,
  make: (i: number) => DemandOverrides = () => ({}),
): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => make(i));
  const col = <T>(pick: (d: DemandOverrides, i: number) => T) => rows.map(pick);
  const texts = col((d, i) => d.text ?? `مطالبه شماره ${i + 1}`);
  const inserted: { id: string }[] = await db.query(
    `INSERT INTO demand (organization_id, plan_id, source_kind, meeting, text, text_key, capacity, stakeholder_id, author_id,
                         district_id, stage_id, lat, lng, occurred_at, weight, kind, priority, group_id)
     SELECT $1, $2, x.source_kind, x.meeting, x.text, x.text_key, x.capacity, x.stakeholder_id, x.author_id,
            x.district_id, x.stage_id, x.lat, x.lng, coalesce(x.occurred_at, now()), x.weight, x.kind, x.priority, x.group_id
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[],
                   $12::float8[], $13::float8[], $14::timestamptz[], $15::int[], $16::text[], $17::smallint[], $18::uuid[])
            WITH ORDINALITY AS x(source_kind, meeting, text, text_key, capacity, stakeholder_id, author_id, district_id, stage_id,
                                 lat, lng, occurred_at, weight, kind, priority, group_id, n)
      ORDER BY x.n
     RETURNING id`,
    [
      organizationId,
      planId,
      col((d) => d.sourceKind ?? 'manual'),
      col((d) => d.meeting ?? null),
      texts,
      texts.map((t) => normalizeForSearch(t)),
      col((d) => d.capacity ?? null),
      col((d) => d.stakeholderId ?? null),
      col((d) => d.authorId ?? null),
      col((d) => d.districtId ?? null),
      col((d) => d.stageId ?? null),
      col((d) => d.lat ?? null),
      col((d) => d.lng ?? null),
      col((d) => (d.occurredAt ? new Date(d.occurredAt).toISOString() : null)),
      col((d) => d.weight ?? 0),
      col((d) => d.kind ?? null),
      col((d) => d.priority ?? null),
      col((d) => d.groupId ?? null),
    ],
  );
  const ids = inserted.map((r) => r.id);
  const pairs = rows.flatMap((d, i) => (d.themeIds ?? []).map((t) => ({ demand: ids[i], theme: t, origin: d.origin ?? 'planner', by: d.taggedBy ?? null })));
  if (pairs.length) {
    await db.query(
      `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by)
       SELECT $1, d, t, o, b FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[]) AS x(d, t, o, b)`,
      [organizationId, pairs.map((p) => p.demand), pairs.map((p) => p.theme), pairs.map((p) => p.origin), pairs.map((p) => p.by)],
    );
  }
  return ids;
}

/** One demand of a plan. */
export async function buildDemand(db: DataSource, organizationId: string, planId: string, overrides: DemandOverrides = {}): Promise<string> {
  const [id] = await buildDemands(db, organizationId, planId, 1, () => overrides);
  return id;
}

/** A named group of demands (a focus point candidate). */
export async function buildDemandGroup(db: DataSource, organizationId: string, planId: string, name: string | null): Promise<string> {
  const [row] = await db.query(`INSERT INTO demand_group (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [
    organizationId,
    planId,
    name,
  ]);
  return row.id;
}
