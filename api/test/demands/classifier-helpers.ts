import type { DataSource } from 'typeorm';
import { normalizeForSearch } from '@hamandishi/text';
import type { CorpusDemand } from '../../bench/demands-corpus';

/** Themes of the organisation for the corpus slugs: slug → id. */
export async function buildThemes(db: DataSource, organizationId: string, slugs: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [i, slug] of slugs.entries()) {
    const [row] = await db.query(
      `INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_theme_slug DO UPDATE SET slug = excluded.slug RETURNING id`,
      [organizationId, slug, { fa: `موضوع ${slug}`, en: slug }, 100 + i],
    );
    ids.set(slug, row.id);
  }
  return ids;
}

/**
 * Demands of the corpus, as the demands hub stores them (manual entries), tagged with their themes by
 * `taggedBy` (origin planner) or left untagged; their ids in the corpus' order.
 */
export async function insertDemands(
  db: DataSource,
  organizationId: string,
  planId: string,
  corpus: CorpusDemand[],
  themes: Map<string, string>,
  taggedBy: string | null,
): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO demand (organization_id, plan_id, source_kind, text, text_key)
     SELECT $1, $2, 'manual', t, k FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS x(t, k, n) ORDER BY n RETURNING id`,
    [organizationId, planId, corpus.map((d) => d.text), corpus.map((d) => normalizeForSearch(d.text))],
  );
  if (taggedBy) await tagDemands(db, organizationId, rows.map((r) => r.id), corpus, themes, taggedBy);
  return rows.map((r) => r.id);
}

/** A planner tags demands with their corpus themes (as the demands hub would). */
export async function tagDemands(
  db: DataSource,
  organizationId: string,
  ids: string[],
  corpus: CorpusDemand[],
  themes: Map<string, string>,
  taggedBy: string,
): Promise<void> {
  const pairs = ids.flatMap((id, i) => corpus[i].themes.map((t) => [id, themes.get(t)!] as const));
  await db.query(
    `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by)
     SELECT $1, d, t, 'planner', $4 FROM unnest($2::uuid[], $3::uuid[]) AS x(d, t)`,
    [organizationId, pairs.map((p) => p[0]), pairs.map((p) => p[1]), taggedBy],
  );
}
