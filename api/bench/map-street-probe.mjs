// Street-level filtered map, one request at a time on a bare pg connection: which viewports are
// answered with single points, how long each takes, and the plan of the slowest points query.
// A diagnostic for the map bench's street-level lines (same viewports, same seed).
// Usage: node api/bench/map-street-probe.mjs [--boxes 200] [--explain] [--repository <built repository.js>]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ROOT, pool, require } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const BOXES = Number(arg('boxes', 200));
require('reflect-metadata');
// --repository <file.js>: another build of the repository (e.g. an older commit's) beside the current one, for an A/B
const { ProblemMapRepository } = require(
  resolve(arg('repository', resolve(ROOT, 'api/dist/api/src/modules/problem-map/problem-map.repository.js'))),
);
const { levelFor } = require(resolve(ROOT, 'api/dist/api/src/modules/problem-map/problem-map-grid.js'));

let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const CENTRES = [
  [32.6575, 51.6776],
  [32.64, 51.665],
  [32.68, 51.7],
  [32.668, 51.63],
  [32.63, 51.72],
  [32.69, 51.65],
];
const street = () => {
  const [lat, lng] = CENTRES[Math.floor(rnd() * CENTRES.length)];
  const cy = lat + (rnd() - 0.5) * 0.02;
  const cx = lng + (rnd() - 0.5) * 0.02;
  return [+(cx - 0.0055).toFixed(5), +(cy - 0.0035).toFixed(5), +(cx + 0.0055).toFixed(5), +(cy + 0.0035).toFixed(5)];
};

const db = pool(1);
const orgId = (await db.query(`SELECT id FROM organization WHERE slug = 'bench-isfahan'`)).rows[0].id;
const districtId = (
  await db.query(
    `SELECT district_id AS id FROM problem WHERE organization_id = $1 AND district_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [orgId],
  )
).rows[0].id;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
const monthAgo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(
  new Date(Date.now() - 30 * 864e5),
);
const repo = new ProblemMapRepository({ driver: { master: db } });
const SCENARIOS = [
  ['status', { status: 'accepted' }],
  ['status + district', { status: 'addressed', districtId }],
  ['last 30 days', { from: monthAgo, to: today }],
  ['free text', { q: 'چاله' }],
];
const pct = (a, q) => a[Math.min(a.length - 1, Math.floor(q * a.length))];
const indexes = (
  await db.query(
    `SELECT string_agg(indexname, ', ' ORDER BY indexname) AS names FROM pg_indexes WHERE tablename = 'problem' AND indexdef LIKE '%gist%'`,
  )
).rows[0].names;
console.log(
  `street-level probe (${arg('repository', 'current build')}; GiST indexes on problem: ${indexes}), ${BOXES} viewports one at a time; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const [name, filters] of SCENARIOS) {
  seed = 42;
  const times = { points: [], clusters: [], empty: [] };
  const bare = [];
  let slowest = { ms: 0 };
  for (let i = 0; i < BOXES; i++) {
    const bbox = street();
    const level = levelFor(bbox, 16);
    // the bare comparison, interleaved so the machine's drift hits both alike: the same viewport unfiltered
    const t0 = performance.now();
    await repo.mapView(orgId, bbox, level, {});
    bare.push(performance.now() - t0);
    const t = performance.now();
    const a = await repo.mapView(orgId, bbox, level, filters);
    const ms = performance.now() - t;
    const body = JSON.parse(a.json);
    const kind = body.total === 0 ? 'empty' : a.clustered ? 'clusters' : 'points';
    times[kind].push(ms);
    if (kind === 'points' && ms > slowest.ms) slowest = { ms, bbox, level, total: body.total };
  }
  const all = Object.values(times)
    .flat()
    .sort((x, y) => x - y);
  const part = (k) => {
    const s = times[k].sort((x, y) => x - y);
    return `${k} ${s.length} (p50 ${s.length ? pct(s, 0.5).toFixed(1) : '-'} / p95 ${s.length ? pct(s, 0.95).toFixed(1) : '-'} ms)`;
  };
  bare.sort((x, y) => x - y);
  console.log(
    `${name.padEnd(18)} all p50 ${pct(all, 0.5).toFixed(1)} p95 ${pct(all, 0.95).toFixed(1)} max ${all.at(-1).toFixed(1)} ms; ${part('points')}, ${part('clusters')}, ${part('empty')}; ` +
      `bare (same viewports unfiltered) p50 ${pct(bare, 0.5).toFixed(1)} p95 ${pct(bare, 0.95).toFixed(1)} ms`,
  );
  if (process.argv.includes('--explain') && slowest.bbox) {
    console.log(
      `  slowest points viewport ${slowest.bbox.join(',')} (${slowest.total} points, ${slowest.ms.toFixed(1)} ms)`,
    );
    const [w, s, e, n] = slowest.bbox;
    const where = [];
    const params = [orgId, w, s, e, n];
    const p = (v) => `$${params.push(v)}`;
    if (filters.status) where.push(`p.status = ${p(filters.status)}`);
    if (filters.districtId) where.push(`p.district_id = ${p(filters.districtId)}`);
    if (filters.from) where.push(`p.created_at >= (${p(filters.from)}::date)::timestamp AT TIME ZONE 'Asia/Tehran'`);
    if (filters.to) where.push(`p.created_at < (${p(filters.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran'`);
    if (filters.q) where.push(`p.search_text ILIKE ${p(`%${filters.q}%`)}`);
    const plan = await db.query(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT p.id, p.lat, p.lng, p.status, p.theme_id, p.support_count FROM problem p
        WHERE p.organization_id = $1 AND p.location <@ box(point($2, $3), point($4, $5))
          AND p.lat IS NOT NULL AND NOT p.is_hidden AND p.merged_into_id IS NULL AND p.status <> 'merged'
          AND ${where.join(' AND ')}
        ORDER BY p.support_count DESC, p.id LIMIT 300`,
      params,
    );
    console.log(plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
  }
}
await db.end();
