// Supports ("me too") through HTTP with signed-in sessions: PUT /api/orgs/:slug/problems/:id/support
// at 50 concurrent requests, each a distinct (account, problem) pair; then checks that the
// successful PUTs, the delta of SUM(support_count) and the delta of COUNT(problem_support) agree.
// Also the same insert + counter update as one transaction on a bare pg pool.
// Also pgbench running the same support as one statement per transaction (the bare figure the
// issue compares with), and where the CPU goes in each run: ms per request in the API processes,
// in this database's PostgreSQL backends and in the load generator, and how busy the machine was.
// Usage: node api/bench/supports.bench.mjs [--seconds 10] [--processes 1,2] [--warmup 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_URL, HEADER, ORG_SLUG, cpuMeter, httpClient, line, load, pool, rawSupport, startApi } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 10));
const PROCESSES = arg('processes', '1,2').split(',').map(Number);
const CONCURRENCY = 50;
const WARMUP_SECONDS = Number(arg('warmup', 3));
const HOT_PROBLEMS = 2000;

// Small: it only reads and resets between runs. The bare-SQL run has its own pool of CONCURRENCY,
// closed after it, so the API processes and pgbench find connections on a shared server.
const db = pool(4);
const orgId = (await db.query(`SELECT id FROM organization WHERE slug = $1`, [ORG_SLUG])).rows[0].id;
const accounts = (
  await db.query(
    `SELECT a.id, split_part(split_part(a.email, '@', 1), '-', 2)::int AS n FROM account a WHERE a.email LIKE 'bench-%@example.test' ORDER BY 2`,
  )
).rows;
// Problems people support: visible ones, newest first (a live stage's problems).
const problems = (
  await db.query(
    `SELECT id FROM problem WHERE organization_id = $1 AND NOT is_hidden AND merged_into_id IS NULL ORDER BY created_at DESC LIMIT $2`,
    [orgId, HOT_PROBLEMS + 1],
  )
).rows.map((r) => r.id);
// One problem kept out of the measured pairs, for the probe request.
const probeProblem = problems.pop();

// A clean slate, so every measured pair is new and a 200 must mean one more support.
const cleanSlate = async () => {
  await db.query(`DELETE FROM problem_support WHERE organization_id = $1`, [orgId]);
  await db.query(`UPDATE problem SET support_count = 0 WHERE organization_id = $1 AND support_count <> 0`, [orgId]);
};
await cleanSlate();

const totals = async () =>
  (
    await db.query(
      `SELECT (SELECT coalesce(sum(support_count), 0) FROM problem WHERE organization_id = $1)::bigint AS counters,
              (SELECT count(*) FROM problem_support WHERE organization_id = $1)::bigint AS rows`,
      [orgId],
    )
  ).rows[0];

const results = [];
const print = (name, r, extra = '') => {
  const text = line(name, r, extra);
  results.push(text);
  console.log(text);
};
console.log(`supports benchmark: ${CONCURRENCY} concurrent, ${SECONDS} s each\n${HEADER}`);

// Pairs never repeat: request k → problem k mod P, account ⌊k / P⌋ + offset (consecutive
// requests go to different problems, as many people supporting many problems do).
let offset = 0;
const pair = (k) => ({ problem: problems[k % problems.length], account: accounts[(Math.floor(k / problems.length) + offset) % accounts.length] });

{
  // bare pg: the same write as the endpoint's core (insert the support, bump the counter) in one transaction
  const before = await totals();
  let succeeded = 0;
  const raw = pool(CONCURRENCY);
  const cpu = cpuMeter(db);
  await cpu.start();
  const r = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 0,
    task: async (k) => {
      const { account, problem } = pair(k);
      if (await rawSupport(raw, problem, account.id, orgId)) succeeded++;
      return true;
    },
  });
  const usage = await cpu.stop(r.requests);
  await raw.end();
  const after = await totals();
  offset += Math.ceil(r.requests / problems.length) + 1;
  print('raw SQL   support insert + counter', r, `new ${succeeded}, Δcounters ${after.counters - before.counters}, Δrows ${after.rows - before.rows}`);
  console.log(`          ${usage.text}`);
}

