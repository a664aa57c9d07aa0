import { Injectable } from '@nestjs/common';
import type { Env } from './env';

/** The checked environment plus what is derived from it, injectable everywhere. */
@Injectable()
export class AppConfig {
  constructor(
    readonly env: Env,
    /** The database actually used (DATABASE_URL or the embedded server's). */
    readonly databaseUrl: string,
  ) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get cookieSecure(): boolean {
    return this.env.COOKIE_SECURE ?? this.isProduction;
  }

  /** The outbox hands out sign-in codes, so production never serves it, whatever DEV_OUTBOX says. */
  get devOutboxEnabled(): boolean {
    return !this.isProduction && (this.env.DEV_OUTBOX ?? true);
  }

  get realtimeAdapter(): 'memory' | 'redis' | 'postgres' {
    return this.env.REALTIME_ADAPTER ?? (this.env.REDIS_URL ? 'redis' : 'memory');
  }
}
