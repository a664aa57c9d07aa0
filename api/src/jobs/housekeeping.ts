import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JobsService } from './jobs.service';

const QUEUE = 'housekeeping';

/** Prunes expired rate-limit windows, idempotency keys, sessions, codes and finished jobs once an hour. */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.jobs.register(QUEUE, async () => {
      await this.db.query(`DELETE FROM rate_limit_counter WHERE window_start < now() - interval '1 day'`);
      await this.db.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
      await this.db.query(`DELETE FROM job WHERE done_at < now() - interval '7 days'`);
      await this.db.query(`DELETE FROM session WHERE expires_at < now()`);
      await this.db.query(`DELETE FROM one_time_code WHERE created_at < now() - interval '1 day'`);
      await this.db.query(`DELETE FROM socket_io_attachments WHERE created_at < now() - interval '1 hour'`);
      await this.scheduleNext();
    });
    const [pending] = await this.db.query(`SELECT 1 FROM job WHERE queue = $1 AND done_at IS NULL LIMIT 1`, [QUEUE]);
    if (!pending) await this.scheduleNext();
  }

  private async scheduleNext(): Promise<void> {
    await this.jobs.enqueue(QUEUE, {}, { runAt: new Date(Date.now() + 3600_000) });
  }
}
