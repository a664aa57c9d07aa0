import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JOB_QUEUES, type JobPayloads, type QueueName, type QueueSpec } from './job-queues';

type Handler<Q extends QueueName> = (payload: JobPayloads[Q]) => Promise<void>;
type AnyHandler = (payload: unknown) => Promise<void>;
type Claimed = PgBoss.Job<unknown>;
type PoolState = { totalCount: number; idleCount: number; waitingCount: number };

const SCHEMA = 'pgboss';
/** A run still going on shutdown gets this long to finish; then its job is failed, so another process retries it. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Longest wait for pg-boss's own cron worker to finish a query under way when we stop. */
const POOL_SETTLE_MS = 1_100;
// pg-boss 10 has no heartbeat: a run active longer than its job's expiry is taken for a dead
// process's and given to another. A live run therefore pushes its expiry forward, three times
// per expiry period; a process that dies stops doing so, and its job is retried after expiry.
const HEARTBEAT = `UPDATE ${SCHEMA}.job SET expire_in = now() - started_on + make_interval(secs => $3)
  WHERE name = $1 AND id = $2 AND state = 'active'`;

/**
 * Background work on pg-boss (schema `pgboss`, installed by a migration). pg-boss keeps the
 * jobs, claims them with SKIP LOCKED so that several API processes share every queue and each
 * job runs once, retries failures with backoff, fires the cron schedules (once across all
 * processes), and fails over jobs whose process died. This facade adds the typed queues of
 * job-queues.ts, a heartbeat for long runs, and drain() for tests; modules never see pg-boss.
 */
