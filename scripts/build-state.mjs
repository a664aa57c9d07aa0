// Which parts of the build are missing or older than their sources (shared by start and dev).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.data', 'e2e', 'test', 'coverage']);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry) || entry.endsWith('.spec.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Build steps whose output is missing or stale, in the order they must run. */
export function staleBuilds(root) {
  const libs = ['libs/text/src', 'libs/contracts/src'].map((p) => join(root, p));
  const targets = [
    {
      name: 'shared libraries',
      command: ['npm', 'run', 'build:libs'],
      sources: libs,
      output: join(root, 'libs/contracts/dist/index.js'),
    },
    {
      name: 'API',
      command: ['npm', 'run', 'build', '-w', 'api'],
      sources: [...libs, join(root, 'api/src'), join(root, 'migrations')],
      output: join(root, 'api/dist/api/src/main.js'),
    },
    // Always the production bundle (minified React, measured against its budget), even when the
    // server itself runs with NODE_ENV=test or development.
    {
      name: 'web app',
      command: ['npm', 'run', 'build', '-w', 'web'],
      env: { NODE_ENV: 'production' },
      sources: [
        ...libs,
        join(root, 'web/src'),
        join(root, 'web/index.html'),
        join(root, 'web/vite.config.ts'),
        join(root, 'web/scripts'),
      ],
      output: join(root, 'web/dist/index.html'),
    },
  ];
  const stale = [];
  for (const target of targets) {
    const built = existsSync(target.output) ? statSync(target.output).mtimeMs : 0;
    const changed = Math.max(...target.sources.map(newestMtime));
    // Once one step rebuilds, everything after it that depends on libs is rebuilt too.
    if (!built || changed > built || stale.length) stale.push(target);
  }
  return stale;
}
