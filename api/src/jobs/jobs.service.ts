import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JOB_QUEUES, type JobPayloads, type QueueName } from './job-queues';

type Handler<Q extends QueueName> = (payload: JobPayloads[Q]) => Promise<void>;
type AnyHandler = (payload: unknown) => Promise<void>;

/** A handler still running on shutdown gets this long to finish before its job is failed (and retried elsewhere). */
const SHUTDOWN_GRACE_MS = 10_000;
const WORKER_WATCH_MS = 1_100;

/**
 * Background work on pg-boss (its own `pgboss` schema, installed by a migration): several API
 * processes share every queue, each job runs once (rows claimed with SKIP LOCKED), failures
 * retry with backoff, recurring work runs from cron schedules, and a job whose process died is
 * retried after its queue's expiry. Modules see only this facade and the typed queues of
 * job-queues.ts, never pg-boss itself.
 */
@Injectable()
export class JobsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('jobs');
  private readonly handlers = new Map<QueueName, AnyHandler>();
  private readonly workers = new Map<QueueName, string>();
  private readonly working = new Set<QueueName>();
  // Runs of this process not yet finished (worker or drain), so drain() can wait for them.
  private readonly running = new Set<Promise<void>>();
  private readonly boss: PgBoss;
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      application_name: 'hamandishi-jobs',
      max: 4,
      // The schema is installed by our migrations (one lock, in every cloned test database);
      // pg-boss only upgrades it here when a later 10.x needs it, under its own lock.
      migrate: true,
      pollingIntervalSeconds: config.env.JOB_POLL_SECONDS,
      maintenanceIntervalSeconds: config.env.JOB_MAINTENANCE_SECONDS,
      // Finished jobs stay a week for inspection (replaces the old housekeeping of `job`).
      archiveCompletedAfterSeconds: 12 * 3600,
      deleteAfterDays: 7,
    });
    // pg-boss reports connection and maintenance trouble as events; unheard, they would crash the process.
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Declares the handler of a queue; this process then works on it. */
  register<Q extends QueueName>(queue: Q, handler: Handler<Q>): void {
    const known = this.handlers.has(queue);
    this.handlers.set(queue, handler as AnyHandler);
    if (!known && this.starting) void this.starting.then(() => this.startWorker(queue));
  }

  /** Adds a job; it runs on whichever process claims it first, at `runAt` or later. Returns null when the queue refused it (a stately queue already has one waiting). */
  async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], opts: { runAt?: Date } = {}): Promise<string | null> {
    await this.start();
    const id = await this.boss.send(queue, payload as object, opts.runAt ? { startAfter: opts.runAt } : {});
    // A job due now is picked up at once here instead of at the next poll (sign-in codes wait on it).
    const worker = this.workers.get(queue);
    if (worker && (!opts.runAt || opts.runAt <= new Date())) this.boss.notifyWorker(worker);
    return id;
  }

  /**
   * Runs every due job of the queues this process works on, until none is left, and waits for
   * runs already under way here. Tests use it instead of waiting for the poll.
   */
  async drain(): Promise<void> {
    await this.start();
    for (;;) {
      let ran = 0;
      for (const queue of this.handlers.keys()) ran += await this.runDue(queue);
      const underway = [...this.running];
      if (ran === 0 && underway.length === 0) return;
      await Promise.allSettled(underway);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    // Graceful: no new fetches, running handlers may finish; any still running are failed, so another process retries them.
    // The pool stays open meanwhile: pg-boss 10 would close it under workers still waiting for a
    // connection, and they would then wait (with a 1 s watch timer each) forever.
    await this.boss.stop({ graceful: true, timeout: SHUTDOWN_GRACE_MS, wait: true, close: false });
    await Promise.allSettled([...this.running]);
    // Its stopping workers are watched with a 1 s timer that outlives stop(); let them end here,
    // so nothing of ours still runs once the application (or a test file) is gone.
    await new Promise((resolve) => setTimeout(resolve, WORKER_WATCH_MS));
    await (this.boss.getDb() as PgBoss.Db & { close(): Promise<void> }).close();
  }

  private start(): Promise<void> {
    this.starting ??= this.connect();
    return this.starting;
  }

  private async connect(): Promise<void> {
    await this.boss.start();
    for (const [queue, spec] of Object.entries(JOB_QUEUES) as [QueueName, (typeof JOB_QUEUES)[QueueName]][]) {
      const options = { name: queue, policy: spec.policy, retryLimit: spec.retryLimit, retryDelay: spec.retryDelay, retryBackoff: true, expireInSeconds: spec.expireInSeconds };
      await this.boss.createQueue(queue, options);
      // createQueue leaves an existing queue as it was; the rules written here win.
      await this.boss.updateQueue(queue, options);
      if (spec.schedule) await this.boss.schedule(queue, spec.schedule, {}, { tz: 'UTC' });
    }
    for (const schedule of await this.boss.getSchedules()) {
      if (!JOB_QUEUES[schedule.name as QueueName]?.schedule) await this.boss.unschedule(schedule.name);
    }
    for (const queue of this.handlers.keys()) await this.startWorker(queue);
  }

  private async startWorker(queue: QueueName): Promise<void> {
    if (this.working.has(queue) || this.stopped) return;
    this.working.add(queue);
    // One job per fetch: a batch fails as a whole in pg-boss, and one bad job must not fail its neighbours.
    // The run records its own outcome (awaited, so drain() sees it); pg-boss's own complete()
    // afterwards finds the job no longer active and changes nothing.
    const id = await this.boss.work<unknown>(queue, { batchSize: 1 }, ([job]) => this.track(this.run(queue, job)));
    this.workers.set(queue, id);
  }

  private async runDue(queue: QueueName): Promise<number> {
    let jobs: PgBoss.Job<unknown>[];
    try {
      jobs = await this.boss.fetch<unknown>(queue, { batchSize: 10 });
    } catch (error) {
      // A stately queue refuses a second active run (unique index): another run is under way.
      if ((error as { code?: string }).code === '23505') return 0;
      throw error;
    }
    for (const job of jobs) await this.track(this.run(queue, job));
    return jobs.length;
  }

  /** Runs one claimed job and records the outcome: done, or failed (pg-boss retries it after its backoff). */
  private async run(queue: QueueName, job: PgBoss.Job<unknown>): Promise<void> {
    try {
      const handler = this.handlers.get(queue);
      if (!handler) throw new Error(`no handler for queue ${queue}`);
      await handler(job.data ?? {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ jobId: job.id, queue, error: message }, 'job failed');
      await this.boss.fail(queue, job.id, { message: message.slice(0, 2000) });
      return;
    }
    await this.boss.complete(queue, job.id);
  }

  private track(run: Promise<void>): Promise<void> {
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
    return run;
  }
}