@Injectable()
export class JobsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('jobs');
  private readonly handlers = new Map<QueueName, AnyHandler>();
  private readonly loops = new Map<QueueName, Promise<void>>();
  private readonly wakers = new Map<QueueName, () => void>();
  // Runs of this process not yet finished (a worker's or drain's), by job id.
  private readonly running = new Map<string, { queue: QueueName; done: Promise<void> }>();
  private readonly boss: PgBoss;
  private readonly pollMs: number;
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(config: AppConfig) {
    this.pollMs = config.env.JOB_POLL_SECONDS * 1000;
    const scheduleCheckSeconds = Math.min(45, Math.max(1, Math.round(config.env.JOB_POLL_SECONDS)));
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      application_name: 'hamandishi-jobs',
      max: 4,
      // The schema is installed by our migrations (once, under their lock, and in every cloned
      // test database); pg-boss upgrades it here only when a later 10.x needs it, under its own lock.
      migrate: true,
      cronMonitorIntervalSeconds: scheduleCheckSeconds,
      cronWorkerIntervalSeconds: scheduleCheckSeconds,
      maintenanceIntervalSeconds: config.env.JOB_MAINTENANCE_SECONDS,
      // Finished jobs move to pgboss.archive after 12 hours and are deleted after a week.
      archiveCompletedAfterSeconds: 12 * 3600,
      deleteAfterDays: 7,
    });
    // pg-boss reports connection and maintenance trouble as events; unheard, they would crash the process.
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Declares the handler of a queue; this process then works on it. A second call replaces the handler. */
  register<Q extends QueueName>(queue: Q, handler: Handler<Q>): void {
    this.handlers.set(queue, handler as AnyHandler);
    // A failed start is reported where it is awaited (module init); no loop then.
    if (this.starting) this.starting.then(() => this.startLoop(queue)).catch(() => undefined);
  }

  /** Adds a job; it runs on whichever process claims it first, at `runAt` or later. Null when a stately queue already has one waiting. */
  async enqueue<Q extends QueueName>(
    queue: Q,
    payload: JobPayloads[Q],
    opts: { runAt?: Date } = {},
  ): Promise<string | null> {
    await this.start();
    const id = await this.boss.send(queue, payload as object, opts.runAt ? { startAfter: opts.runAt } : {});
    // Due now: picked up here at once instead of at the next poll (sign-in codes wait on it).
    if (!opts.runAt || opts.runAt <= new Date()) this.wakers.get(queue)?.();
    return id;
  }

  /**
   * Runs every due job of the queues this process works on until none is left, and waits for
   * runs already under way here. Tests use it instead of waiting for the poll.
   */
  async drain(): Promise<void> {
    await this.start();
    for (;;) {
      let ran = 0;
      for (const queue of this.handlers.keys()) ran += await this.runDue(queue, 10);
      const underway = [...this.running.values()].map((r) => r.done);
      if (ran === 0 && underway.length === 0) return;
      await Promise.allSettled(underway);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    for (const wake of this.wakers.values()) wake();
    const finished = Promise.allSettled([...this.loops.values(), ...[...this.running.values()].map((r) => r.done)]);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(grace);
    for (const [id, { queue }] of this.running) {
      await this.boss.fail(queue, id, { message: 'the process shut down during the run' }).catch(() => undefined);
    }
    // The pool stays open until pg-boss's own cron worker has finished its query: pg-boss 10
    // closes it at once, and a worker left waiting for a connection never stops (its 1 s watch
    // timer then runs on past the application, or a test file, forever).
    await this.boss.stop({ graceful: true, timeout: 1000, wait: true, close: false });
    const db = this.boss.getDb() as PgBoss.Db & { close(): Promise<void>; pool?: PoolState };
    const deadline = Date.now() + POOL_SETTLE_MS;
    while (db.pool && (db.pool.waitingCount > 0 || db.pool.idleCount < db.pool.totalCount) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await db.close();
  }

  private start(): Promise<void> {
    this.starting ??= this.connect();
    return this.starting;
  }

  private async connect(): Promise<void> {
    await this.boss.start();
    // Read once and write only what differs: every process runs this at start, and after the
    // first deployment there is nothing to write.
    const queues = new Map((await this.boss.getQueues()).map((q) => [q.name, q]));
    const schedules = new Map((await this.boss.getSchedules()).map((s) => [s.name, s]));
    for (const [queue, spec] of Object.entries(JOB_QUEUES) as [QueueName, QueueSpec][]) {
      const rules = {
        policy: spec.policy,
        retryLimit: spec.retryLimit,
        retryDelay: spec.retryDelay,
        retryBackoff: true,
        expireInSeconds: spec.expireInSeconds,
      };
      const stored = queues.get(queue) as Record<string, unknown> | undefined;
      if (!stored) await this.boss.createQueue(queue, { name: queue, ...rules });
      // An existing queue keeps its rules through createQueue; the ones written in job-queues.ts win.
      else if (Object.entries(rules).some(([key, value]) => stored[key] !== value))
        await this.boss.updateQueue(queue, { name: queue, ...rules });
      if (spec.schedule && schedules.get(queue)?.cron !== spec.schedule)
        await this.boss.schedule(queue, spec.schedule, {}, { tz: 'UTC' });
    }
    for (const name of schedules.keys()) {
      if (!JOB_QUEUES[name as QueueName]?.schedule) await this.boss.unschedule(name);
    }
    for (const queue of this.handlers.keys()) this.startLoop(queue);
  }

  /** One worker per queue and process: takes one job at a time, sleeps a poll when there is none. */
  private startLoop(queue: QueueName): void {
    if (this.loops.has(queue) || this.stopped) return;
    const loop = async () => {
      while (!this.stopped) {
        let ran = 0;
        try {
          ran = await this.runDue(queue, 1);
        } catch (error) {
          this.logger.error({ err: error, queue }, 'job poll failed');
        }
        if (ran === 0 && !this.stopped) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollMs);
            this.wakers.set(queue, () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
      }
    };
    this.loops.set(queue, loop());
  }

  private async runDue(queue: QueueName, batchSize: number): Promise<number> {
    let jobs: Claimed[];
    try {
      jobs = await this.boss.fetch<unknown>(queue, { batchSize });
    } catch (error) {
      // A stately queue refuses a second active run (unique index): one is under way elsewhere.
      if ((error as { code?: string }).code === '23505') return 0;
      throw error;
    }
    // One at a time: a failing job fails alone, and runs of one queue never overlap in a process.
    for (const job of jobs) {
      const done = this.run(queue, job);
      this.running.set(job.id, { queue, done });
      await done.finally(() => this.running.delete(job.id));
    }
    return jobs.length;
  }

  /** Runs one claimed job with a heartbeat, and records the outcome: done, or failed (pg-boss retries it after its backoff). */
  private async run(queue: QueueName, job: Claimed): Promise<void> {
    const expireInSeconds = Number((job as Claimed & { expireInSeconds: number | string }).expireInSeconds);
    const heartbeat = setInterval(
      () => {
        this.boss
          .getDb()
          .executeSql(HEARTBEAT, [queue, job.id, expireInSeconds])
          .catch((error: unknown) => this.logger.warn({ err: error, jobId: job.id, queue }, 'job heartbeat failed'));
      },
      (expireInSeconds * 1000) / 3,
    );
    try {
      const handler = this.handlers.get(queue);
      if (!handler) throw new Error(`no handler for queue ${queue}`);
      await handler(job.data ?? {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ jobId: job.id, queue, error: message }, 'job failed');
      await this.boss.fail(queue, job.id, { message: message.slice(0, 2000) });
      return;
    } finally {
      clearInterval(heartbeat);
    }
    await this.boss.complete(queue, job.id);
  }
}
