// Times the public accountability dashboard's data (one request's work: MonitoringService.dashboard,
// its queries and the achievement/status computation) for a plan of the size Ahvaz reports — 4
// goals, 31 outputs, 84 indicators, 160 projects over 22 districts — with 5 years of quarterly
// measurements and progress reports (and the yearly figure of each year). Target: ≤ 100 ms.
// Also times the CSV of every measurement (the dashboard plus one table).
//
// Run: npx ts-node --transpile-only api/bench/accountability.bench.ts [--indicators 84] [--projects 160] [--years 5] [--force]
// Uses its own database (BENCH_ACCOUNTABILITY_DATABASE_URL, default hm_bench_accountability);
// reloads only when the sizes differ or with --force.
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate';
import type { Organization } from '../src/modules/organizations/organization.entity';
import { MonitoringRepository } from '../src/modules/strategy/monitoring/monitoring.repository';
import { MonitoringService } from '../src/modules/strategy/monitoring/monitoring.service';
import { buildOrganization } from '../test/factories/organization.factory';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const GOALS = 4;
const OUTPUTS = 31;
const INDICATORS = arg('indicators', 84);
const PROJECTS = arg('projects', 160);
const YEARS = arg('years', 5);
const DISTRICTS = 22;
const FORCE = process.argv.includes('--force');
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const URL_ = process.env.BENCH_ACCOUNTABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hm_bench_accountability';
const FROM = 1404;
const SIZE_KEY = `${INDICATORS}/${PROJECTS}/${YEARS}`;

const step = (m: string) => process.stdout.write(`» ${m}\n`);
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function load(db: DataSource): Promise<{ organizationId: string; slug: string; planId: string }> {
  const org = await buildOrganization(db, { slug: 'ahvaz-bench', name: 'اهواز' });
  for (let d = org.districtIds.length; d < DISTRICTS; d++) {
    await db.query(`INSERT INTO district (organization_id, number, name) VALUES ($1, $2, $3)`, [org.id, 100 + d, { fa: `منطقه ${d + 1}` }]);
  }
  const districtIds: string[] = (await db.query(`SELECT id FROM district WHERE organization_id = $1 ORDER BY number`, [org.id])).map((r: { id: string }) => r.id);
  const [plan] = await db.query(
    `INSERT INTO plan (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to, status)
     VALUES ($1, $2, 'strategic_operational', $3, $4, $3, $5, 'in_execution') RETURNING id`,
    [org.id, { fa: 'برنامه اهواز' }, FROM, FROM + 9, FROM + YEARS - 1],
  );
  const q = (sql: string, p: unknown[]) => db.query(sql, p);
  const goals: string[] = [];
  for (let g = 0; g < GOALS; g++) goals.push((await q(`INSERT INTO strategy_goal (organization_id, plan_id, code, title, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [org.id, plan.id, `G${g + 1}`, `مقصد ${g + 1}`, g]))[0].id);
  const outputs: string[] = [];
  for (let o = 0; o < OUTPUTS; o++) {
    outputs.push((await q(`INSERT INTO strategy_output (organization_id, plan_id, goal_id, code, title, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [org.id, plan.id, goals[o % GOALS], `O${o + 1}`, `خروجی ${o + 1}`, o]))[0].id);
  }
  const years = Array.from({ length: YEARS }, (_, i) => FROM + i);
  const indicators: string[] = [];
  for (let i = 0; i < INDICATORS; i++) {
    const [row] = await q(
      `INSERT INTO strategy_indicator (organization_id, plan_id, output_id, code, title, unit, formula, variables, responsible_unit, baseline_year, baseline_value, position)
       VALUES ($1, $2, $3, $4, $5, 'درصد', 'a / b * 100', $6, $7, $8, 20, $9) RETURNING id`,
      [org.id, plan.id, outputs[i % OUTPUTS], `I${i + 1}`, `شاخص ${i + 1}`, JSON.stringify([{ name: 'a' }, { name: 'b' }]), `واحد ${i % 12}`, FROM - 1, i],
    );
    indicators.push(row.id);
    await q(
      `INSERT INTO strategy_indicator_target (organization_id, plan_id, indicator_id, year, value) SELECT $1, $2, $3, y, 20 + (y - $4 + 1) * 8 FROM unnest($5::int[]) AS y`,
      [org.id, plan.id, row.id, FROM, years],
    );
  }
  const projects: string[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const [row] = await q(
      `INSERT INTO strategy_project (organization_id, plan_id, output_id, code, title, responsible_unit, starts_on, ends_on, total_cost, lat, lng, status, progress, position)
       VALUES ($1, $2, $3, $4, $5, $6, '2025-03-21', '2030-03-20', $7, $8, $9, 'in_progress', $10, $11) RETURNING id`,
      [org.id, plan.id, outputs[p % OUTPUTS], `P${p + 1}`, `پروژه ${p + 1}`, `واحد ${p % 12}`, Math.round(random() * 1e12), 31.3 + random() * 0.1, 48.6 + random() * 0.1, Math.round(random() * 100), p],
    );
    projects.push(row.id);
    await q(`INSERT INTO strategy_project_district (organization_id, plan_id, project_id, district_id) VALUES ($1, $2, $3, $4), ($1, $2, $3, $5) ON CONFLICT DO NOTHING`, [
      org.id,
      plan.id,
      row.id,
      districtIds[p % DISTRICTS],
      districtIds[(p * 7) % DISTRICTS],
    ]);
  }
  const quarters = [1, 2, 3, 4, null];
  const periods = years.flatMap((y) => quarters.map((quarter) => ({ y, quarter })));
  const m = { ind: [] as string[], y: [] as number[], qt: [] as (number | null)[], a: [] as number[] };
  for (const id of indicators) for (const p of periods) {
    m.ind.push(id);
    m.y.push(p.y);
    m.qt.push(p.quarter);
    m.a.push(Math.round(10 + random() * 70));
  }
  await q(
    `INSERT INTO strategy_measurement (organization_id, plan_id, indicator_id, year, quarter, "values", value)
     SELECT $1, $2, u.i, u.y, u.q, jsonb_build_object('a', u.a, 'b', 100), u.a FROM unnest($3::uuid[], $4::int[], $5::int[], $6::int[]) AS u(i, y, q, a)`,
    [org.id, plan.id, m.ind, m.y, m.qt, m.a],
  );
  const r = { p: [] as string[], y: [] as number[], qt: [] as (number | null)[], pr: [] as number[], sp: [] as number[] };
  for (const id of projects) for (const p of periods) {
    r.p.push(id);
    r.y.push(p.y);
    r.qt.push(p.quarter);
    r.pr.push(Math.round(random() * 100));
    r.sp.push(Math.round(random() * 1e11));
  }
  await q(
    `INSERT INTO strategy_project_report (organization_id, plan_id, project_id, year, quarter, progress, spent)
     SELECT $1, $2, u.p, u.y, u.q, u.pr, u.sp FROM unnest($3::uuid[], $4::int[], $5::int[], $6::int[], $7::bigint[]) AS u(p, y, q, pr, sp)`,
    [org.id, plan.id, r.p, r.y, r.qt, r.pr, r.sp],
  );
  await q(`CREATE TABLE IF NOT EXISTS bench_meta (k text PRIMARY KEY, v text)`, []);
  await q(`INSERT INTO bench_meta VALUES ('size', $1) ON CONFLICT (k) DO UPDATE SET v = $1`, [SIZE_KEY]);
  await db.query(`VACUUM ANALYZE`);
  step(`${m.ind.length} measurements, ${r.p.length} progress reports`);
  return { organizationId: org.id, slug: org.slug, planId: plan.id };
}

