// `npm run dev`: the API recompiled and restarted on change, and Vite's dev server with hot
// reload for the web (http://localhost:5173, proxying /api and /socket.io to the API on 3000).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, extra = {}) => spawn(args[0], args.slice(1), { cwd: root, stdio: 'inherit', ...extra });

spawnSync('npm', ['run', 'build:libs'], { cwd: root, stdio: 'inherit' });
spawnSync('npm', ['run', 'build', '-w', 'api'], { cwd: root, stdio: 'inherit' });
const children = [
  run(['npx', 'tsc', '-b', 'libs/text', 'libs/contracts', '--watch', '--preserveWatchOutput']),
  run(['npx', 'tsc', '-p', 'api/tsconfig.build.json', '--watch', '--preserveWatchOutput']),
  run([process.execPath, '--watch', 'api/dist/api/src/main.js'], { env: { ...process.env, SEED_DEMO: 'true' } }),
  run(['npm', 'run', 'dev', '-w', 'web']),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
