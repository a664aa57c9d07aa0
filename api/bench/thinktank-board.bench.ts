// The think-tank live board under load, with bare socket.io in the same run for comparison:
// - N connected participants (default 500) on one board: a posted statement's fan-out latency to
//   every client (p50/p99/max over several posts), against bare socket.io broadcasting the same
//   payload to the same number of clients;
// - the full board state for a reconnecting client (board.join acknowledgement, and the one query);
// - opinion groups for P participants × S statements (default 5,000 × 500, 1M votes) in the worker
//   thread, with the event loop's delay printed while it runs; then the same through the real job
//   path (votes loaded from PostgreSQL, result stored).
// Run: DATABASE_URL unused; BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres \
//      npx ts-node --transpile-only api/bench/thinktank-board.bench.ts
// Sizes: BENCH_PARTICIPANTS, BENCH_POSTS, BENCH_STATEMENTS, BENCH_OPINION_PARTICIPANTS,
// BENCH_OPINION_STATEMENTS, BENCH_OPINION_VOTES, BENCH_OPINION_DB=0 to skip the database path.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { TBoardAck, TBoardJoinAck, TBoardUpdate } from '@hamandishi/contracts';
import { hashToken } from '../src/modules/identity/sessions.service';
import { BoardRepository } from '../src/modules/thinktank/board/board.repository';
import { seededRandom, type VoteMatrix } from '../src/modules/thinktank/opinion/opinion-math';
import { OpinionRunner } from '../src/modules/thinktank/opinion/opinion-runner';
import { OpinionService } from '../src/modules/thinktank/opinion/opinion.service';
import { buildBoardSession, buildMembers, inviteToSession } from '../test/factories/board.factory';
import { buildOrganization } from '../test/factories/organization.factory';
import { startBenchApp } from './survey-bench-setup';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 500);
const POSTS = Number(process.env.BENCH_POSTS ?? 20);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 500);
const OPINION_PARTICIPANTS = Number(process.env.BENCH_OPINION_PARTICIPANTS ?? 5_000);
const OPINION_STATEMENTS = Number(process.env.BENCH_OPINION_STATEMENTS ?? 500);
const OPINION_VOTES = Number(process.env.BENCH_OPINION_VOTES ?? 1_000_000);
const OPINION_DB = process.env.BENCH_OPINION_DB !== '0';

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const ms = (v: number) => `${v.toFixed(1)} ms`;
function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1], n: sorted.length };
}
const line = (name: string, v: ReturnType<typeof percentiles>) => `${name}: p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, max ${ms(v.max)} (n=${v.n})`;

type Client = Socket;

