// Shared pieces of the benchmarks: the database, the API processes, the load generator, percentiles.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const require = createRequire(import.meta.url);
export const pg = require('pg');

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hm_bench';
export const ORG_SLUG = 'bench-isfahan';

/** A pg pool on the bench database. */
export function pool(max = 20) {
  return new pg.Pool({ connectionString: DATABASE_URL, max });
}

/** Starts `count` API processes on consecutive ports from `port`; resolves when all answer. */
export async function startApi(count, port = 3400) {
  const procs = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), resolve(ROOT, 'api/dist/api/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL,
        PORT: String(port + i),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_FACTOR: '1000000',
        COOKIE_SECURE: 'false',
        // several processes share live events through Redis, as in production
        REALTIME_ADAPTER: 'redis',
        REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
        WEB_DIST: '/nonexistent',
      },
      // BENCH_API_LOG=<file>: the API's own log (warnings and errors) goes there instead of nowhere.
      stdio: ['ignore', process.env.BENCH_API_LOG ? openSync(process.env.BENCH_API_LOG, 'a') : 'ignore', 'inherit'],
    });
    procs.push(child);
  }
  const urls = procs.map((_, i) => `http://127.0.0.1:${port + i}`);
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(`${url}/api/orgs`);
        if (r.ok) break;
      } catch {
        /* not up yet */
      }
      if (attempt > 300) throw new Error(`API at ${url} did not start`);
      await sleep(200);
    }
  }
  return {
    urls,
    pids: procs.map((p) => p.pid),
    stop: async () => {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))));
    },
  };
}

/** Percentile of sorted numbers. */
export function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Runs `task(i)` with `concurrency` workers for `seconds` (after `warmupSeconds` not measured);
 * `task` resolves to true on success. Returns latency percentiles (ms) and rate.
 */
export async function load({ concurrency, seconds, warmupSeconds = 2, task }) {
  const run = async (duration, record) => {
    const latencies = [];
    let ok = 0;
    let failed = 0;
    let n = 0;
    const until = performance.now() + duration * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const i = n++;
          const t0 = performance.now();
          let good;
          try {
            good = await task(i);
          } catch {
            good = false;
          }
          if (record) latencies.push(performance.now() - t0);
          if (good) ok++;
          else failed++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      requests: ok + failed,
      ok,
      failed,
      rps: (ok + failed) / elapsed,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
    };
  };
  if (warmupSeconds > 0) await run(warmupSeconds, false);
  return run(seconds, true);
}

/** A keep-alive HTTP client (node:http, one socket per concurrent request) over several API processes, round-robin. */
export function httpClient(urls, connections = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const targets = urls.map((u) => new URL(u));
  let next = 0;
  return {
    send(method, path, headers = {}, body) {
      const target = targets[next++ % targets.length];
      return new Promise((resolvePromise, reject) => {
        const req = http.request(
          { host: target.hostname, port: target.port, method, path, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers, agent },
          (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolvePromise({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Formats one result line. */
export function line(name, r, extra = '') {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1).padStart(7) : '     - ');
  return `${name.padEnd(44)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${r.rps.toFixed(0).padStart(8)} ${String(r.failed).padStart(6)} ${extra}`;
}
export const HEADER = `${'benchmark'.padEnd(44)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s'.padStart(8)} ${'errors'.padStart(6)} notes`;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it has gone. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

/** Busy and total CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpuSeconds() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * Where the CPU of a measured run goes: the API processes, this database's PostgreSQL backends
 * (found through pg_stat_activity, so other databases on a shared server are not counted) and
 * the load generator itself. `start()` before the run, `stop(requests)` after: CPU ms per request
 * of each, and how busy the whole machine was.
 */
export function cpuMeter(db, apiPids = []) {
  const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid);
  let before;
  return {
    async start() {
      const pgPids = await backends();
      before = {
        api: apiPids.map(cpuSecondsOf),
        pg: new Map(pgPids.map((pid) => [pid, cpuSecondsOf(pid)])),
        self: process.cpuUsage(),
        machine: machineCpuSeconds(),
      };
    },
    async stop(requests) {
      const machine = machineCpuSeconds();
      const self = process.cpuUsage(before.self);
      const api = apiPids.reduce((sum, pid, i) => sum + cpuSecondsOf(pid) - before.api[i], 0);
      // Backends that started during the run count from zero; ones that ended are lost (pools keep theirs).
      const pg = (await backends()).reduce((sum, pid) => sum + cpuSecondsOf(pid) - (before.pg.get(pid) ?? 0), 0);
      const per = (s) => ((s * 1000) / Math.max(1, requests)).toFixed(3);
      const wall = (machine.total - before.machine.total) / cpus().length;
      return {
        apiMsPerRequest: Number(per(api)),
        pgMsPerRequest: Number(per(pg)),
        text:
          `CPU ms/request: API ${per(api)}, PostgreSQL backends ${per(pg)}, load generator ${per((self.user + self.system) / 1e6)}; ` +
          `machine ${((100 * (machine.busy - before.machine.busy)) / Math.max(1e-9, machine.total - before.machine.total)).toFixed(0)}% busy of ${cpus().length} cores over ${wall.toFixed(1)} s`,
      };
    },
  };
}

/**
 * The bare support transaction the supports bench compares the HTTP path to: the row, and the
 * counter only when the row is new. Resolves whether the support was new.
 */
export async function rawSupport(db, problemId, accountId, organizationId) {
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    const ins = await c.query(
      `INSERT INTO problem_support (problem_id, account_id, organization_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [problemId, accountId, organizationId],
    );
    if (ins.rowCount) await c.query(`UPDATE problem SET support_count = support_count + 1 WHERE id = $1`, [problemId]);
    await c.query('COMMIT');
    return ins.rowCount > 0;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
