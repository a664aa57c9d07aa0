// Export of 100,000+ submitted responses to a 30-question survey (every type, map answers too),
// through the export job as it runs in production (keyset pages → streamed writer → stored chunks).
// Prints rows/s for CSV, XLSX and GeoJSON, the process's peak RSS during each, the bare
// `COPY … TO STDOUT` of the same rows in the same run, and the project's in-memory XLSX writer
// against exceljs's streaming writer on the same rows.
// Run: npx ts-node --transpile-only api/bench/survey-export.bench.ts [--responses 100000] [--formats csv,xlsx,geojson]
// Memory ceiling from a compiled build (ts-node and its compiler excluded):
//   npx tsc -p api/tsconfig.json --noEmit false --outDir api/.bench-dist
//   node --expose-gc --max-old-space-size=256 api/.bench-dist/api/bench/survey-export.bench.js --no-writer-comparison
import { execFileSync } from 'node:child_process';
import type { SurveyExportFormat } from '@hamandishi/contracts';
import type { Cell } from '../src/common/export/tabular';
import { toXlsx } from '../src/common/export/xlsx';
import { exportLayout } from '../src/modules/surveys/export/survey-export-layout';
import { streamingXlsxWriter } from '../src/modules/surveys/export/streaming-xlsx';
import { csvWriter, xlsxWriter } from '../src/modules/surveys/export/survey-export-writers';
import { SurveyExportService } from '../src/modules/surveys/export/survey-export.service';
import { buildBenchSurvey, randomAnswers, startBenchApp } from './survey-bench-setup';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RESPONSES = arg('responses', 100_000);
const DISTINCT = 1000;

