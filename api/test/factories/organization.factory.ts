import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type BuiltOrganization = { id: string; slug: string; districtIds: string[]; themeIds: string[] };

const square = (lng: number, lat: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});

/** A municipality with two districts (square boundaries) and two themes. */
export async function buildOrganization(db: DataSource, overrides: { slug?: string; name?: string } = {}): Promise<BuiltOrganization> {
  const slug = overrides.slug ?? `city-${randomBytes(3).toString('hex')}`;
  const [organization] = await db.query(
    `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom)
     VALUES ($1, $2, 'fa', 32.65, 51.67, 12) RETURNING id`,
    [slug, { fa: overrides.name ?? `شهرداری ${slug}`, en: `${slug} municipality` }],
  );
  const districtIds: string[] = [];
  for (const [i, lng] of [51.6, 51.65].entries()) {
    const [row] = await db.query(
      `INSERT INTO district (organization_id, number, name, boundary, min_lat, min_lng, max_lat, max_lng)
       VALUES ($1, $2, $3, $4, 32.6, $5, 32.65, $6) RETURNING id`,
      [organization.id, i + 1, { fa: `منطقه ${i + 1}`, en: `District ${i + 1}` }, square(lng, 32.6, 0.05), lng, lng + 0.05],
    );
    districtIds.push(row.id);
  }
  const themeIds: string[] = [];
  for (const [i, themeSlug] of ['transport', 'waste'].entries()) {
    const [row] = await db.query(
      `INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organization.id, themeSlug, { fa: themeSlug === 'transport' ? 'حمل‌ونقل' : 'پسماند', en: themeSlug }, i],
    );
    themeIds.push(row.id);
  }
  return { id: organization.id, slug, districtIds, themeIds };
}
