import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returningRows } from '../database/returning-rows';

type JobHandler = (payload: Record<string, unknown>) => Promise<void>;
type ClaimedJob = { id: string; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number };

const POLL_MS = 500;
const LOCK_SECONDS = 60;

/**
 * A PostgreSQL-backed job queue: rows in `job`, claimed with FOR UPDATE SKIP LOCKED so several
 * API processes share the work, each job done once; failures retry with backoff.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger('jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  // One claim-and-run at a time in this process, so drain() waits for a poll already under way.
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Adds a job; it runs on whichever process claims it first, at `runAt` or later. */
  async enqueue(queue: string, payload: object, opts: { runAt?: Date; maxAttempts?: number } = {}): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO job (queue, payload, run_at, max_attempts) VALUES ($1, $2, coalesce($3, now()), $4) RETURNING id`,
      [queue, JSON.stringify(payload), opts.runAt ?? null, opts.maxAttempts ?? 5],
    );
    this.kick();
    return row.id;
  }

  /** Declares the handler of a queue; this process then works on it. */
  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
    this.schedule();
  }

  /** Runs every due job now (tests use it to avoid waiting for the poll). */
  async drain(): Promise<void> {
    while ((await this.exclusive(() => this.runOnce())) > 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private kick(): void {
    if (this.handlers.size === 0 || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 0);
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => this.tick(), POLL_MS);
  }

  private tick(): void {
    this.timer = null;
    if (this.running) return this.schedule();
    this.running = this.exclusive(() => this.runOnce())
      .then(() => undefined)
      .catch((error) => this.logger.error({ err: error }, 'job poll failed'))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  private async runOnce(): Promise<number> {
    if (this.handlers.size === 0 || this.stopped) return 0;
    const jobs = returningRows<ClaimedJob>(await this.db.query(
      `UPDATE job SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM job
         WHERE queue = ANY($1) AND done_at IS NULL AND run_at <= now()
           AND (locked_until IS NULL OR locked_until < now()) AND attempts < max_attempts
         ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED)
       RETURNING id, queue, payload, attempts, max_attempts`,
      [[...this.handlers.keys()], LOCK_SECONDS],
    ));
    for (const job of jobs) await this.perform(job);
    return jobs.length;
  }

  private async perform(job: ClaimedJob): Promise<void> {
    try {
      await this.handlers.get(job.queue)!(job.payload);
      await this.db.query(`UPDATE job SET done_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`, [job.id]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const backoffSeconds = Math.min(3600, 5 * 2 ** job.attempts);
      this.logger.warn({ jobId: job.id, queue: job.queue, attempt: job.attempts, error: message }, 'job failed');
      await this.db.query(
        `UPDATE job SET last_error = $2, locked_until = NULL, run_at = now() + make_interval(secs => $3) WHERE id = $1`,
        [job.id, message.slice(0, 2000), backoffSeconds],
      );
    }
  }
}
