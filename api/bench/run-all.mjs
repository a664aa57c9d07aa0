// npm run bench: builds the API, loads hm_bench (skipped when already loaded), then runs every
// benchmark in turn and prints their summaries together. Not part of npm test.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './common.mjs';

const passThrough = process.argv.slice(2);
const run = (args, capture = false, mayFail = false) => {
  const r = spawnSync(args[0], args.slice(1), { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (capture) process.stdout.write(r.stdout ?? '');
  if (r.status !== 0 && mayFail) console.warn(`${args.join(' ')} exited with ${r.status}; going on with what it emitted`);
  else if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status})`);
  return r.stdout ?? '';
};

run(['npm', 'run', 'build:libs']);
// tsc emits even when another module's types are broken mid-work; the benches need only the emitted JS.
run(['npm', 'run', 'build', '-w', 'api'], false, true);
run([process.execPath, resolve(ROOT, 'api/bench/generate.mjs')]);
const summaries = [];
for (const bench of ['map.bench.mjs', 'supports.bench.mjs', 'list.bench.mjs']) {
  const out = run([process.execPath, resolve(ROOT, 'api/bench', bench), ...passThrough], true);
  summaries.push(out.slice(out.indexOf('SUMMARY')));
}
console.log(`\n================ FINAL SUMMARY ================\n${summaries.join('\n')}`);
