// What an index on problem costs the writers: submitting a problem (insert, map triggers on), a
// support (insert + counter update: not a HOT update, since support_count is indexed, so every
// index of problem takes a new entry) and a status change, each on a bare pg pool at 20
// concurrent, with and without one index in the same run (measured with it, dropped, measured
// without, rebuilt, measured with it again, so drift of a shared machine shows).
// Every row it writes is its own (a marked title) and is deleted at the end.
// Usage: node api/bench/map-writes.bench.mjs [--seconds 5] [--index ix_problem_map_points]
import { loadavg } from 'node:os';
import { DATABASE_URL, HEADER, ORG_SLUG, line, load, pg, pool, rawSupport } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 5));
const INDEX = arg('index', 'ix_problem_map_points');
const CONCURRENCY = 20;
const MARK = 'bench-write-cost';
const la = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const db = pool(CONCURRENCY);
const org = (await db.query(`SELECT id FROM organization WHERE slug = $1`, [ORG_SLUG])).rows[0].id;
const template = (
  await db.query(
    `SELECT plan_id, stage_id, activity_id, theme_id, district_id FROM problem WHERE organization_id = $1 AND district_id IS NOT NULL LIMIT 1`,
    [org],
  )
).rows[0];
const accounts = (
  await db.query(`SELECT id FROM account WHERE email LIKE 'bench-%@example.test' ORDER BY id`)
).rows.map((r) => r.id);
const definition = (await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [INDEX])).rows[0]?.indexdef;
if (!definition) throw new Error(`index ${INDEX} not found on the bench database`);

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const mine = [];
let supportsDone = 0;
const results = [];
const print = (name, r, extra = '') => {
  const text = line(name, r, extra);
  results.push(text);
  console.log(text);
};

async function measure(label) {
  const submit = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 1,
    task: async () => {
      // a dense part of the city, where the map's GiST pages are busiest
      const lat = 32.6575 + (rnd() - 0.5) * 0.04;
      const lng = 51.6776 + (rnd() - 0.5) * 0.04;
      const { rows } = await db.query(
        `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, title, description, search_text, theme_id, district_id, lat, lng)
         VALUES ($1, $2, $3, $4, $5, 'bench', $5, $6, $7, $8, $9) RETURNING id`,
        [
          org,
          template.plan_id,
          template.stage_id,
          template.activity_id,
          MARK,
          template.theme_id,
          template.district_id,
          lat,
          lng,
        ],
      );
      mine.push(rows[0].id);
      return true;
    },
  });
  print(`raw SQL   submit a problem (${label})`, submit);
  const support = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 0,
    task: async () => {
      const k = supportsDone++;
      const problem = mine[k % mine.length];
      const account = accounts[Math.floor(k / mine.length) % accounts.length];
      await rawSupport(db, problem, account, org);
      return true;
    },
  });
  print(`raw SQL   support + counter (${label})`, support);
  let k = 0;
  const status = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 0,
    task: async () => {
      const problem = mine[k++ % mine.length];
      await db.query(
        `UPDATE problem SET status = CASE status WHEN 'submitted' THEN 'under_review' ELSE 'submitted' END WHERE id = $1`,
        [problem],
      );
      return true;
    },
  });
  print(`raw SQL   status change (${label})`, status);
}

console.log(
  `write cost of ${INDEX}: ${CONCURRENCY} concurrent, ${SECONDS} s each; load average ${la()}\n${definition}\n${HEADER}`,
);
try {
  await measure('with');
  await db.query(`DROP INDEX ${INDEX}`);
  await measure('without');
} finally {
  const t = performance.now();
  await db.query(definition.replace(/^CREATE INDEX/, 'CREATE INDEX IF NOT EXISTS'));
  console.log(`(rebuilt ${INDEX} in ${((performance.now() - t) / 1000).toFixed(0)} s)`);
}
await measure('with, again');
// Deleting a problem checks that none is merged into it; merged_into_id has no index, so without
// this short-lived one each deleted row would scan the whole table.
// (EXPLAIN ANALYZE of one delete: 335 ms in that foreign-key check, 7 ms in everything else.) The
// delete runs on a connection of its own, opened after the index exists: on a pooled connection
// it was once seen scanning as before.
await db.query(
  `CREATE INDEX IF NOT EXISTS tmp_bench_merged_into ON problem (merged_into_id) WHERE merged_into_id IS NOT NULL`,
);
const cleaner = new pg.Client({ connectionString: DATABASE_URL });
await cleaner.connect();
const { rowCount } = await cleaner.query(`DELETE FROM problem WHERE organization_id = $1 AND title = $2`, [org, MARK]);
await cleaner.end();
await db.query(`DROP INDEX tmp_bench_merged_into`);
await db.end();
console.log(
  `\nSUMMARY (map writes; ${rowCount} rows written and deleted; load average at the end ${la()})\n${HEADER}\n${results.join('\n')}`,
);
