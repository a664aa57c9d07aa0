import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RateLimiter } from '../common/rate-limit/rate-limiter.service';
import { JobsService } from './jobs.service';

/**
 * Prunes expired rate-limit windows, idempotency keys, sessions and codes. Runs hourly from the
 * `housekeeping` schedule (job-queues.ts); pg-boss cleans its own finished jobs.
 */
@Injectable()
export class Housekeeping implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly rateLimiter: RateLimiter,
  ) {}

  onModuleInit(): void {
    this.jobs.register('housekeeping', () => this.run());
  }

  /** One pass; every statement is idempotent, so a retried or repeated run does no harm. */
  async run(): Promise<void> {
    // The limiter knows how long its windows must stay (a sliding day needs the day before).
    await this.rateLimiter.prune();
    await this.db.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
    await this.db.query(`DELETE FROM session WHERE expires_at < now()`);
    await this.db.query(`DELETE FROM one_time_code WHERE created_at < now() - interval '1 day'`);
    await this.db.query(`DELETE FROM socket_io_attachments WHERE created_at < now() - interval '1 hour'`);
  }
}
