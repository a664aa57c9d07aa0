// The plan structure at the size Ahvaz reports (4 goals, 31 outputs, 84 indicators, 160 projects,
// 120 actions, 50 portfolios, 5 years of targets and budget lines): the editor's one-request load
// (target ≤ 150 ms) and the XLSX round trip of the whole plan — export, import preview, apply of
// the exported file (target ≤ 3 s). Real HTTP against the real app on a fresh database.
// Run: DATABASE_URL=postgres://… npx ts-node --transpile-only api/bench/strategy.bench.ts
// BENCH_SCALE=2 doubles every level.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { withDatabase } from '../src/database/embedded-postgres';
import { writeStructureXlsx } from '../src/modules/strategy/strategy-xlsx';
import { buildOrganization } from '../test/factories/organization.factory';
import { buildPlan, thisJalaliYear } from '../test/factories/plan.factory';
import { personWithRoles } from '../test/plans/plan-helpers';
import { startTestApp } from '../test/support/test-app';
import { AHVAZ_SIZE, generateStructure } from './strategy-data';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function admin(sql: string) {
  const c = new Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const name = `hm_bench_strategy_${randomBytes(3).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = withDatabase(SERVER, name);
  try {
    await runMigrations(url);
    const t = await startTestApp({}, { url });
    try {
      const org = await buildOrganization(t.db);
      const plan = await buildPlan(t.db, org.id);
      const [committee] = await t.db.query(`INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [org.id, plan.id, { fa: 'کمیته' }]);
      const planner = (await personWithRoles(t, org, ['planner'])).client;
      const base = `/api/orgs/${org.slug}/plans/${plan.id}/strategy`;
      const y = thisJalaliYear();
      const size = Object.fromEntries(Object.entries(AHVAZ_SIZE).map(([k, v]) => [k, v * SCALE])) as typeof AHVAZ_SIZE;
      const content = generateStructure({ from: y - 1, to: y + 3 }, { districtIds: org.districtIds, committeeIds: [committee.id] }, size);
      const file = await writeStructureXlsx(content, {
        committees: [{ id: committee.id, name: 'کمیته' }],
        districts: org.districtIds.map((id, i) => ({ id, number: i + 1 })),
      });
      const first = await planner.rawBytes('POST', `${base}/import?mode=preview`, file, { 'content-type': XLSX });
      await planner.rawBytes('POST', `${base}/import?mode=apply&fingerprint=${first.body.fingerprint}`, file, { 'content-type': XLSX });
      console.log(
        `plan: ${size.goals} goals, ${size.outputs} outputs, ${size.indicators} indicators, ${size.projects} projects, ${size.actions} actions, ` +
          `${size.portfolios} portfolios, ${content.budget.length} budget lines; workbook ${(file.length / 1024).toFixed(0)} KiB`,
      );

      // the editor's load: one request, warm
      for (let i = 0; i < 3; i++) await planner.get(base);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < LOADS; i++) {
        const started = performance.now();
        const res = await planner.get(base);
        times.push(performance.now() - started);
        bytes = res.text.length;
      }
      times.sort((a, b) => a - b);
      const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
      console.log(`editor load (GET structure, ${LOADS} runs, ${(bytes / 1024).toFixed(0)} KiB JSON): median ${pct(50)} ms, p95 ${pct(95)} ms — load ${load()}`);

      // the round trip: export, preview the exported file, apply it
      const started = performance.now();
      const exported = await planner.get(`${base}/export.xlsx`);
      const exportMs = performance.now() - started;
      const preview = await planner.rawBytes('POST', `${base}/import?mode=preview`, exported.bytes, { 'content-type': XLSX });
      const previewMs = performance.now() - started - exportMs;
      const applied = await planner.rawBytes('POST', `${base}/import?mode=apply&fingerprint=${preview.body.fingerprint}`, exported.bytes, { 'content-type': XLSX });
      const total = performance.now() - started;
      console.log(
        `XLSX round trip: export ${exportMs.toFixed(0)} ms + preview ${previewMs.toFixed(0)} ms + apply ${(total - exportMs - previewMs).toFixed(0)} ms = ${(total / 1000).toFixed(2)} s ` +
          `(${preview.body.changes.length} changes, applied ${applied.body.applied}) — load ${load()}`,
      );
    } finally {
      await t.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
