import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { repoRoot } from '../config/repo-root';
import { dataSourceOptions } from './data-source-options';
import { ALL_ENTITIES } from './entities';

// For `npm run migration:generate|run|revert`: DATABASE_URL, else the embedded server that
// `npm start` is running (it writes its address to .data/postgres.json).
function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = resolve(repoRoot(), '.data/postgres.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url;
  throw new Error('Set DATABASE_URL, or start the embedded database with `npm start` first.');
}

export default new DataSource(dataSourceOptions(databaseUrl(), { entities: ALL_ENTITIES }));
