import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';
import { addressGroup } from '../http/client-address';
import type { AppRequest } from '../http/request-context';
import { RATE_LIMITS, type RateLimitName, type RateLimitWindow } from './rate-limits';

/** Counters older than this are dropped; longer than the longest window, which needs its predecessor. */
const KEEP_SECONDS = 3 * 24 * 60 * 60;

/**
 * Counters in PostgreSQL, so every API process shares them without an extra server. Each window is
 * a sliding estimate: this fixed window's hits plus the previous window's, weighted by how much of
 * it still overlaps the last `seconds`. Plain fixed windows let a client spend two limits across a
 * boundary and make tests depend on the clock; this costs one extra row read.
 * Used on the routes that need it (sign-in, sign-up, what people post), not on every request.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Counts one hit for `key` under the named limit; throws 429 common.rate_limited once a window is full. */
  async hit(name: RateLimitName, key: string): Promise<void> {
    if (await this.count(name, key)) throw rateLimited();
  }

  /** `hit` keyed by the client's address (an IPv6 /64 counts as one, see addressGroup). */
  hitAddress(name: RateLimitName, request: AppRequest): Promise<void> {
    return this.hit(name, addressGroup(request.ip));
  }

  /** Counts one hit without throwing; true when a window is now over its limit. */
  async count(name: RateLimitName, key: string): Promise<boolean> {
    let over = false;
    for (const window of RATE_LIMITS[name] as readonly RateLimitWindow[]) {
      const { hits, previous, elapsed } = await this.increment(bucketOf(name, key, window), window.seconds);
      if (hits + previous * (1 - elapsed) > this.scaled(window)) over = true;
    }
    return over;
  }

  /** True when a window is already over its limit, without counting anything. */
  async isOver(name: RateLimitName, key: string): Promise<boolean> {
    for (const window of RATE_LIMITS[name] as readonly RateLimitWindow[]) {
      const [row]: { hits: number; previous: number; elapsed: number }[] = await this.db.query(
        `SELECT coalesce((SELECT hits FROM rate_limit_counter WHERE bucket = $1 AND window_start = w.start), 0) AS hits,
                coalesce((SELECT hits FROM rate_limit_counter WHERE bucket = $1 AND window_start = w.start - make_interval(secs => $2)), 0) AS previous,
                extract(epoch FROM now() - w.start) / $2 AS elapsed
         FROM (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2) * $2) AS start) w`,
        [bucketOf(name, key, window), window.seconds],
      );
      // At the limit counts as over: the next hit would be refused.
      if (row.hits + row.previous * (1 - Number(row.elapsed)) >= this.scaled(window)) return true;
    }
    return false;
  }

  /** Forgets a key's counts (a success that ends a run of failures). */
  async clear(name: RateLimitName, key: string): Promise<void> {
    const buckets = (RATE_LIMITS[name] as readonly RateLimitWindow[]).map((window) => bucketOf(name, key, window));
    await this.db.query(`DELETE FROM rate_limit_counter WHERE bucket = ANY($1)`, [buckets]);
  }

  /** Drops windows that ended long ago (the hourly housekeeping job calls it). */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counter WHERE window_start < now() - make_interval(secs => $1)`, [
      KEEP_SECONDS,
    ]);
  }

  private async increment(
    bucket: string,
    seconds: number,
  ): Promise<{ hits: number; previous: number; elapsed: number }> {
    const [row]: { hits: number; previous: number; elapsed: string }[] = await this.db.query(
      `WITH cur AS (
         INSERT INTO rate_limit_counter (bucket, window_start)
         VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2))
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counter.hits + 1
         RETURNING hits, window_start)
       SELECT cur.hits, coalesce(prev.hits, 0) AS previous, extract(epoch FROM now() - cur.window_start) / $2 AS elapsed
       FROM cur LEFT JOIN rate_limit_counter prev
         ON prev.bucket = $1 AND prev.window_start = cur.window_start - make_interval(secs => $2)`,
      [bucket, seconds],
    );
    return { hits: row.hits, previous: row.previous, elapsed: Math.min(1, Number(row.elapsed)) };
  }

  private scaled(window: RateLimitWindow): number {
    if (window.fixed) return window.limit;
    return Math.ceil(window.limit * this.config.env.RATE_LIMIT_FACTOR);
  }
}

/**
 * One counter row per window size: a 10-minute and an hourly window both start at the top of the
 * hour (and the hourly and daily ones at midnight), so sharing a bucket counted every hit twice
 * there and halved the limit in the first minutes of each hour.
 */
const bucketOf = (name: RateLimitName, key: string, window: RateLimitWindow) => `${name}/${window.seconds}:${key}`;

const rateLimited = () => new AppError('common.rate_limited', 429, 'Too many requests, try again later');