async function connectAll(url: string, cookies: (string | undefined)[]): Promise<Client[]> {
  const clients: Client[] = [];
  // In batches, as a hall of phones would arrive.
  for (let i = 0; i < cookies.length; i += 50) {
    const batch = cookies.slice(i, i + 50).map(
      (cookie) =>
        new Promise<Client>((resolve, reject) => {
          const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : undefined });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/** Posts `count` times from `sender`; every client notes when each post reaches it. */
async function measureFanOut(clients: Client[], event: string, send: (i: number, id: string) => void, idOf: (payload: unknown) => string | null, count: number) {
  const latencies: number[] = [];
  for (let k = 0; k < count; k++) {
    const id = randomUUID();
    let remaining = clients.length;
    const done = new Promise<void>((resolve) => {
      const sentAt = performance.now();
      for (const client of clients) {
        const handler = (payload: unknown) => {
          if (idOf(payload) !== id) return;
          latencies.push(performance.now() - sentAt);
          client.off(event, handler);
          if (--remaining === 0) resolve();
        };
        client.on(event, handler);
      }
      send(k, id);
    });
    await done;
    await new Promise((r) => setTimeout(r, 50));
  }
  return percentiles(latencies);
}

async function bareSocketIo(count: number) {
  const http = createServer();
  const server = new Server(http, { serveClient: false });
  server.on('connection', (socket) => {
    void socket.join('room');
    socket.on('post', (payload: { id: string; text: string }, ack: (ok: boolean) => void) => {
      server.to('room').emit('update', { sessionId: 'bare', kind: 'statement', statement: { id: payload.id, text: payload.text } });
      ack(true);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const clients = await connectAll(`http://127.0.0.1:${port}`, Array.from({ length: count }, () => undefined));
  await new Promise((r) => setTimeout(r, 300));
  const result = await measureFanOut(
    clients,
    'update',
    (_k, id) => clients[0].emit('post', { id, text: 'خطوط اتوبوس شبانه لازم است' }, () => undefined),
    (p) => (p as { statement: { id: string } }).statement.id,
    POSTS,
  );
  clients.forEach((c) => c.close());
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

/** A planted opinion matrix: three camps, consensus statements, `votes` votes spread at random. */
function plantedMatrix(participants: number, statements: number, votes: number): VoteMatrix {
  const random = seededRandom(2026);
  const density = Math.min(1, votes / (participants * statements));
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let p = 0; p < participants; p++) {
    const camp = p % 3;
    for (let s = 0; s < statements; s++) {
      if (random() >= density) continue;
      const lean = s % 10 === 0 ? 1 : (s % 3 === camp ? 1 : -1);
      const value = random() < 0.1 ? 0 : random() < 0.85 ? lean : -lean;
      rows.push(p);
      cols.push(s);
      values.push(value);
    }
  }
  return { participants, statements, rows: Int32Array.from(rows), cols: Int32Array.from(cols), values: Int8Array.from(values) };
}

async function main(): Promise<void> {
  console.log(`thinktank board bench — ${PARTICIPANTS} participants, ${POSTS} posts, load ${load()}`);
  const bench = await startBenchApp('hm_bench_board');
  const runner = new OpinionRunner();
  try {
    const db = bench.db;
    const org = await buildOrganization(db);
    const members = await buildMembers(db, org.id, PARTICIPANTS);
    const session = await buildBoardSession(db, org.id, { facilitatorId: members[0] });
    // Only those invited who said yes take part on the board.
    await inviteToSession(db, org.id, session.id, members.slice(1));
    const tokens = members.map(() => randomBytes(32).toString('base64url'));
    await db.query(
      `INSERT INTO session (token_hash, account_id, expires_at) SELECT unnest($1::bytea[]), unnest($2::uuid[]), now() + interval '1 day'`,
      [tokens.map(hashToken), members],
    );

    // ---- fan-out on the board ----
    let started = performance.now();
    const clients = await connectAll(bench.url, tokens.map((t) => `hm_session=${t}`));
    // Posting is rate-limited per person: each post comes from a different participant.
    const joins: number[] = [];
    for (const client of clients) {
      const t0 = performance.now();
      const answer = (await client.emitWithAck('board.join', { sessionId: session.id })) as TBoardJoinAck;
      joins.push(performance.now() - t0);
      if (!answer.ok) throw new Error(`join refused: ${answer.code}`);
    }
    console.log(`${clients.length} clients connected and joined in ${((performance.now() - started) / 1000).toFixed(1)} s; ${line('join (sequential)', percentiles(joins))}`);
    const board = await measureFanOut(
      clients,
      'board.update',
      (k, id) => {
        void (clients[1 + (k % (clients.length - 1))].emitWithAck('board.command', {
          sessionId: session.id,
          command: { type: 'post', id, text: 'خطوط اتوبوس شبانه لازم است' },
        }) as Promise<TBoardAck>).then((ack) => {
          if (!ack.ok) console.error(`post refused: ${ack.code}`);
        });
      },
      (p) => {
        const u = p as TBoardUpdate;
        return u.kind === 'statement' ? u.statement.id : null;
      },
      POSTS,
    );
    console.log(`${line(`board post → all ${clients.length} clients (stored, then pushed)`, board)} — load ${load()}`);
    clients.forEach((c) => c.close());

    const bare = await bareSocketIo(PARTICIPANTS);
    console.log(`${line(`bare socket.io broadcast → ${PARTICIPANTS} clients`, bare)} — load ${load()}`);

    // ---- state for a reconnecting client ----
    await db.query(
      `INSERT INTO thinktank_statement (id, organization_id, session_id, author_id, text, text_key, upvote_count)
       SELECT gen_random_uuid(), $1, $2, ($3::uuid[])[1 + i % array_length($3::uuid[], 1)], 'گزاره شماره ' || i || ' درباره حمل‌ونقل عمومی و پیاده‌راه‌ها',
              'گزاره شماره ' || i, i % 7
       FROM generate_series(1, $4) i`,
      [org.id, session.id, members, Math.max(0, STATEMENTS - POSTS)],
    );
    await db.query(
      `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote)
       SELECT $1, $2, s.id, $3, 1 FROM thinktank_statement s WHERE s.session_id = $2`,
      [org.id, session.id, members[5]],
    );
    const repository = bench.app.get(BoardRepository);
    const queryTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await repository.state(org.id, session.id, members[5], false);
      queryTimes.push(performance.now() - t0);
    }
    const [reconnecting] = await connectAll(bench.url, [`hm_session=${tokens[5]}`]);
    const joinTimes: number[] = [];
    let size = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const answer = (await reconnecting.emitWithAck('board.join', { sessionId: session.id })) as TBoardJoinAck;
      joinTimes.push(performance.now() - t0);
      if (answer.ok) size = answer.state.statements.length;
    }
    reconnecting.close();
    console.log(`reconnect state (${size} statements, own votes): ${line('board.join ack', percentiles(joinTimes))}; ${line('the one query', percentiles(queryTimes))} — load ${load()}`);

    // ---- opinion groups ----
    const matrix = plantedMatrix(OPINION_PARTICIPANTS, OPINION_STATEMENTS, OPINION_VOTES);
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 1000));
    idle.disable();
    const busy = monitorEventLoopDelay({ resolution: 5 });
    busy.enable();
    started = performance.now();
    const { result, computeMs } = await runner.run({ matrix, options: { seed: 42 } });
    const wall = performance.now() - started;
    busy.disable();
    const groups = result.status === 'ready' ? result.groups.map((g) => g.members.length).join('/') : result.status;
    console.log(
      `opinion groups ${OPINION_PARTICIPANTS} × ${OPINION_STATEMENTS} (${matrix.rows.length} votes) in the worker: ${(wall / 1000).toFixed(2)} s wall ` +
        `(compute ${(computeMs / 1000).toFixed(2)} s), groups ${groups} — load ${load()}`,
    );
    const delay = (h: ReturnType<typeof monitorEventLoopDelay>) =>
      `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`;
    console.log(`event-loop delay: idle ${delay(idle)}; during the computation ${delay(busy)}`);

    if (OPINION_DB) {
      // The same through the job path: votes in PostgreSQL, loaded, computed in the worker, stored.
      const opinionSession = await buildBoardSession(db, org.id);
      const voters = await buildMembers(db, org.id, OPINION_PARTICIPANTS);
      await db.query(
        `INSERT INTO thinktank_statement (id, organization_id, session_id, author_id, text, text_key, created_at)
         SELECT gen_random_uuid(), $1, $2, $3, 'گزاره ' || i, 'گزاره ' || i, now() - make_interval(secs => $4 - i) FROM generate_series(0, $4 - 1) i`,
        [org.id, opinionSession.id, voters[0], OPINION_STATEMENTS],
      );
      const statementIds: string[] = (
        await db.query(`SELECT id FROM thinktank_statement WHERE session_id = $1 ORDER BY created_at, id`, [opinionSession.id])
      ).map((r: { id: string }) => r.id);
      started = performance.now();
      const chunk = 200_000;
      for (let at = 0; at < matrix.rows.length; at += chunk) {
        const end = Math.min(matrix.rows.length, at + chunk);
        await db.query(
          `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote)
           SELECT $1, $2, ($3::uuid[])[c + 1], ($4::uuid[])[r + 1], v FROM unnest($5::int[], $6::int[], $7::smallint[]) AS x(r, c, v)`,
          [org.id, opinionSession.id, statementIds, voters, Array.from(matrix.rows.subarray(at, end)), Array.from(matrix.cols.subarray(at, end)), Array.from(matrix.values.subarray(at, end))],
        );
      }
      // Votes arrive over an hour in a real session and autovacuum keeps the statistics; a bulk load does not wait for it.
      await db.query(`ANALYZE thinktank_opinion_vote`);
      await db.query(`ANALYZE thinktank_statement`);
      console.log(`(loaded ${matrix.rows.length} votes into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      const jobLoop = monitorEventLoopDelay({ resolution: 5 });
      jobLoop.enable();
      started = performance.now();
      const view = await bench.app.get(OpinionService).compute(org.id, opinionSession.id);
      const jobWall = performance.now() - started;
      jobLoop.disable();
      console.log(
        `opinion groups through the job path (load votes, worker, store): ${(jobWall / 1000).toFixed(2)} s, ${view.status}, ` +
          `event-loop delay ${delay(jobLoop)} — load ${load()}`,
      );
    }
  } finally {
    await runner.onModuleDestroy();
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
