import { resolve } from 'node:path';
import type { Env } from '../config/env';
import { repoRoot } from '../config/repo-root';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when set; otherwise starts the embedded PostgreSQL with data in DATA_DIR/postgres. */
export async function resolveDatabase(
  env: Env,
  log: (m: string) => void,
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const dataDir = resolve(repoRoot(), env.DATA_DIR, 'postgres');
  log(`starting the embedded PostgreSQL (data in ${dataDir})`);
  const embedded = await startEmbeddedPostgres(dataDir);
  const { Client } = await import('pg');
  const client = new Client({ connectionString: embedded.url });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'hamandishi'`);
    if (!rowCount) await client.query('CREATE DATABASE hamandishi');
  } finally {
    await client.end();
  }
  const url = new URL(embedded.url);
  url.pathname = '/hamandishi';
  return { url: url.toString(), embedded };
}
