import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool behind a TypeORM data source, for hot paths: one round trip per query without an
 * ORM query runner in between, and named statements (`{ name, text, values }`), which each
 * connection parses and plans once instead of on every request.
 */
export function driverPool(db: DataSource): Pool {
  return (db.driver as unknown as { master: Pool }).master;
}
