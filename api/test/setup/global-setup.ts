import { resolve } from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '../../src/config/repo-root';
import { startEmbeddedPostgres, withDatabase } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { AppConfig } from '../../src/config/app-config';
import { loadEnv } from '../../src/config/env';
import { JobsService } from '../../src/jobs/jobs.service';

/**
 * Once per `npm test`: a PostgreSQL server (DATABASE_URL's, else an embedded one) and a migrated
 * template database that every test file clones (see support/test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(resolve(repoRoot(), '.data/postgres-test'));
    (globalThis as { __embeddedPostgres?: unknown }).__embeddedPostgres = embedded;
    serverUrl = embedded.url;
  }
  const template = `hm_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, template);
  await runMigrations(templateUrl);
  // The job queues and schedules too, as the first API process writes them: each queue is a
  // partition with its indexes, too slow to create again in every test file's clone.
  const jobs = new JobsService(new AppConfig(loadEnv({ NODE_ENV: 'test', DATABASE_URL: templateUrl }), templateUrl));
  await jobs.onModuleInit();
  await jobs.beforeApplicationShutdown();
  process.env.TEST_DATABASE_SERVER_URL = serverUrl;
  process.env.TEST_DATABASE_TEMPLATE = template;
}
