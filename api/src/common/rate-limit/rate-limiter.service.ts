import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';

/**
 * Fixed-window counters in PostgreSQL, so every API process shares them without an extra server.
 * Used for the few routes that need it (codes, sign-in, sign-up), not for every request.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Counts one hit for `key` in `bucket`; throws 429 once more than `limit` hits fall in the window. */
  async hit(bucket: string, key: string, limit: number, windowSeconds: number): Promise<void> {
    const rows: { hits: number }[] = await this.db.query(
      `INSERT INTO rate_limit_counter (bucket, window_start)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2))
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counter.hits + 1
       RETURNING hits`,
      [`${bucket}:${key}`, windowSeconds],
    );
    if (rows[0].hits > Math.ceil(limit * this.config.env.RATE_LIMIT_FACTOR)) {
      throw new AppError('common.rate_limited', 429, 'Too many requests, try again later');
    }
  }

  /** Drops windows that ended long ago (called by the housekeeping job). */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counter WHERE window_start < now() - interval '1 day'`);
  }
}
