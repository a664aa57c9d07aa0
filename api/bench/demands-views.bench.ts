// The demands hub's views over a plan of 1,000,000 demands (BENCH_DEMANDS to change it), generated
// with generate_series in PostgreSQL: the table's first page (≤ 100 ms) unfiltered, filtered and
// searched, and the theme × stakeholder-kind and theme × district matrices (≤ 300 ms) from the
// maintained counts; a matrix the counts cannot answer (free text) is printed for comparison.
// Prints the load average with the figures: the machine is shared.
// Run: npx ts-node --transpile-only api/bench/demands-views.bench.ts
//
// Last run (2 cores shared with six other helpers, load average 17.7 18.7 14.1), medians of 5:
// first page unfiltered 7.8 ms, capacity + district 22.9 ms, theme 36.1 ms, untagged 11.6 ms,
// search 15.3 ms; matrices theme × capacity 3.0 ms, theme × district 4.6 ms, filtered 5.2 ms;
// a matrix counted live (free text) 1.28 s and participation 2.4 s (no target).
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { TDemandFilter } from '@hamandishi/contracts';
import { runMigrations } from '../src/database/migrate';
import { DemandsRepository } from '../src/modules/demands/demands.repository';
import { buildPlan } from '../test/factories/plan.factory';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_DEMANDS ?? 1_000_000);
const DISTRICTS = 20;
const THEMES = 14;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const PHRASES = [
  'کمبود پارکینگ نزدیک بازار',
  'ترافیک سنگین در ساعت اوج',
  'جمع‌آوری زباله در شب انجام نمی‌شود',
  'نبود روشنایی کافی در کوچه',
  'پیاده‌رو خراب و ناهموار است',
  'فضای سبز محله کم است',
  'آب‌گرفتگی معابر پس از باران',
  'اتوبوس‌ها دیر و شلوغ می‌آیند',
  'نیاز به کتابخانه محله‌ای',
  'آلودگی هوا در زمستان',
  'کمبود سرویس بهداشتی عمومی',
  'ساخت‌وساز بی‌ضابطه در بافت فرسوده',
];

async function timed<T>(work: () => Promise<T>, runs = 5): Promise<{ first: number; median: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0], median: sorted[Math.floor(sorted.length / 2)], result };
}

