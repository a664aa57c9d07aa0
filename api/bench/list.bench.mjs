// The problem list's first page (20 items) with two filters (theme + district) at 20 concurrent
// requests, through HTTP (1 and 2 API processes) and an equivalent keyset query on a bare pg pool.
// Usage: node api/bench/list.bench.mjs [--seconds 10] [--processes 1,2]
import { loadavg } from 'node:os';
import { HEADER, ORG_SLUG, httpClient, line, load, pool, startApi } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 10));
const PROCESSES = arg('processes', '1,2').split(',').map(Number);
const CONCURRENCY = 20;

const db = pool(CONCURRENCY);
const orgId = (await db.query(`SELECT id FROM organization WHERE slug = $1`, [ORG_SLUG])).rows[0].id;
const themes = (await db.query(`SELECT id FROM theme WHERE organization_id = $1 ORDER BY position`, [orgId])).rows.map((r) => r.id);
const districts = (await db.query(`SELECT id FROM district WHERE organization_id = $1 ORDER BY number`, [orgId])).rows.map((r) => r.id);
const filters = (k) => ({ themeId: themes[k % themes.length], districtId: districts[Math.floor(k / themes.length) % districts.length] });

const results = [];
const print = (name, r, extra = '') => {
  const text = line(name, r, extra);
  results.push(text);
  console.log(text);
};
console.log(`list benchmark: ${CONCURRENCY} concurrent, ${SECONDS} s each\n${HEADER}`);

const raw = await load({
  concurrency: CONCURRENCY,
  seconds: SECONDS,
  task: async (k) => {
    const f = filters(k);
    const { rows } = await db.query(
      `SELECT p.id, p.title, p.status, p.theme_id, p.district_id, p.lat, p.lng, p.capacity, p.support_count, p.comment_count, p.created_at
         FROM problem p
        WHERE p.organization_id = $1 AND p.theme_id = $2 AND p.district_id = $3 AND NOT p.is_hidden AND p.merged_into_id IS NULL
        ORDER BY p.created_at DESC, p.id DESC LIMIT 21`,
      [orgId, f.themeId, f.districtId],
    );
    return JSON.stringify(rows).length > 0;
  },
});
print('raw SQL   list page (theme + district)', raw, '(equivalent keyset query + JSON.stringify)');

let routeMissing = false;
for (const n of PROCESSES) {
  const api = await startApi(n, 3600 + 10 * n);
  const http = httpClient(api.urls, CONCURRENCY * 2);
  const path = (k) => {
    const f = filters(k);
    return `/api/orgs/${ORG_SLUG}/problems?themeId=${f.themeId}&districtId=${f.districtId}&limit=20`;
  };
  const probe = await http.send('GET', path(0));
  if (probe.status !== 200) {
    routeMissing = probe.status === 404;
    console.log(`GET /problems answered HTTP ${probe.status}: ${probe.text.slice(0, 200)}`);
    http.close();
    await api.stop();
    break;
  }
  const r = await load({ concurrency: CONCURRENCY, seconds: SECONDS, task: async (k) => (await http.send('GET', path(k), { cookie: 'hm_csrf=bench-csrf-cookie' })).status === 200 });
  print(
    `HTTP ×${n}   list page (theme + district)`,
    r,
    `raw/HTTP ${(raw.rps / r.rps).toFixed(2)}×; ${(probe.text.length / 1024).toFixed(1)} KB; target ≥1000/s: ${r.rps >= 1000 ? 'MET' : 'MISSED'}`,
  );
  http.close();
  await api.stop();
}
await db.end();
console.log(`\nSUMMARY (list; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n${HEADER}\n${results.join('\n')}${routeMissing ? '\n(HTTP not measured: the list route does not exist yet)' : ''}`);
