// Prints, after `vite build`, the JavaScript each entry page needs before it can show its content
// (raw, gzip and brotli, as the server sends it), and fails the build when a page is over budget.
// It follows Vite's manifest: the entry, the page's lazy route chunks, and everything those import
// statically. Lazy pieces a page opens at once (the problems map) are listed with the page.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const say = (line = '') => process.stdout.write(`${line}\n`);
const complain = (line) => process.stderr.write(`${line}\n`);

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  complain('bundle-report: dist/.vite/manifest.json is missing (build.manifest must stay on)');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Budgets in KB of brotli (what browsers get); the targets for a slow phone network. */
const PAGES = [
  {
    name: 'home: municipalities (/)',
    path: '/',
    budgetKb: 150,
    chunks: ['src/features/organizations/pages/organizations-page.tsx'],
    fetches: ['/api/orgs'],
  },
  {
    name: 'home: a municipality (/:slug)',
    path: '/:slug',
    budgetKb: 150,
    chunks: [
      'src/features/organizations/pages/organization-layout.tsx',
      'src/features/organizations/pages/organization-home-page.tsx',
    ],
    // The API answers the page asks for before it can show anything, exactly as the app spells
    // them (a preload is only used by a request for the very same URL): the server names them in
    // the HTML, so they arrive with the code instead of one round trip after it has run.
    fetches: ['/api/orgs/:slug', '/api/orgs/:slug/plans'],
  },
  {
    name: 'map: problems (/:slug/problems)',
    path: '/:slug/problems',
    budgetKb: 250,
    chunks: [
      'src/features/organizations/pages/organization-layout.tsx',
      'src/features/problems/pages/problems-page.tsx',
      'src/features/problems/components/problems-map.tsx',
    ],
    // The municipality (layout) and the first page of the list without filters (`?` included).
    fetches: ['/api/orgs/:slug', '/api/orgs/:slug/problems?'],
  },
];

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  complain('bundle-report: the manifest has no entry');
  process.exit(1);
}

/**
 * The manifest key of a source module: its own key when it is a chunk of its own, else the shared
 * chunk Vite named after it (a module imported by several pages becomes `_name-hash.js`).
 */
function resolveKey(source) {
  if (manifest[source]) return source;
  const name = basename(source, extname(source));
  const key = Object.keys(manifest).find((candidate) => candidate.startsWith('_') && manifest[candidate].name === name);
  if (!key) throw new Error(`bundle-report: ${source} is not in the manifest (was it renamed?)`);
  return key;
}

/** The chunk and everything it imports statically, as manifest keys. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`bundle-report: ${key} is not in the manifest (was it renamed?)`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const bytes = readFileSync(join(dist, file));
    sizeCache.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizeCache.get(file);
}

const entryFiles = new Set([...closure(entryKey)].map((key) => manifest[key].file));
/** Per entry page, the chunks (and their CSS) beyond the entry's: the server preloads them with the HTML. */
const routePreloads = {};

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
const failures = [];
const forbidden = [/socket\.io/i];
say('\nInitial JavaScript per page (KB): raw / gzip / brotli — budget is brotli');
for (const page of PAGES) {
  const keys = new Set();
  for (const key of [entryKey, ...page.chunks.map(resolveKey)]) closure(key, keys);
  const files = [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  const total = files.reduce(
    (sum, file) => {
      const s = sizes(file);
      return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli };
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );
  routePreloads[page.path] = {
    scripts: files.filter((file) => !entryFiles.has(file)),
    styles: [...new Set([...keys].flatMap((key) => manifest[key].css ?? []))].filter(
      (file) => !(manifest[entryKey].css ?? []).includes(file),
    ),
    fetches: page.fetches ?? [],
  };
  const over = total.brotli / 1024 > page.budgetKb;
  say(
    `  ${page.name.padEnd(34)} ${kb(total.raw)} / ${kb(total.gzip)} / ${kb(total.brotli)}   (≤ ${page.budgetKb})${over ? '  OVER BUDGET' : ''}`,
  );
  if (over) failures.push(`${page.name}: ${kb(total.brotli).trim()} KB brotli > ${page.budgetKb} KB`);
  const socketChunks = [...keys].filter((key) => forbidden.some((pattern) => pattern.test(key)));
  if (socketChunks.length) failures.push(`${page.name}: loads ${socketChunks.join(', ')} for every visitor`);
  if (process.env.BUNDLE_REPORT_VERBOSE) {
    for (const file of files.sort((a, b) => sizes(b).raw - sizes(a).raw)) {
      const s = sizes(file);
      say(`      ${file.padEnd(48)} ${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`);
    }
  }
}

// Read by the API (WebAppHost): a first visit to one of these pages gets its chunks named in the
// HTML, so they download alongside the entry instead of after it has run.
writeFileSync(join(dist, '.vite', 'route-preloads.json'), `${JSON.stringify(routePreloads, null, 2)}\n`);

if (failures.length) {
  complain(`\nbundle-report: over budget\n  ${failures.join('\n  ')}`);
  // Not a finished build: without its index.html, `npm start` builds again instead of serving it.
  rmSync(join(dist, 'index.html'), { force: true });
  process.exit(1);
}
say();