async function prepare(): Promise<{ db: DataSource; organizationId: string; slug: string; planId: string }> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = new URL(URL_).pathname.slice(1);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
  let reuse = false;
  if (exists && !FORCE) {
    const c = new Client({ connectionString: URL_ });
    await c.connect();
    const size = await c.query(`SELECT v FROM bench_meta WHERE k = 'size'`).catch(() => ({ rows: [] as { v: string }[] }));
    await c.end();
    reuse = size.rows[0]?.v === SIZE_KEY;
  }
  if (!reuse) {
    if (exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  if (!reuse) {
    step('applying migrations');
    await runMigrations(URL_);
  }
  const db = new DataSource({ type: 'postgres', url: URL_, entities: [], extra: { max: 8 } });
  await db.initialize();
  if (!reuse) {
    step(`generating ${INDICATORS} indicators and ${PROJECTS} projects over ${YEARS} years, quarterly`);
    const t0 = performance.now();
    const ids = await load(db);
    step(`loaded in ${Math.round((performance.now() - t0) / 1000)} s`);
    return { db, ...ids };
  }
  step(`${name} already holds this size (pass --force to regenerate)`);
  const [row] = await db.query(`SELECT p.organization_id AS "organizationId", o.slug, p.id AS "planId" FROM plan p JOIN organization o ON o.id = p.organization_id WHERE o.slug = 'ahvaz-bench'`);
  return { db, ...row };
}

async function main() {
  const { db, organizationId, slug, planId } = await prepare();
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used by the dashboard')) });
  const service = new MonitoringService(new MonitoringRepository(db), unused as never, unused as never, unused as never, unused as never);
  const org = { id: organizationId, slug } as Organization;
  const rows: string[] = [];
  const time = async (label: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    const out = await run();
    const took = Math.round(performance.now() - t0);
    rows.push(`${label.padEnd(52)} ${String(took).padStart(6)} ms${took > 100 ? '   (over 100 ms)' : ''}`);
    return out;
  };
  // The service keeps a plan's dashboard for a few seconds; the figures below build it afresh
  // (buildDashboard) except the last, which is what a repeated request costs.
  const build = () => (service as unknown as { buildDashboard: MonitoringService['dashboard'] }).buildDashboard(org, planId);
  const d = (await time('dashboard data, cold (first call of the process)', build)) as Awaited<ReturnType<MonitoringService['dashboard']>>;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await build();
    warm.push(performance.now() - t0);
  }
  warm.sort((a, b) => a - b);
  rows.push(`${'dashboard data, built again (median of 5)'.padEnd(52)} ${String(Math.round(warm[2])).padStart(6)} ms${warm[2] > 100 ? '   (over 100 ms)' : ''}`);
  await service.dashboard(org, planId);
  await time('dashboard data, repeated request (kept 15 s)', () => service.dashboard(org, planId));
  await time('measurements.csv (dashboard + one table)', () => service.download(org, planId, 'measurements'));
  const bytes = Buffer.byteLength(JSON.stringify(d));
  console.log(`\naccountability dashboard: ${d.goals.length} goals, ${d.indicators.length} indicators, ${d.indicators.reduce((s, i) => s + i.measurements.length, 0)} measurements, ${d.projects.length} projects, ${d.districts.length} districts; response ${Math.round(bytes / 1024)} KiB of JSON`);
  for (const row of rows) console.log(row);
  console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
