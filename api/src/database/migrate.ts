import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any fixed number; every process migrating the same database takes the same lock.
const MIGRATION_LOCK = 7_204_113_377;

/**
 * Runs pending migrations once even when several API processes start together: they wait on
 * one advisory lock, and the later ones find nothing left to do.
 */
export async function runMigrations(url: string, log: (m: string) => void = () => undefined): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const dataSource = new DataSource(dataSourceOptions(url, { entities: [] }));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`migration applied: ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
