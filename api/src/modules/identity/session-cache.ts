import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';

/** PostgreSQL channel on which triggers announce that a person's sessions or memberships changed. */
export const SESSION_CHANNEL = 'hamandishi_sessions';
const TTL_MS = 5_000;

type Entry<T> = { value: T; accountId: string; until: number };

/**
 * A few seconds' memory of resolved sessions (with the membership of one organisation), so a
 * busy page does not read the session table on every request. Any change to a person's sessions,
 * account or memberships evicts them at once: locally when this process makes the change, and
 * in every process through a trigger's NOTIFY on SESSION_CHANNEL. The TTL only bounds a missed
 * notification (a dropped listener connection).
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('session-cache');
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly keysByAccount = new Map<string, Set<string>>();
  private listener: Client | null = null;
  private isListening = false;
  private stopped = false;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  get<T>(key: string): T | undefined {
    if (!this.isListening) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.drop(key, entry.accountId);
      return undefined;
    }
    return entry.value as T;
  }

  set<T>(key: string, accountId: string, value: T): void {
    if (!this.isListening) return;
    if (this.entries.size > 50_000) this.clear();
    this.entries.set(key, { value, accountId, until: Date.now() + TTL_MS });
    let keys = this.keysByAccount.get(accountId);
    if (!keys) this.keysByAccount.set(accountId, (keys = new Set()));
    keys.add(key);
  }

  /** Forgets everything cached for a person (called by whoever changes their sessions or memberships). */
  evict(accountId: string): void {
    for (const key of this.keysByAccount.get(accountId) ?? []) this.entries.delete(key);
    this.keysByAccount.delete(accountId);
  }

  private drop(key: string, accountId: string): void {
    this.entries.delete(key);
    this.keysByAccount.get(accountId)?.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    this.keysByAccount.clear();
  }

  // Without a live listener nothing is cached: correctness first.
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'hamandishi-session-cache' });
    client.on('notification', (message) => {
      if (message.payload) this.evict(message.payload);
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'session cache listener lost; caching paused');
      this.isListening = false;
      this.clear();
      setTimeout(() => void this.listen(), 2_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
      this.listener = client;
      this.isListening = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'session cache listener could not start; caching paused');
      await client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), 2_000).unref();
    }
  }
}