// pgbench: the same support (insert, counter in the same statement, triggers and all) as one
// prepared statement per transaction, 50 clients; pairs come from a sequence so none repeats.
let pgbenchTps = null;
{
  await db.query(`DROP TABLE IF EXISTS bench_support_problem, bench_support_account`);
  await db.query(`DROP SEQUENCE IF EXISTS bench_support_pair`);
  await db.query(`CREATE UNLOGGED TABLE bench_support_problem (n int PRIMARY KEY, id uuid NOT NULL, organization_id uuid NOT NULL)`);
  await db.query(`CREATE UNLOGGED TABLE bench_support_account (n int PRIMARY KEY, id uuid NOT NULL)`);
  await db.query(`INSERT INTO bench_support_problem SELECT i - 1, p, $2 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(p, i)`, [problems, orgId]);
  await db.query(`INSERT INTO bench_support_account SELECT i - 1, a FROM unnest($1::uuid[]) WITH ORDINALITY AS t(a, i)`, [accounts.map((a) => a.id)]);
  await db.query(`CREATE SEQUENCE bench_support_pair`);
  await db.query(`ANALYZE bench_support_problem, bench_support_account`);
  const dir = mkdtempSync(join(tmpdir(), 'hm-pgbench-'));
  const script = join(dir, 'support.sql');
  writeFileSync(
    script,
    `WITH k AS (SELECT nextval('bench_support_pair') AS n), ins AS (
  INSERT INTO problem_support (problem_id, account_id, organization_id)
  SELECT p.id, a.id, p.organization_id FROM k
    JOIN bench_support_problem p ON p.n = k.n % ${problems.length}
    JOIN bench_support_account a ON a.n = (k.n / ${problems.length}) % ${accounts.length}
  ON CONFLICT ON CONSTRAINT pk_problem_support DO NOTHING RETURNING problem_id)
UPDATE problem SET support_count = support_count + 1 FROM ins WHERE problem.id = ins.problem_id;\n`,
  );
  // 16 clients, not 50: the shared server allows 100 connections and this bench's pool holds 50;
  // 16 already keep 2 cores busy (fewer are tried when even those are refused).
  let run;
  for (const clients of [16, 8]) {
    run = spawnSync('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(SECONDS), '-M', 'prepared', '-f', script, DATABASE_URL], {
      encoding: 'utf8',
    });
    if (!run.error && run.status === 0) break;
  }
  rmSync(dir, { recursive: true, force: true });
  if (run.error || run.status !== 0) {
    console.log(`pgbench did not run (${run.error?.message ?? run.stderr.trim().split('\n').pop()}); no bare pgbench figure`);
  } else {
    const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+)/.exec(run.stdout)?.[1]);
    // pgbench gives the mean latency only: p50 shows it, the percentiles stay empty.
    pgbenchTps = tps;
    print(`pgbench   support (1 statement, ${/number of clients: (\d+)/.exec(run.stdout)?.[1]} clients)`, { p50: latency, p95: NaN, p99: NaN, rps: tps, failed: 0 }, `(mean latency in the p50 column)`);
  }
  await db.query(`DROP TABLE bench_support_problem, bench_support_account`);
  await db.query(`DROP SEQUENCE bench_support_pair`);
  await cleanSlate();
}

let routeMissing = false;
for (const n of PROCESSES) {
  const api = await startApi(n, 3500 + 10 * n);
  const http = httpClient(api.urls, CONCURRENCY * 2);
  const headers = (account) => ({
    cookie: `hm_session=benchsession${String(account.n).padStart(31, '0')}; hm_csrf=bench-csrf`,
    'x-csrf-token': 'bench-csrf',
    'content-type': 'application/json',
  });
  const probe = await http.send('PUT', `/api/orgs/${ORG_SLUG}/problems/${probeProblem}/support`, headers(accounts[n]), '{}');
  if (probe.status === 404 && probe.text.includes('route_not_found')) {
    routeMissing = true;
    console.log(`PUT /problems/:id/support is not there yet (HTTP 404): nothing to measure through HTTP`);
    http.close();
    await api.stop();
    break;
  }
  if (probe.status >= 300) console.log(`probe: HTTP ${probe.status} ${probe.text.slice(0, 300)}`);
  // Warm up (JIT, pools, session caches) as a server that has been up is, on pairs of its own:
  // without it each process's start-up work fell inside the measured seconds, twice with ×2.
  const warm = await load({
    concurrency: CONCURRENCY,
    seconds: WARMUP_SECONDS,
    warmupSeconds: 0,
    task: async (k) => {
      const { account, problem } = pair(k);
      return (await http.send('PUT', `/api/orgs/${ORG_SLUG}/problems/${problem}/support`, headers(account), '{}')).status < 300;
    },
  });
  offset += Math.ceil(warm.requests / problems.length) + 1;
  const before = await totals();
  let created = 0;
  let already = 0;
  const statuses = {};
  let firstFailure = null;
  const cpu = cpuMeter(db, api.pids);
  await cpu.start();
  const r = await load({
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    warmupSeconds: 0,
    task: async (k) => {
      const { account, problem } = pair(k);
      const res = await http.send('PUT', `/api/orgs/${ORG_SLUG}/problems/${problem}/support`, headers(account), '{}');
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 300 && !firstFailure) firstFailure = `HTTP ${res.status} ${res.text.slice(0, 300)}`;
      if (res.status < 200 || res.status >= 300) return false;
      created++;
      return true;
    },
  });
  const usage = await cpu.stop(r.requests);
  const after = await totals();
  offset += Math.ceil(r.requests / problems.length) + 1;
  const dCounters = Number(after.counters - before.counters);
  const dRows = Number(after.rows - before.rows);
  const exact = created === dCounters && dCounters === dRows;
  const target = r.rps >= 3000 ? 'target ≥3000/s: MET' : 'target ≥3000/s: MISSED';
  const ratio = pgbenchTps ? `; ${((100 * r.rps) / pgbenchTps).toFixed(0)}% of pgbench` : '';
  print(
    `HTTP ×${n}   PUT support`,
    r,
    `ok ${created}, Δcounters ${dCounters}, Δrows ${dRows} → ${exact ? 'no lost, no duplicated' : 'MISMATCH'}; statuses ${JSON.stringify(statuses)}; ${target}${ratio}`,
  );
  if (firstFailure) console.log(`          first failure: ${firstFailure}`);
  print(`          (HTTP ×${n} CPU)`, { p50: NaN, p95: NaN, p99: NaN, rps: r.rps, failed: 0 }, usage.text);
  void already;
  http.close();
  await api.stop();
}
await db.end();
console.log(`\nSUMMARY (supports; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n${HEADER}\n${results.join('\n')}${routeMissing ? '\n(HTTP not measured: the support route does not exist yet)' : ''}`);
