// `npm start`: build what is not built, then run the API (which starts the embedded PostgreSQL
// when DATABASE_URL is unset, migrates, seeds the demo municipality and serves the web app).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuilds } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stdout.write(`» ${m}\n`);

for (const target of staleBuilds(root)) {
  say(`building the ${target.name} (${target.command.join(' ')})`);
  const result = spawnSync(target.command[0], target.command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...target.env },
  });
  if (result.status !== 0) {
    say(`building the ${target.name} failed`);
    process.exit(result.status ?? 1);
  }
}
say('everything is built');

const env = { ...process.env, SEED_DEMO: process.env.SEED_DEMO ?? 'true' };
const api = spawn(process.execPath, [join(root, 'api/dist/api/src/main.js')], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
