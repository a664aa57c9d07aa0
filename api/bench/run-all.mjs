// npm run bench: builds the API, loads hm_bench (skipped when already loaded), then runs every
// benchmark in turn and prints their summaries together. Not part of npm test.
// `--only consultation` (or a comma-separated list of map, supports, list, consultation) runs just those.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './common.mjs';

const BENCHES = ['map', 'supports', 'list', 'consultation'];
const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : BENCHES;
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length) throw new Error(`--only: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
const passThrough = onlyAt >= 0 ? [...argv.slice(0, onlyAt), ...argv.slice(onlyAt + 2)] : argv;
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
if (only.includes('consultation')) run([process.execPath, resolve(ROOT, 'api/bench/generate-consultation.mjs')]);
const summaries = [];
for (const bench of BENCHES.filter((name) => only.includes(name))) {
  const out = run([process.execPath, resolve(ROOT, 'api/bench', `${bench}.bench.mjs`), ...passThrough], true);
  summaries.push(out.slice(out.indexOf('SUMMARY')));
}
console.log(`\n================ FINAL SUMMARY ================\n${summaries.join('\n')}`);
