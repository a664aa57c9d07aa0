// Exports of 1,000,000 demands (Persian text, themes, districts, capacities, groups, some located)
// through the export job as it runs in production: CSV and XLSX written by PostgreSQL's COPY and
// stored in chunks, and the supporting-document PDF (aggregates in SQL, Typst). Prints rows/s and
// the process's peak RSS for each, and in the same run the bare `COPY … CSV` of the demand rows
// (psql), and of the export's own SELECT, so the job's overhead shows. Prints the load average.
// Run: npx ts-node --transpile-only api/bench/demands-export.bench.ts [--demands 1000000] [--skip docx]
// Memory from a compiled build (ts-node's compiler excluded):
//   npx tsc -p api/tsconfig.json --noEmit false --outDir api/.bench-dist
//   node --expose-gc api/.bench-dist/api/bench/demands-export.bench.js
// Also in the same run: the previous CSV and XLSX statements (commit caee710, before the kept
// theme cell; demands-export-previous-sql.json) and the current ones alone. `--skip previous`
// leaves the previous ones out.
// Last runs (2026-12-03 16:52–17:45 UTC, compiled, 1,000,000 demands, quiet machine): bare COPY … CSV
// 240,965–262,645 rows/s, as two halves side by side 319,704–354,907; the CSV statement alone
// 241,419–251,887; csv job (two parts) 184,877–224,606 rows/s, peak RSS 205–256 MB; csv-one-part
// 168,333–185,390; xlsx job 67,850–68,004 rows/s, peak RSS 244–254 MB; pdf 3.8–3.9 s; docx 3.6–3.8 s.
// See docs/benchmarks.md, "Exports and survey submitting on a quiet machine". BENCH_KEEP_DB=1 keeps
// the database for inspection.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { DemandExportFormat } from '@hamandishi/contracts';
import { csvCopySql, xlsxRowsCopySql, type ExportQueryOptions } from '../src/modules/demands/export/demand-export-sql';
import { DemandExportService, jalaliDays } from '../src/modules/demands/export/demand-export.service';
import { buildOrganization } from '../test/factories/organization.factory';
import { buildPlan } from '../test/factories/plan.factory';
import { startBenchApp } from './survey-bench-setup';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEMANDS = arg('demands', 1_000_000);
const skipped = new Set(process.argv.flatMap((a, i) => (process.argv[i - 1] === '--skip' ? a.split(',') : [])));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

const WORDS = [
  'پارکینگ', 'بازار', 'خیابان', 'پیاده‌رو', 'روشنایی', 'زباله', 'فضای سبز', 'اتوبوس', 'مترو', 'ترافیک', 'آب', 'فاضلاب',
  'مدرسه', 'درمانگاه', 'پل', 'آلودگی', 'صدا', 'دوچرخه', 'کودکان', 'سالمندان', 'امنیت', 'کوچه', 'محله', 'میدان',
];

