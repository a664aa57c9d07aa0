import { hash } from 'argon2';
import { Client } from 'pg';
import type { Role, TBoundary } from '@hamandishi/contracts';
import { DEMO_THEMES } from './demo-themes';
import { ISFAHAN_CENTER, demoDistricts } from './demo-districts';
import { seedDemoConsultation } from './demo-consultation';
import { seedDemoContent } from './demo-content';
import { seedDemoDemands } from './demo-demands';
import { seedDemoParticipation } from './demo-participation';
import { seedDemoPlan } from './demo-plan';
import { seedDemoStrategy } from './demo-strategy';

/** The demo municipality's slug. */
export const DEMO_SLUG = 'isfahan';
const DEMO_PASSWORD = 'hamandishi-demo-1405';

type DemoSignIn = { role: Role | 'superadmin'; displayName: string; email: string; mobile: string; password: string };

/** One demo account per role (printed by `npm start`; never seeded in production images). */
export const DEMO_SIGN_INS: DemoSignIn[] = (
  [
    ['citizen', 'مریم شهروند'],
    ['ngo', 'انجمن دوستداران زاینده‌رود'],
    ['expert', 'دکتر علی کارشناس'],
    ['manager', 'مدیر منطقه ۳'],
    ['planner', 'سارا برنامه‌ریز'],
    ['moderator', 'رضا ناظر'],
    ['admin', 'مدیر سامانه'],
    ['superadmin', 'راهبر سکو'],
  ] as const
).map(([role, displayName], i) => ({
  role,
  displayName,
  email: `${role}@demo.hamandishi.ir`,
  mobile: `+98912000000${i + 1}`,
  password: DEMO_PASSWORD,
}));

/** Creates (or completes) the demo municipality: safe to run on every start. */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizationId = await upsertOrganization(client);
    await upsertDistricts(client, organizationId);
    await upsertThemes(client, organizationId);
    await upsertAccounts(client, organizationId);
    await seedDemoPlan(client, organizationId);
    await seedDemoConsultation(client, organizationId);
    await seedDemoContent(client, organizationId);
    // Stakeholders and think-tank sessions first: their statements become demands the next step tags.
    await seedDemoParticipation(client, organizationId);
    await seedDemoDemands(client, organizationId);
    await seedDemoStrategy(client, organizationId);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

async function upsertOrganization(client: Client): Promise<string> {
  const { rows } = await client.query(
    `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom)
     VALUES ($1, $2, 'fa', $3, $4, 12)
     ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
     RETURNING id`,
    [DEMO_SLUG, { fa: 'شهرداری اصفهان', ar: 'بلدية أصفهان', en: 'Isfahan Municipality' }, ISFAHAN_CENTER.lat, ISFAHAN_CENTER.lng],
  );
  return rows[0].id;
}

async function upsertDistricts(client: Client, organizationId: string): Promise<void> {
  for (const district of demoDistricts()) {
    const box = boundingBox(district.boundary);
    await client.query(
      `INSERT INTO district (organization_id, number, name, boundary, min_lat, min_lng, max_lat, max_lng)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organization_id, number) DO NOTHING`,
      [organizationId, district.number, district.name, district.boundary, box.minLat, box.minLng, box.maxLat, box.maxLng],
    );
  }
}

async function upsertThemes(client: Client, organizationId: string): Promise<void> {
  for (const [position, theme] of DEMO_THEMES.entries()) {
    const { rows } = await client.query(
      `INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, slug) DO UPDATE SET slug = excluded.slug RETURNING id`,
      [organizationId, theme.slug, theme.name, position],
    );
    for (const [childPosition, child] of (theme.children ?? []).entries()) {
      // Not under a theme an admin has since made a sub-theme: themes have two levels only.
      await client.query(
        `INSERT INTO theme (organization_id, parent_id, slug, name, position)
         SELECT $1::uuid, $2::uuid, $3::text, $4::jsonb, $5::int WHERE NOT EXISTS (SELECT 1 FROM theme WHERE id = $2::uuid AND parent_id IS NOT NULL)
         ON CONFLICT (organization_id, slug) DO NOTHING`,
        [organizationId, rows[0].id, child.slug, child.name, childPosition],
      );
    }
  }
}

async function upsertAccounts(client: Client, organizationId: string): Promise<void> {
  const { rows: existing } = await client.query(`SELECT email FROM account WHERE email = ANY($1)`, [
    DEMO_SIGN_INS.map((s) => s.email),
  ]);
  const known = new Set(existing.map((r: { email: string }) => r.email));
  const passwordHash = known.size < DEMO_SIGN_INS.length ? await hash(DEMO_PASSWORD) : null;
  for (const s of DEMO_SIGN_INS) {
    if (known.has(s.email)) continue;
    const { rows } = await client.query(
      `INSERT INTO account (mobile, email, password_hash, display_name, locale, is_superadmin)
       VALUES ($1, $2, $3, $4, 'fa', $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [s.mobile, s.email, passwordHash, s.displayName, s.role === 'superadmin'],
    );
    if (!rows[0] || s.role === 'superadmin') continue;
    await client.query(
      `INSERT INTO membership (organization_id, account_id, roles) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, account_id) DO NOTHING`,
      [organizationId, rows[0].id, s.role === 'citizen' ? ['citizen'] : ['citizen', s.role]],
    );
  }
}

function boundingBox(boundary: TBoundary) {
  const points = (boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates).flat(2);
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return { minLng: Math.min(...lngs), maxLng: Math.max(...lngs), minLat: Math.min(...lats), maxLat: Math.max(...lats) };
}
