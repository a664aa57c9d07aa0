// Map and heat-map endpoints over 1,000,000 problems: city-wide and street-level viewports at 20
// concurrent requests, through HTTP (1 and 2 API processes) and the endpoint's own SQL on a bare
// pg pool. Usage: node api/bench/map.bench.mjs [--seconds 10] [--processes 1,2]
import { HEADER, ORG_SLUG, ROOT, httpClient, line, load, pool, require, startApi } from './common.mjs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 10));
const PROCESSES = arg('processes', '1,2').split(',').map(Number);
const CONCURRENCY = 20;

require('reflect-metadata');
const { ProblemMapRepository } = require(resolve(ROOT, 'api/dist/api/src/modules/problem-map/problem-map.repository.js'));
const { columnsOf, levelFor } = require(resolve(ROOT, 'api/dist/api/src/modules/problem-map/problem-map-grid.js'));

// Deterministic pseudo-random viewports so every run asks the same questions.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const CENTRES = [[32.6575, 51.6776], [32.64, 51.665], [32.68, 51.7], [32.668, 51.63], [32.63, 51.72], [32.69, 51.65]];
const streetAround = (spread) => () => {
  // about 1 km × 0.7 km (a phone at zoom 16) around one of the centres
  const [lat, lng] = CENTRES[Math.floor(rnd() * CENTRES.length)];
  const cy = lat + (rnd() - 0.5) * spread;
  const cx = lng + (rnd() - 0.5) * spread;
  return [+(cx - 0.0055).toFixed(5), +(cy - 0.0035).toFixed(5), +(cx + 0.0055).toFixed(5), +(cy + 0.0035).toFixed(5)];
};
// The dense parts (±1 km): about 1,500 distinct cell ranges, so the one-second cache serves part of them.
const street = streetAround(0.02);
// Anywhere in the city (±4 km): tens of thousands of cell ranges, the cache almost never hits.
const streetAnywhere = streetAround(0.08);
const city = () => {
  // the whole city on a desktop at zoom 12, panned a little
  const dx = (rnd() - 0.5) * 0.02;
  const dy = (rnd() - 0.5) * 0.01;
  return [+(51.53 + dx).toFixed(5), +(32.59 + dy).toFixed(5), +(51.83 + dx).toFixed(5), +(32.73 + dy).toFixed(5)];
};

