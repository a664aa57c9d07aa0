// Submitting responses through HTTP to the real app: N respondents (distinct browsers of an
// "everyone" survey, each with its own session cookie), C requests in flight, and for a tenth of
// them the same response sent twice at once (a double tap). Prints responses/s, then checks the
// one-response rule in the database: one row per respondent who got a 201, no duplicates, every
// accepted response stored, every second copy refused.
// Run: npx ts-node --transpile-only api/bench/survey-submit.bench.ts [--respondents 5000] [--concurrency 64] [--processes 2]
// With --processes N the requests go round-robin to N compiled API processes (`npm run build -w api`
// first), so the load generator does not share a process with the app it measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildBenchSurvey, randomAnswers, startBenchApp } from './survey-bench-setup';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RESPONDENTS = arg('respondents', 5000);
const CONCURRENCY = arg('concurrency', 64);
const PROCESSES = arg('processes', 0);

/** Starts `count` compiled API processes on the database; resolves with their base URLs once all answer. */
async function startProcesses(
  count: number,
  databaseUrl: string,
): Promise<{ urls: string[]; children: ChildProcess[] }> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const port = 3420 + i;
    children.push(
      // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the API processes.
      spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), resolve(__dirname, '../dist/api/src/main.js')], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_FACTOR: '1000000',
          COOKIE_SECURE: 'false',
          WEB_DIST: '/nonexistent',
          REALTIME_ADAPTER: 'postgres',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${url}/api/orgs`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (attempt > 300) throw new Error(`API at ${url} did not start`);
      await sleep(200);
    }
  }
  return { urls, children };
}

type Outcome = { status: number; id?: string; code?: string };

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main() {
  const bench = await startBenchApp('hm_bench_survey_submit');
  try {
    const { db, url } = bench;
    const { org, activityId, surveyId, definition } = await buildBenchSurvey(db, {
      anonymous: false,
      audience: { audience: 'everyone' },
    });
    const external = PROCESSES > 0 ? await startProcesses(PROCESSES, bench.databaseUrl) : null;
    const bases = external?.urls ?? [url];
    const path = (i: number) => `${bases[i % bases.length]}/api/orgs/${org.slug}/surveys/${activityId}/response`;

    // Each respondent is a browser with its session's CSRF cookie (the survey's key for a visitor).
    const tokens: string[] = new Array(RESPONDENTS);
    await pool([...tokens.keys()], 16, async (i) => {
      const res = await fetch(`${bases[i % bases.length]}/api/auth/session`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hm_csrf='));
      if (!cookie) throw new Error('no CSRF cookie');
      tokens[i] = cookie.split(';')[0].slice('hm_csrf='.length);
      await res.arrayBuffer();
    });
    const answers = Array.from({ length: 200 }, () => randomAnswers(definition));
    // node:http with kept-alive connections rather than fetch: the load generator shares the two
    // cores with what it measures, and fetch cost it about twice the CPU per request.
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
    const bodies = answers.map((a) => JSON.stringify({ answers: a }));
    const submit = (i: number): Promise<Outcome> =>
      new Promise((done, fail) => {
        const body = bodies[i % bodies.length];
        const req = request(
          path(i),
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              cookie: `hm_csrf=${tokens[i]}`,
              'x-csrf-token': tokens[i],
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string; code?: string };
              done({ status: res.statusCode ?? 0, id: parsed.id, code: parsed.code });
            });
            res.on('error', fail);
          },
        );
        req.on('error', fail);
        req.end(body);
      });
    const probe = await submit(0);
    if (probe.status !== 201) throw new Error(`a valid response was refused: ${JSON.stringify(probe)}`);

    // Respondent i (i ≥ 1) sends once; every tenth sends the same response twice at the same time.
    const outcomes: Outcome[][] = Array.from({ length: RESPONDENTS }, () => []);
    outcomes[0].push(probe);
    const jobs: number[] = [];
    for (let i = 1; i < RESPONDENTS; i++) jobs.push(i);
    const started = performance.now();
    await pool(jobs, CONCURRENCY, async (i) => {
      const copies = i % 10 === 0 ? 2 : 1;
      outcomes[i].push(...(await Promise.all(Array.from({ length: copies }, () => submit(i)))));
    });
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    // Stopped (and gone) before the database is dropped under them.
    await Promise.all(
      (external?.children ?? []).map(
        (child) =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill();
          }),
      ),
    );
    const where = external ? `${PROCESSES} compiled API processes` : 'the app in this process';
    const requests = outcomes.reduce((n, o) => n + o.length, 0) - 1;
    const accepted = outcomes.flat().filter((o) => o.status === 201);
    console.log(
      `${requests} submissions (${RESPONDENTS - 1} respondents, ${Math.floor((RESPONDENTS - 1) / 10)} double taps) at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s, ${where}`,
    );
    console.log(
      `${Math.round(requests / seconds)} requests/s, ${Math.round((accepted.length - 1) / seconds)} responses stored/s`,
    );

    // The one-response rule, exactly.
    const problems: string[] = [];
    for (const [i, o] of outcomes.entries()) {
      const ok = o.filter((x) => x.status === 201).length;
      if (ok !== 1)
        problems.push(
          `respondent ${i}: ${ok} accepted (${o.map((x) => x.status + (x.code ? ` ${x.code}` : '')).join(', ')})`,
        );
      for (const x of o)
        if (x.status !== 201 && x.code !== 'surveys.already_responded')
          problems.push(`respondent ${i}: ${x.status} ${x.code}`);
    }
    const [stored] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT respondent_key)::int AS keys FROM survey_response WHERE survey_id = $1 AND status = 'submitted'`,
      [surveyId],
    );
    const ids = new Set(
      (await db.query(`SELECT id FROM survey_response WHERE survey_id = $1`, [surveyId])).map(
        (r: { id: string }) => r.id,
      ),
    );
    const missing = accepted.filter((o) => !o.id || !ids.has(o.id)).length;
    console.log(
      `stored ${stored.n} responses, ${stored.keys} distinct respondents, ${accepted.length} accepted, ${missing} accepted but missing`,
    );
    if (stored.n !== RESPONDENTS || stored.keys !== RESPONDENTS || accepted.length !== RESPONDENTS || missing > 0)
      problems.push('stored rows differ from accepted responses');
    if (problems.length) {
      console.log(`ONE-RESPONSE RULE BROKEN:\n${problems.slice(0, 20).join('\n')}`);
      process.exitCode = 1;
    } else
      console.log(
        'one-response rule held exactly: one stored response per respondent, every double tap refused with surveys.already_responded',
      );
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