async function main() {
  const bench = await startBenchApp('hm_bench_demands_export');
  try {
    const { db } = bench;
    console.log(`load average (1/5/15 min) at start: ${load()}`);
    const org = await buildOrganization(db);
    const plan = await buildPlan(db, org.id);
    const [planner] = await db.query(`INSERT INTO account (display_name, locale, mobile) VALUES ('برنامه‌ریز', 'fa', '+989120000001') RETURNING id`);
    const themeIds: string[] = [...org.themeIds];
    for (let i = 0; i < 10; i++) {
      const [t] = await db.query(`INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, $2, $3, $4) RETURNING id`, [
        org.id,
        `theme-${i}`,
        { fa: `موضوع ${WORDS[i]}`, en: `Theme ${i}` },
        10 + i,
      ]);
      themeIds.push(t.id);
    }
    const groupIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const [g] = await db.query(`INSERT INTO demand_group (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [
        org.id,
        plan.id,
        `کمبود ${WORDS[i % WORDS.length]} نزدیک ${WORDS[(i * 7) % WORDS.length]}`,
      ]);
      groupIds.push(g.id);
    }

    // The bench loads rows faster without the trigram index (the exports never use it).
    await db.query(`DROP INDEX IF EXISTS ix_demand_text_trgm`);
    let started = performance.now();
    const CAPACITIES = ['citizen', 'ngo', 'expert', 'manager', 'academic', 'media'];
    for (let from = 0; from < DEMANDS; from += 100_000) {
      const n = Math.min(100_000, DEMANDS - from);
      await db.query(
        `INSERT INTO demand (organization_id, plan_id, source_kind, text, text_key, capacity, district_id, lat, lng, occurred_at, weight, kind, priority, group_id, meeting)
         SELECT $1, $2, (ARRAY['manual','import'])[1 + g % 2],
                t, t, ($3::text[])[1 + g % 6], ($4::uuid[])[1 + g % 2],
                CASE WHEN g % 5 = 0 THEN 32.6 + (g % 1000) / 20000.0 END, CASE WHEN g % 5 = 0 THEN 51.6 + (g % 997) / 10000.0 END,
                now() - ((g % 400) || ' days')::interval - ((g % 1440) || ' minutes')::interval, g % 50,
                (ARRAY['problem','suggestion','praise','question'])[1 + g % 4], 1 + g % 3,
                CASE WHEN g % 3 = 0 THEN ($5::uuid[])[1 + g % 50] END,
                CASE WHEN g % 2 = 1 THEN 'جلسه محله ' || (g % 40) END
           FROM (SELECT g, ($7::text[])[1 + g % 24] || ' ' || ($7::text[])[1 + (g / 24) % 24] || ' در محله ما مشکل دارد و باید ' ||
                           ($7::text[])[1 + (g / 576) % 24] || ' بهتر شود؛ شماره ' || g ||
                           CASE WHEN g % 97 = 0 THEN ' =SUM(A1)' ELSE '' END AS t
                   FROM generate_series($6::int, $6::int + ${n} - 1) g) x`,
        [org.id, plan.id, CAPACITIES, org.districtIds, groupIds, from, WORDS],
      );
    }
    // 70 % tagged, a fifth of those with two themes. The matrices' counts are rebuilt once after
    // (their row trigger, a row at a time, took most of the load); the kept theme cell's statement
    // triggers stay on, and their cost on these two bulk statements is printed.
    await db.query(`ALTER TABLE demand_theme DISABLE TRIGGER tr_demand_theme_count`);
    const tagged = performance.now();
    await db.query(
      `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin)
       SELECT d.organization_id, d.id, ($2::uuid[])[1 + abs(hashtext(d.id::text)) % 12], 'planner'
         FROM demand d WHERE d.organization_id = $1 AND abs(hashtext(d.id::text)) % 10 < 7`,
      [org.id, themeIds],
    );
    await db.query(
      `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin)
       SELECT d.organization_id, d.id, ($2::uuid[])[1 + (abs(hashtext(d.id::text)) + 5) % 12], 'suggestion'
         FROM demand d WHERE d.organization_id = $1 AND abs(hashtext(d.id::text)) % 10 < 2
       ON CONFLICT DO NOTHING`,
      [org.id, themeIds],
    );
    console.log(`tagged (two bulk statements, theme cells kept by their trigger) in ${((performance.now() - tagged) / 1000).toFixed(1)} s; load average ${load()}`);
    await db.query(`ALTER TABLE demand_theme ENABLE TRIGGER tr_demand_theme_count`);
    // The classifier's sweep would start training on these 900,000 tags in a worker thread of this
    // process during the exports (its memory counted in their peak RSS, its CPU in their time): a
    // model record that already knows them keeps it quiet.
    await db.query(
      `INSERT INTO demand_classifier_model (organization_id, status, metrics, finished_at)
       SELECT $1, 'too_little_data', jsonb_build_object('tags', count(*)), now() FROM demand_theme WHERE organization_id = $1`,
      [org.id],
    );
    await db.query(`SELECT demand_theme_count_rebuild($1)`, [org.id]);
    const [{ drift }] = await db.query(
      `SELECT count(*)::int AS drift FROM demand d LEFT JOIN (SELECT demand_id, array_agg(theme_id ORDER BY theme_id) AS ids FROM demand_theme GROUP BY demand_id) t
          ON t.demand_id = d.id WHERE d.theme_ids IS DISTINCT FROM coalesce(t.ids, '{}')`,
    );
    if (drift !== 0) throw new Error(`${drift} demands' kept theme cells differ from their themes`);
    await db.query('VACUUM ANALYZE demand');
    await db.query('VACUUM ANALYZE demand_theme');
    console.log(`loaded ${DEMANDS.toLocaleString('en')} demands in ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${load()}`);

    const psqlCopy = (label: string, sql: string) => {
      const t0 = performance.now();
      execFileSync('psql', [bench.databaseUrl, '-qAt', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
      const ms = performance.now() - t0;
      const rate = Math.round(DEMANDS / (ms / 1000));
      console.log(`${label}: ${rate.toLocaleString('en')} rows/s (${(ms / 1000).toFixed(1)} s); load average ${load()}`);
      return rate;
    };
    // The bare figure: the demand rows as PostgreSQL writes them, nothing joined or escaped.
    const bare = psqlCopy(
      'bare COPY (SELECT * FROM demand) TO STDOUT CSV (psql)',
      `COPY (SELECT * FROM demand WHERE organization_id = '${org.id}' AND plan_id = '${plan.id}') TO STDOUT (FORMAT csv)`,
    );
    // The same, as two COPYs side by side over the two halves of the table's pages (what the CSV job does).
    const [{ pages }] = await db.query(`SELECT (pg_relation_size('demand') / current_setting('block_size')::int)::int AS pages`);
    const half = Math.ceil(pages / 2);
    const t0 = performance.now();
    await Promise.all(
      [`ctid < '(${half},0)'::tid`, `ctid >= '(${half},0)'::tid`].map((part) =>
        new Promise((done, fail) =>
          spawn('psql', [bench.databaseUrl, '-qAt', '-c', `COPY (SELECT * FROM demand WHERE organization_id = '${org.id}' AND plan_id = '${plan.id}' AND ${part}) TO STDOUT (FORMAT csv)`], {
            stdio: ['ignore', 'ignore', 'inherit'],
          }).on('exit', (code) => (code === 0 ? done(code) : fail(new Error(`psql exited with ${code}`)))),
        ),
      ),
    );
    const bareHalves = Math.round(DEMANDS / ((performance.now() - t0) / 1000));
    console.log(`bare COPY … CSV as two halves side by side (psql ×2): ${bareHalves.toLocaleString('en')} rows/s; load average ${load()}`);
    const options: ExportQueryOptions = { organizationId: org.id, timeZone: 'Asia/Tehran', locale: 'fa', filter: { planId: plan.id }, includePersonal: false };
    const [range] = await db.query(
      `SELECT min((occurred_at AT TIME ZONE 'Asia/Tehran')::date)::text AS first, max((occurred_at AT TIME ZONE 'Asia/Tehran')::date)::text AS last FROM demand WHERE plan_id = $1`,
      [plan.id],
    );
    const days = jalaliDays(range.first, range.last);
    const dayRows = days.days.map((d, i) => `('${d}', '${days.jalali[i]}')`).join(',');
    const dayTable = `CREATE TEMP TABLE demand_export_day (day date PRIMARY KEY, jalali text NOT NULL); INSERT INTO demand_export_day VALUES ${dayRows};`;
    // The statements before the kept theme cell (themes aggregated per demand, names joined per
    // row, a regular expression per text cell), as the job ran them (hash plans off), and now.
    const previous = JSON.parse(readFileSync(join(process.cwd(), 'api/bench/demands-export-previous-sql.json'), 'utf8')) as { csv: string; xlsx: string };
    const ours = (sql: string) => sql.replaceAll('11111111-1111-1111-1111-111111111111', org.id).replaceAll('22222222-2222-2222-2222-222222222222', plan.id);
    if (!skipped.has('previous')) {
      psqlCopy("previous CSV statement alone (psql)", `SET enable_hashagg = off; SET enable_hashjoin = off; ${dayTable} ${ours(previous.csv)}`);
    }
    const statement = psqlCopy("the export's CSV statement alone (psql)", `${dayTable} ${csvCopySql(options)}`);
    console.log(`  bare COPY ÷ CSV statement: ${(bare / statement).toFixed(2)}`);
    if (!skipped.has('previous')) {
      psqlCopy("previous XLSX rows statement alone (psql)", `SET enable_hashagg = off; SET enable_hashjoin = off; ${dayTable} ${ours(previous.xlsx)}`);
    }
    psqlCopy("the export's XLSX rows statement alone (psql)", `${dayTable} ${xlsxRowsCopySql(options, 1_048_575)}`);

    const service = bench.app.get(DemandExportService);
    // "csv-one-part": the CSV job as one COPY (the two-part threshold out of reach), for comparison.
    for (const variant of ['csv', 'csv-one-part', 'xlsx', 'pdf', 'docx']) {
      if (skipped.has(variant)) continue;
      const format = variant.split('-')[0] as DemandExportFormat;
      service.parallelCsvRows = variant === 'csv-one-part' ? Infinity : 100_000;
      const [row] = await db.query(
        `INSERT INTO demand_export (organization_id, plan_id, requested_by, format, locale, filter) VALUES ($1, $2, $3, $4, 'fa', $5) RETURNING id`,
        [org.id, plan.id, planner.id, format, JSON.stringify({ planId: plan.id })],
      );
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      started = performance.now();
      await service.run(row.id);
      const ms = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const [done] = await db.query(`SELECT status, rows_done AS "rowsDone", byte_size AS bytes FROM demand_export WHERE id = $1`, [row.id]);
      if (done.status !== 'done' || done.rowsDone !== DEMANDS) throw new Error(`export ${format} ended ${done.status} with ${done.rowsDone} rows`);
      const rate = format === 'pdf' || format === 'docx' ? '' : `${Math.round(DEMANDS / (ms / 1000)).toLocaleString('en').padStart(9)} rows/s `;
      console.log(
        `${variant.padEnd(12)} ${rate}(${(ms / 1000).toFixed(1)} s, ${(Number(done.bytes) / 1048576).toFixed(1)} MiB) peak RSS ${Math.round(peak / 1048576)} MB ` +
          `(process before the run: ${Math.round(baseline / 1048576)} MB); load average ${load()}`,
      );
      if (format === 'csv' || format === 'xlsx') console.log(`  bare COPY ÷ ${variant} job: ${(bare / (DEMANDS / (ms / 1000))).toFixed(2)}`);
      // Free the disk between runs.
      await db.query(`DELETE FROM demand_export_chunk WHERE export_id = $1`, [row.id]);
    }
    console.log(`load average (1/5/15 min) at the end: ${load()}`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
