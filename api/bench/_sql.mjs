import { pool, require, ROOT } from './common.mjs';
import { resolve } from 'node:path';
require('reflect-metadata');
const { ProblemMapRepository } = require(resolve(ROOT, 'api/dist/api/src/modules/problem-map/problem-map.repository.js'));
const db = pool(2);
const repo = Object.create(ProblemMapRepository.prototype);
const captured = [];
repo.pool = { query: (sql, params) => { captured.push([sql, params]); return db.query(sql, params); } };
const org = (await db.query(`select id from organization where slug='bench-isfahan'`)).rows[0].id;
await repo.mapView(org, [51.53, 32.59, 51.83, 32.73], 2, {});
await repo.mapView(org, [51.672, 32.654, 51.683, 32.661], 6, {});
for (const [sql, params] of captured) {
  const { rows } = await db.query('EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ' + sql, params);
  console.log(rows.map((r) => r['QUERY PLAN']).filter((l) => /Planning Time|Execution Time|Index|rows=/.test(l)).slice(0, 12).join('\n'));
}
await db.end();