const db = pool(CONCURRENCY);
const orgId = (await db.query(`SELECT id FROM organization WHERE slug = $1`, [ORG_SLUG])).rows[0].id;
const themeId = (await db.query(`SELECT id FROM theme WHERE organization_id = $1 ORDER BY position LIMIT 1`, [orgId])).rows[0].id;
// The district with the most problems, the first stage with problems, and this month (Tehran days).
const districtId = (await db.query(`SELECT district_id AS id FROM problem WHERE organization_id = $1 AND district_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [orgId])).rows[0].id;
const stageId = (await db.query(`SELECT stage_id AS id FROM problem WHERE organization_id = $1 LIMIT 1`, [orgId])).rows[0].id;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
const monthAgo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date(Date.now() - 30 * 864e5));
// The endpoint's own repository on a bare pool: the same SQL, prepared the same way.
const repo = new ProblemMapRepository({ driver: { master: db } });

const SCENARIOS = [
  { name: 'map city-wide (z12)', kind: 'map', zoom: 12, box: city, filters: {} },
  { name: 'map street-level (z16)', kind: 'map', zoom: 16, box: street, filters: {} },
  { name: 'map street-level anywhere (z16)', kind: 'map', zoom: 16, box: streetAnywhere, filters: {} },
  { name: 'map city-wide, theme filter (z12)', kind: 'map', zoom: 12, box: city, filters: { themeId } },
  { name: 'map street-level, status filter (z16)', kind: 'map', zoom: 16, box: street, filters: { status: 'accepted' } },
  { name: 'map city-wide, status filter (z12)', kind: 'map', zoom: 12, box: city, filters: { status: 'accepted' }, seconds: 4 },
  { name: 'map city-wide, district filter (z12)', kind: 'map', zoom: 12, box: city, filters: { districtId } },
  { name: 'map city-wide, status + district (z12)', kind: 'map', zoom: 12, box: city, filters: { status: 'addressed', districtId } },
  { name: 'map street-level, status + district (z16)', kind: 'map', zoom: 16, box: street, filters: { status: 'addressed', districtId } },
  { name: 'map city-wide, capacity filter (z12)', kind: 'map', zoom: 12, box: city, filters: { capacity: 'ngo' } },
  { name: 'map city-wide, stage filter (z12)', kind: 'map', zoom: 12, box: city, filters: { stageId } },
  { name: 'map city-wide, last 30 days (z12)', kind: 'map', zoom: 12, box: city, filters: { from: monthAgo, to: today } },
  { name: 'map street-level, last 30 days (z16)', kind: 'map', zoom: 16, box: street, filters: { from: monthAgo, to: today } },
  { name: 'map street-level, free text (z16)', kind: 'map', zoom: 16, box: street, filters: { q: 'چاله' }, seconds: 4 },
  { name: 'heat city-wide (z12)', kind: 'heat', zoom: 12, box: city, filters: {} },
];
const query = (s, bbox) =>
  `/api/orgs/${ORG_SLUG}/problems/${s.kind}?bbox=${bbox.join(',')}&zoom=${s.zoom}` +
  Object.entries(s.filters).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');

// A browser already holds the CSRF cookie (without it every answer would also set one).
const BROWSER = { cookie: 'hm_csrf=bench-csrf-cookie' };
const results = [];
const print = (name, r, extra) => {
  const text = line(name, r, extra);
  results.push(text);
  console.log(text);
};

console.log(`map benchmark: ${CONCURRENCY} concurrent, ${SECONDS} s each, processes ${PROCESSES.join(' and ')}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n${HEADER}`);
const raw = {};
for (const s of SCENARIOS) {
  seed = 42;
  const r = await load({
    concurrency: CONCURRENCY,
    seconds: s.seconds ?? SECONDS,
    task: async () => {
      const bbox = s.box();
      const level = levelFor(bbox, s.zoom, s.kind === 'heat' ? 1 : 0);
      const text = s.kind === 'map' ? (await repo.mapView(orgId, bbox, level, s.filters)).json : await repo.heatView(orgId, bbox, level, s.filters);
      return text.length > 0;
    },
  });
  raw[s.name] = r;
  print(`raw SQL   ${s.name}`, r);
}
// The same street-level clusters as rows, turned into JSON by Node (what building the JSON in SQL avoids).
{
  seed = 42;
  const r = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    task: async () => {
      const bbox = street();
      const level = levelFor(bbox, 16);
      const { rows } = await db.query(
        `SELECT cell_x, cell_y, sum(count)::int AS c, sum(sum_lat) AS sl, sum(sum_lng) AS sg FROM problem_map_cell
          WHERE organization_id = $1 AND zoom_level = $2 AND cell_x = ANY($3::int[]) AND cell_y BETWEEN $4 AND $5
          GROUP BY 1, 2 HAVING sum(count) > 0`,
        [orgId, level, columnsOf(bbox, level), Math.floor(bbox[1] * 12.5 * 2 ** level), Math.floor(bbox[3] * 12.5 * 2 ** level)],
      );
      const clusters = rows.map((x) => ({ lat: +(x.sl / x.c).toFixed(5), lng: +(x.sg / x.c).toFixed(5), count: x.c }));
      return JSON.stringify({ clusters, points: [], total: clusters.reduce((a, c) => a + c.count, 0) }).length > 0;
    },
  });
  print('raw rows+Node JSON map street-level (z16)', r, '(JSON built in Node, for comparison)');
}

const sizes = {};
for (const n of PROCESSES) {
  const api = await startApi(n, 3400 + 10 * n);
  const http = httpClient(api.urls, CONCURRENCY * 2);
  for (const s of SCENARIOS) {
    seed = 7;
    const first = await http.send('GET', query(s, s.box()));
    if (first.status !== 200) throw new Error(`${s.name}: HTTP ${first.status} ${first.text.slice(0, 200)}`);
    const body = JSON.parse(first.text);
    sizes[s.name] = `${(first.text.length / 1024).toFixed(1)} KB, ${body.clusters ? `${body.clusters.length} clusters, ${body.points.length} points` : `${body.cells.length} cells`}`;
    seed = 42;
    const r = await load({
      concurrency: CONCURRENCY,
      seconds: s.seconds ?? SECONDS,
      task: async () => (await http.send('GET', query(s, s.box()), BROWSER)).status === 200,
    });
    const ratio = raw[s.name].rps / r.rps;
    // The issue's goals: p95 ≤ 50 ms for every map question, ≤ 150 ms with free text.
    const goal = s.filters.q ? 150 : 50;
    const target = s.kind === 'map' ? (r.p95 <= goal ? ` target p95≤${goal}ms: MET` : ` target p95≤${goal}ms: MISSED`) : '';
    print(`HTTP ×${n}   ${s.name}`, r, `raw/HTTP ${ratio.toFixed(2)}×; ${sizes[s.name]}${target}`);
  }
  http.close();
  await api.stop();
}
await db.end();
console.log(`\nSUMMARY (map; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n${HEADER}\n${results.join('\n')}`);