async function main() {
  const bench = await startBenchApp('hm_bench_survey_export');
  try {
    const { db } = bench;
    const { org, surveyId, definition } = await buildBenchSurvey(db, {
      anonymous: false,
      audience: { audience: 'signed_in' },
    });
    const [account] = await db.query(
      `INSERT INTO account (display_name, mobile) VALUES ('برنامه‌ریز', '+989120000000') RETURNING id`,
    );
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = Array.from({ length: DISTINCT }, () => randomAnswers(definition, rand));
    let started = performance.now();
    for (let from = 0; from < RESPONSES; from += 20_000) {
      const n = Math.min(20_000, RESPONSES - from);
      await db.query(
        `INSERT INTO survey_response (organization_id, survey_id, account_id, respondent_key, status, answers, submitted_at)
         SELECT $1, $2, CASE WHEN g % 10 = 0 THEN $5::uuid END, 'k' || g, 'submitted', ($3::jsonb) -> (g % ${DISTINCT}), now() - (g || ' seconds')::interval
           FROM generate_series($4::int, $4::int + $6::int - 1) g`,
        [org.id, surveyId, JSON.stringify(pool), from, account.id, n],
      );
    }
    await db.query('VACUUM ANALYZE survey_response');
    console.log(
      `loaded ${RESPONSES} responses × ${definition.sections[0].questions.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // The bare SQL figure: the same rows, in the same order, straight out of PostgreSQL.
    started = performance.now();
    execFileSync(
      'psql',
      [
        bench.databaseUrl,
        '-qAt',
        '-c',
        `COPY (SELECT id, submitted_at, answers FROM survey_response WHERE survey_id = '${surveyId}' AND status = 'submitted' ORDER BY id) TO STDOUT (FORMAT csv)`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 },
    );
    const copyMs = performance.now() - started;
    console.log(
      `bare COPY … TO STDOUT (psql): ${Math.round(RESPONSES / (copyMs / 1000)).toLocaleString('en')} rows/s (${Math.round(copyMs)} ms)`,
    );

    const service = bench.app.get(SurveyExportService);
    // The cursor's batches alone (what the job reads, answers parsed), without any writer.
    const repository = service['repository'];
    started = performance.now();
    const cursor = await repository.openResponseCursor(org.id, surveyId, true, 'fa');
    let readRows = 0;
    for (let page = await cursor.next(service.pageSize); page.length > 0; page = await cursor.next(service.pageSize))
      readRows += page.length;
    await cursor.close();
    const readMs = performance.now() - started;
    console.log(
      `cursor batches read alone (${readRows} rows, answers parsed): ${Math.round(RESPONSES / (readMs / 1000)).toLocaleString('en')} rows/s (${Math.round(readMs)} ms)`,
    );
    // The API's own ceiling, no database at all: answers parsed from their JSON text, laid out and
    // written by the export's writers into a sink that discards, one page of 200 at a time.
    const texts = pool.map((a) => JSON.stringify(a));
    const ceilingLayout = exportLayout(definition, 'fa', { isIdentified: true, hasDemographics: true });
    const ceiling = async (writerOf: () => Promise<{ writeRows(rows: Cell[][]): Promise<void>; end(): Promise<void> }>) => {
      const ROWS = 20_000;
      const t0 = performance.now();
      const writer = await writerOf();
      for (let i = 0; i < ROWS; i += 200) {
        const page: Cell[][] = [];
        for (let j = i; j < i + 200; j++)
          page.push(
            ceilingLayout.row({
              id: `r${j}`,
              submittedAt: new Date(),
              answers: JSON.parse(texts[j % DISTINCT]),
              respondentId: null,
              name: null,
              mobile: null,
              capacity: 'citizen',
              district: 'منطقه ۱',
              ageBand: '30_44',
              gender: 'female',
            }),
          );
        await writer.writeRows(page);
      }
      await writer.end();
      return Math.round(ROWS / ((performance.now() - t0) / 1000)).toLocaleString('en');
    };
    const discard = { write: async () => undefined };
    const csv = () => csvWriter(discard, ceilingLayout.header);
    const xlsx = () => streamingXlsxWriter(discard, ceilingLayout.header, 'پاسخ‌ها', true);
    // Once to warm the code up, then measured.
    await ceiling(csv);
    await ceiling(xlsx);
    console.log(
      `the API's ceiling (answers parsed, laid out and written, no database; output discarded): ` +
        `CSV ${await ceiling(csv)} rows/s, XLSX ${await ceiling(xlsx)} rows/s`,
    );

    const formatsAt = process.argv.indexOf('--formats');
    const formats = (formatsAt >= 0 ? process.argv[formatsAt + 1].split(',') : ['csv', 'xlsx', 'geojson']) as SurveyExportFormat[];
    for (const format of formats) {
      const [row] = await db.query(
        `INSERT INTO survey_export (organization_id, survey_id, requested_by, format, locale) VALUES ($1, $2, $3, $4, 'fa') RETURNING id`,
        [org.id, surveyId, account.id, format],
      );
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      let peakHeap = 0;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
      }, 20);
      started = performance.now();
      await service.run(row.id);
      const ms = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const [done] = await db.query(
        `SELECT status, rows_done AS "rowsDone", byte_size AS "bytes" FROM survey_export WHERE id = $1`,
        [row.id],
      );
      if (done.status !== 'done' || done.rowsDone !== RESPONSES)
        throw new Error(`export ${format} ended ${done.status} with ${done.rowsDone} rows`);
      console.log(
        `${format.padEnd(7)} ${Math.round(RESPONSES / (ms / 1000))
          .toLocaleString('en')
          .padStart(8)} rows/s (${(ms / 1000).toFixed(1)} s, ${(Number(done.bytes) / 1048576).toFixed(1)} MiB) ` +
          `peak RSS ${Math.round(peak / 1048576)} MB (process before the run: ${Math.round(baseline / 1048576)} MB), peak JS heap + buffers ${Math.round(peakHeap / 1048576)} MB`,
      );
    }

    // Skipped when measuring the export's memory ceiling (toXlsx holds a whole workbook by design).
    if (process.argv.includes('--no-writer-comparison')) return;
    // Which XLSX writer is faster on the same rows: the project's (whole workbook in memory) or exceljs streaming.
    const SAMPLE = 20_000;
    const layout = exportLayout(definition, 'fa', { isIdentified: true, hasDemographics: false });
    const sampleRows = Array.from({ length: SAMPLE }, (_, i) =>
      layout.row({
        id: `r${i}`,
        submittedAt: new Date(),
        answers: pool[i % DISTINCT],
        respondentId: null,
        name: null,
        mobile: null,
        capacity: null,
        district: null,
        ageBand: null,
        gender: null,
      }),
    );
    started = performance.now();
    toXlsx([{ sheetName: 'پاسخ‌ها', header: layout.header, rows: sampleRows }]);
    const ownMs = performance.now() - started;
    const streamed = async (make: typeof xlsxWriter) => {
      const t0 = performance.now();
      const writer = await make({ write: async () => undefined }, layout.header, 'پاسخ‌ها', true);
      for (let i = 0; i < SAMPLE; i += 1000) await writer.writeRows(sampleRows.slice(i, i + 1000));
      await writer.end();
      return performance.now() - t0;
    };
    const excelMs = await streamed(xlsxWriter);
    const streamingMs = await streamed(streamingXlsxWriter);
    const rate = (ms: number) => Math.round(SAMPLE / (ms / 1000)).toLocaleString('en');
    console.log(
      `XLSX writers on ${SAMPLE.toLocaleString('en')} rows (${layout.header.length} columns): project toXlsx ${rate(ownMs)} rows/s (in memory), ` +
        `exceljs WorkbookWriter ${rate(excelMs)} rows/s (streaming), project markup + streaming ZIP (used) ${rate(streamingMs)} rows/s`,
    );
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
