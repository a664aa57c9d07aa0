import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { createLogger } from '../../src/common/logging/logger';
import { AppConfig } from '../../src/config/app-config';
import { loadEnv } from '../../src/config/env';
import { createTestDatabase } from './test-database';

/** The real app, over real HTTP, on the test file's own database. */
export type TestApp = {
  app: NestFastifyApplication;
  url: string;
  db: DataSource;
  databaseUrl: string;
  close: () => Promise<void>;
};

/**
 * Starts the whole API on a random local port. Rate limits are relaxed by default so that
 * stories with many sign-ins stay readable; pass `{ RATE_LIMIT_FACTOR: '1' }` to test them.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: { url: string },
  /** Where to listen; `0.0.0.0` lets a test reach the app from a non-loopback address too. */
  listen: { host?: string } = {},
): Promise<TestApp> {
  const owned = database ? null : await createTestDatabase();
  const databaseUrl = database?.url ?? owned!.url;
  const config = new AppConfig(
    loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      RATE_LIMIT_FACTOR: '1000',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.TEST_REDIS_URL,
      ...env,
    }),
    databaseUrl,
  );
  const app = await createApp(config, createLogger(config.env.LOG_LEVEL));
  await app.listen({ port: 0, host: listen.host ?? '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db: app.get(DataSource),
    databaseUrl,
    close: async () => {
      await app.close();
      await owned?.drop();
    },
  };
}