async function main() {
  const name = `hm_bench_demands_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = new DataSource({ type: 'postgres', url });
  try {
    console.log(`demands views bench: ${N.toLocaleString('en')} demands, load average ${load()}`);
    let t0 = Date.now();
    await runMigrations(url);
    await db.initialize();
    console.log(`migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const [org] = await db.query(
      `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom) VALUES ('bench', '{"fa":"بنچ"}', 'fa', 32.65, 51.67, 12) RETURNING id`,
    );
    await db.query(
      `INSERT INTO district (organization_id, number, name) SELECT $1, g, jsonb_build_object('fa', 'منطقه ' || g) FROM generate_series(1, ${DISTRICTS}) g`,
      [org.id],
    );
    await db.query(
      `INSERT INTO theme (organization_id, slug, name, position) SELECT $1, 'theme-' || g, jsonb_build_object('fa', 'موضوع ' || g), g FROM generate_series(1, ${THEMES}) g`,
      [org.id],
    );
    const plan = await buildPlan(db, org.id);
    const districtIds: string[] = (await db.query(`SELECT id FROM district WHERE organization_id = $1 ORDER BY number`, [org.id])).map((r: { id: string }) => r.id);
    const themeIds: string[] = (await db.query(`SELECT id FROM theme WHERE organization_id = $1 ORDER BY position`, [org.id])).map((r: { id: string }) => r.id);

    t0 = Date.now();
    // Bulk load: the matrices' counts are rebuilt once afterwards instead of row by row.
    await db.query(`ALTER TABLE demand_theme DISABLE TRIGGER tr_demand_theme_count`);
    await db.query(
      `INSERT INTO demand (organization_id, plan_id, source_kind, meeting, text, text_key, capacity, district_id, lat, lng, occurred_at, kind, priority)
       SELECT $1, $2, 'import', 'جلسه', t, hamandishi_search_key(t),
              (ARRAY['citizen','citizen','citizen','ngo','expert','manager',NULL])[1 + g % 7],
              CASE WHEN g % 10 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % ${DISTRICTS}] END,
              CASE WHEN g % 3 = 0 THEN 32.6 + (g % 1000) / 10000.0 END, CASE WHEN g % 3 = 0 THEN 51.6 + (g % 997) / 10000.0 END,
              now() - (g % 700) * interval '1 day' - (g % 86400) * interval '1 second',
              (ARRAY['problem','suggestion','praise','question',NULL])[1 + g % 5], CASE WHEN g % 4 = 0 THEN NULL ELSE 1 + g % 3 END
         FROM generate_series(1, $4::int) g,
              LATERAL (SELECT ($5::text[])[1 + g % ${PHRASES.length}] || ' ' || (g % 5000)::text || ' ' || ($5::text[])[1 + (g / 7) % ${PHRASES.length}] AS t) x`,
      [org.id, plan.id, districtIds, N, PHRASES],
    );
    // About 70 % tagged, a fifth of those with two themes.
    await db.query(
      `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin)
       SELECT d.organization_id, d.id, ($2::uuid[])[1 + abs(hashtext(d.id::text)) % ${THEMES}], 'import' FROM demand d
        WHERE d.organization_id = $1 AND abs(hashtext(d.id::text || 'x')) % 10 < 7
       UNION
       SELECT d.organization_id, d.id, ($2::uuid[])[1 + abs(hashtext(d.id::text || 'y')) % ${THEMES}], 'import' FROM demand d
        WHERE d.organization_id = $1 AND abs(hashtext(d.id::text || 'x')) % 10 < 7 AND abs(hashtext(d.id::text || 'z')) % 5 = 0`,
      [org.id, themeIds],
    );
    await db.query(`ALTER TABLE demand_theme ENABLE TRIGGER tr_demand_theme_count`);
    await db.query(`SELECT demand_theme_count_rebuild($1)`, [org.id]);
    await db.query(`VACUUM ANALYZE demand`);
    await db.query(`VACUUM ANALYZE demand_theme`);
    await db.query(`ANALYZE demand_theme_count`);
    const [{ n, tags, counts }] = await db.query(
      `SELECT (SELECT count(*) FROM demand)::int AS n, (SELECT count(*) FROM demand_theme)::int AS tags, (SELECT count(*) FROM demand_theme_count)::int AS counts`,
    );
    console.log(`generated ${n.toLocaleString('en')} demands, ${tags.toLocaleString('en')} tags, ${counts} maintained count rows in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`);

    const repo = new DemandsRepository(db);
    const scope = { organizationId: org.id, timeZone: 'Asia/Tehran' };
    const base = { planId: plan.id } as TDemandFilter;
    const cases: [string, number, () => Promise<unknown>][] = [
      ['first page, unfiltered', 100, () => repo.page(base, scope, null, 51)],
      ['first page, capacity + district', 100, () => repo.page({ ...base, capacities: ['ngo'], districtIds: [districtIds[3]] } as TDemandFilter, scope, null, 51)],
      ['first page, theme', 100, () => repo.page({ ...base, themeIds: [themeIds[2]] } as TDemandFilter, scope, null, 51)],
      ['first page, untagged', 100, () => repo.page({ ...base, untagged: true } as TDemandFilter, scope, null, 51)],
      ['first page, search "پارکینگ"', 100, () => repo.page({ ...base, q: 'پارکینگ' } as TDemandFilter, scope, null, 51)],
      ['first page, search "4999" (rare)', 100, () => repo.page({ ...base, q: '4999' } as TDemandFilter, scope, null, 51)],
      ['matrix theme × capacity', 300, () => repo.matrix(base, scope, 'capacity')],
      ['matrix theme × district', 300, () => repo.matrix(base, scope, 'district')],
      ['matrix theme × district, citizens, kinds', 300, () => repo.matrix({ ...base, capacities: ['citizen'], kinds: ['problem', 'suggestion'] } as TDemandFilter, scope, 'district')],
      ['matrix theme × capacity, counted live (free text; no target)', 0, () => repo.matrix({ ...base, q: 'پارکینگ' } as TDemandFilter, scope, 'capacity')],
      ['participation (no target)', 0, () => repo.participation(base, scope)],
    ];
    for (const [label, target, work] of cases) {
      const { first, median } = await timed(work, label.includes('no target') ? 1 : 5);
      const verdict = target === 0 ? '' : median <= target ? `  ≤ ${target} ms ✓` : `  > ${target} ms ✗`;
      console.log(`${label.padEnd(62)} first ${first.toFixed(1).padStart(8)} ms  median ${median.toFixed(1).padStart(8)} ms${verdict}   load ${load()}`);
    }
  } finally {
    if (db.isInitialized) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
