import { loadEnv } from '../config/env';
import { runMigrations } from './migrate';

// Used by the Docker entrypoint: migrate DATABASE_URL, then exit.
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required to run migrations from the CLI');
  const applied = await runMigrations(env.DATABASE_URL, (m) => console.log(m));
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
