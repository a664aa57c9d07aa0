// Loads the benchmark municipality into hm_bench: districts, themes, a plan with a problem-collection
// activity, accounts with sessions, and N problems (default 1,000,000) spread like a real city:
// Gaussian clusters around a few centres of Isfahan, a wide halo and a sparse uniform fringe.
// Usage: node api/bench/generate.mjs [--problems 1000000] [--accounts 4000] [--force]
import { ADMIN_URL, DATABASE_URL, ORG_SLUG, ROOT, pg, require } from './common.mjs';
import { resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
export const PROBLEMS = arg('problems', 1_000_000);
export const ACCOUNTS = arg('accounts', 4_000);
const force = process.argv.includes('--force');

// The demo municipality's box (see api/src/database/seed/demo-districts.ts): 5 × 3 districts.
const WEST = 51.5876;
const SOUTH = 32.6095;
const CELL_LNG = 0.036;
const CELL_LAT = 0.032;

// Centres: [lat, lng, sigma in degrees, share]. The last share is the uniform fringe.
const CENTRES = [
  [32.6575, 51.6776, 0.008, 0.3],
  [32.64, 51.665, 0.006, 0.12],
  [32.68, 51.7, 0.007, 0.12],
  [32.668, 51.63, 0.01, 0.1],
  [32.63, 51.72, 0.009, 0.08],
  [32.69, 51.65, 0.012, 0.08],
  [32.6575, 51.6776, 0.03, 0.1],
];

const step = (m) => process.stdout.write(`» ${m}\n`);

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = new URL(DATABASE_URL).pathname.slice(1);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount > 0;
  if (exists && !force) {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    const found = await c
      .query(`SELECT count(*)::int AS n FROM problem p JOIN organization o ON o.id = p.organization_id WHERE o.slug = $1`, [ORG_SLUG])
      .catch(() => ({ rows: [{ n: -1 }] }));
    await c.end();
    if (found.rows[0].n === PROBLEMS) {
      step(`hm_bench already holds ${PROBLEMS} problems (pass --force to regenerate)`);
      await admin.end();
      return;
    }
  }
  if (exists) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  step('applying migrations');
  const { runMigrations } = require(resolve(ROOT, 'api/dist/api/src/database/migrate.js'));
  await runMigrations(DATABASE_URL);

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`SET maintenance_work_mem = '1GB'`);
  const t0 = Date.now();

  const [org] = (
    await db.query(
      `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom)
       VALUES ($1, '{"fa":"شهرداری اصفهان (محک)","en":"Isfahan (benchmark)"}', 'fa', 32.6575, 51.6776, 12) RETURNING id`,
      [ORG_SLUG],
    )
  ).rows;
  await db.query(
    `INSERT INTO district (organization_id, number, name, min_lat, min_lng, max_lat, max_lng)
     SELECT $1, (2 - r) * 5 + c + 1, jsonb_build_object('fa', 'منطقه ' || ((2 - r) * 5 + c + 1)),
            $3::float8 + r * $5::float8, $2::float8 + c * $4::float8, $3::float8 + (r + 1) * $5::float8, $2::float8 + (c + 1) * $4::float8
       FROM generate_series(0, 4) c, generate_series(0, 2) r`,
    [org.id, WEST, SOUTH, CELL_LNG, CELL_LAT],
  );
  await db.query(
    `INSERT INTO theme (organization_id, slug, name, position)
     SELECT $1, 'theme-' || i, jsonb_build_object('fa', 'موضوع ' || i), i FROM generate_series(1, 8) i`,
    [org.id],
  );
  const [plan] = (
    await db.query(
      `INSERT INTO plan (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to, status)
       VALUES ($1, '{"fa":"برنامه محک"}', 'strategic_operational', 1404, 1414, 1404, 1408, 'drafting') RETURNING id`,
      [org.id],
    )
  ).rows;
  const [stage] = (
    await db.query(
      `INSERT INTO stage (organization_id, plan_id, position, title, starts_on, ends_on)
       VALUES ($1, $2, 0, '{"fa":"شناخت"}', current_date - 60, current_date + 300) RETURNING id`,
      [org.id, plan.id],
    )
  ).rows;
  const [activity] = (
    await db.query(
      `INSERT INTO activity (organization_id, plan_id, stage_id, type, position, title, participation)
       VALUES ($1, $2, $3, 'problem_collection', 0, '{"fa":"گردآوری مسائل"}', '{"audience":"signed_in"}') RETURNING id`,
      [org.id, plan.id, stage.id],
    )
  ).rows;
  step(`accounts and sessions (${ACCOUNTS})`);
  // Session cookie of account n: "benchsession" + n on 31 digits (43 characters, the shape
  // sessions.service.ts accepts); the table keeps its sha256, as sessions.service.ts does.
  await db.query(
    `WITH a AS (
       INSERT INTO account (email, display_name)
       SELECT 'bench-' || n || '@example.test', 'شهروند ' || n FROM generate_series(1, $1) n
       RETURNING id, email)
     INSERT INTO session (token_hash, account_id, expires_at)
     SELECT sha256(convert_to('benchsession' || lpad(split_part(split_part(email, '@', 1), '-', 2), 31, '0'), 'UTF8')), id, now() + interval '30 days' FROM a`,
    [ACCOUNTS],
  );
  // citizens of the municipality (supporting needs a membership)
  await db.query(
    `INSERT INTO membership (organization_id, account_id) SELECT $1, id FROM account WHERE email LIKE 'bench-%@example.test'`,
    [org.id],
  );

  step(`problems (${PROBLEMS}), indexes and map trigger off while loading`);
  const indexes = (
    await db.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename = 'problem' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'problem'::regclass)`,
    )
  ).rows;
  for (const ix of indexes) await db.query(`DROP INDEX ${ix.indexname}`);
  // Foreign keys and the map trigger are skipped for the load (replica role); every id below is real.
  await db.query(`SET session_replication_role = replica`);
  let share = 0;
  const centres = CENTRES.map(([lat, lng, sd, w]) => {
    const row = `(${lat}, ${lng}, ${sd}, ${share}, ${share + w})`;
    share += w;
    return row;
  });
  centres.push(`(NULL, NULL, NULL, ${share}, 1.0)`);
  await db.query(
    `WITH c(lat, lng, sd, lo, hi) AS (VALUES ${centres.join(', ')}),
          d AS (SELECT array_agg(id ORDER BY number) AS ids FROM district WHERE organization_id = $1),
          t AS (SELECT array_agg(id ORDER BY position) AS ids FROM theme WHERE organization_id = $1),
          g AS (SELECT n, random() AS pick, 1 - random() AS u1, random() AS u2, random() AS u3, random() AS u4
                  FROM generate_series(1, $5::int) n),
          pts AS (
            SELECT g.*,
                   least(${SOUTH + 3 * CELL_LAT}, greatest(${SOUTH}, coalesce(c.lat + c.sd * sqrt(-2 * ln(g.u1)) * cos(2 * pi() * g.u2), ${SOUTH} + g.u3 * ${3 * CELL_LAT}))) AS lat,
                   least(${WEST + 5 * CELL_LNG}, greatest(${WEST}, coalesce(c.lng + c.sd * 1.19 * sqrt(-2 * ln(g.u1)) * sin(2 * pi() * g.u2), ${WEST} + g.u4 * ${5 * CELL_LNG}))) AS lng
              FROM g JOIN c ON g.pick >= c.lo AND g.pick < c.hi)
     INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, capacity, title, description, search_text,
                          theme_id, district_id, lat, lng, status, is_hidden, created_at)
     SELECT $1, $2, $3, $4,
            (ARRAY['citizen','citizen','citizen','citizen','citizen','citizen','ngo','expert','manager','citizen'])[1 + (n % 10)],
            'مشکل شماره ' || n, 'شرح مشکل شماره ' || n || ' در محله', 'مشکل شماره ' || n || ' شرح مشکل در محله',
            t.ids[1 + floor(power(u3, 1.6) * 8)::int],
            d.ids[(2 - least(2, floor((lat - ${SOUTH}) / ${CELL_LAT})::int)) * 5 + least(4, floor((lng - ${WEST}) / ${CELL_LNG})::int) + 1],
            round(lat::numeric, 6), round(lng::numeric, 6),
            CASE WHEN u4 < 0.70 THEN 'submitted' WHEN u4 < 0.82 THEN 'under_review' WHEN u4 < 0.92 THEN 'accepted'
                 WHEN u4 < 0.97 THEN 'out_of_scope' ELSE 'addressed' END,
            (n % 100 = 7),
            now() - (u2 * interval '120 days')
       FROM pts, d, t`,
    [org.id, plan.id, stage.id, activity.id, PROBLEMS],
  );
  // One in a hundred merged into a neighbour.
  await db.query(
    `UPDATE problem p SET status = 'merged', merged_into_id = m.into
       FROM (SELECT id, lag(id) OVER (ORDER BY id) AS into FROM problem WHERE organization_id = $1) m
      WHERE p.id = m.id AND m.into IS NOT NULL AND p.organization_id = $1 AND abs(hashtext(p.id::text)) % 100 = 3`,
    [org.id],
  );
  await db.query(`SET session_replication_role = origin`);
  step(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s; rebuilding ${indexes.length} indexes`);
  for (const ix of indexes) await db.query(ix.indexdef);
  // Rows in spatial order, as CLUSTER (or pg_repack, online) leaves a table in production: a
  // viewport's problems then sit on a few hundred pages instead of tens of thousands, which is
  // what keeps the on-the-fly grid (filters other than theme) usable at street level.
  step('clustering rows by location');
  await db.query(`CREATE INDEX tmp_problem_spatial_order ON problem (problem_map_cell_of(lat, 6), lng)`);
  await db.query(`CLUSTER problem USING tmp_problem_spatial_order`);
  await db.query(`DROP INDEX tmp_problem_spatial_order`);
  step('map cells (one GROUP BY per level)');
  const t1 = Date.now();
  await db.query(`SELECT problem_map_rebuild($1)`, [org.id]);
  step(`map cells built in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  const t2 = Date.now();
  await db.query(`SELECT problem_map_facets_rebuild($1)`, [org.id]);
  step(`filtered-map aggregates (facets, days) built in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  await db.query(`VACUUM ANALYZE problem`);
  await db.query(`VACUUM ANALYZE problem_map_cell`);
  await db.query(`VACUUM ANALYZE problem_map_facet`);
  await db.query(`VACUUM ANALYZE problem_map_day`);
  await db.query(`VACUUM ANALYZE account`);
  await db.query(`VACUUM ANALYZE session`);
  const stats = (
    await db.query(
      `SELECT (SELECT count(*) FROM problem)::int AS problems, (SELECT count(*) FROM problem_map_cell)::int AS cells,
              pg_size_pretty(pg_total_relation_size('problem')) AS problem_size,
              pg_size_pretty(pg_total_relation_size('problem_map_cell')) AS cell_size,
              (SELECT count(*) FROM problem_map_facet)::int AS facets, pg_size_pretty(pg_total_relation_size('problem_map_facet')) AS facet_size,
              (SELECT count(*) FROM problem_map_day)::int AS days, pg_size_pretty(pg_total_relation_size('problem_map_day')) AS day_size`,
    )
  ).rows[0];
  step(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(stats)}`);
  await db.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
