import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_URL, E2E_PORT, PID_FILE } from './server';

const ROOT = path.resolve(__dirname, '../../..');
const READY_TIMEOUT_MS = 180_000;

async function isHealthy(): Promise<boolean> {
  try {
    const response = await fetch(`${BASE_URL}/api/health`);
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts `node scripts/start.mjs` in its own process group and waits for /api/health. */
export default async function globalSetup(): Promise<void> {
  const artifacts = path.dirname(PID_FILE);
  mkdirSync(artifacts, { recursive: true });
  const log = openSync(path.join(artifacts, 'server.log'), 'w');
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    // DATABASE_URL is inherited when set; otherwise the server uses its embedded PostgreSQL.
    // A short resend wait and roomier rate limits: one browser signs up and in many times from one address.
    env: {
      ...process.env,
      PORT: String(E2E_PORT),
      NODE_ENV: process.env.E2E_NODE_ENV ?? 'test',
      CODE_RESEND_SECONDS: '3',
      RATE_LIMIT_FACTOR: '20',
    },
    detached: true,
    stdio: ['ignore', log, log],
  });
  if (!child.pid) throw new Error('could not start the server');
  writeFileSync(PID_FILE, String(child.pid));
  child.unref();

  let exitCode: number | null = null;
  child.on('exit', (code) => {
    exitCode = code ?? -1;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== null) throw new Error(`server exited with ${exitCode}; see web/e2e/artifacts/server.log`);
    if (await isHealthy()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`server not healthy at ${BASE_URL}/api/health after ${READY_TIMEOUT_MS / 1000}s`);
}
