import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization } from '../factories/organization.factory';

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A plain HTTP GET that sees the bytes on the wire (fetch would decompress them silently). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: RawResponse): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.body).toString('utf8');
  return res.body.toString('utf8');
}

// A built web app as `vite build` leaves it: hashed assets, each with .br and .gz beside it.
const script = `export const greeting = ${JSON.stringify('سلام '.repeat(4000))};\n`;
const html = `<!doctype html><html lang="fa" dir="rtl"><head><title>هم‌اندیشی</title></head><body><h1>${'هم‌اندیشی '.repeat(200)}</h1><script type="module" src="/assets/index-AbC123.js"></script></body></html>`;

function writeBuiltApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'hm-web-'));
  mkdirSync(join(root, 'assets'));
  const files: Record<string, string> = { 'index.html': html, 'assets/index-AbC123.js': script };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(root, name), text);
    writeFileSync(join(root, `${name}.br`), brotliCompressSync(Buffer.from(text)));
    writeFileSync(join(root, `${name}.gz`), gzipSync(Buffer.from(text)));
  }
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // What the build's bundle report lists for the pages people land on.
  mkdirSync(join(root, '.vite'));
  writeFileSync(
    join(root, '.vite', 'route-preloads.json'),
    JSON.stringify({
      '/': { scripts: ['assets/organizations-page-Aa1.js'], styles: [] },
      '/:slug': { scripts: ['assets/organization-home-page-Bb2.js'], styles: [] },
      '/:slug/problems': {
        scripts: ['assets/problems-page-Cc3.js', 'assets/map-base-Dd4.js'],
        styles: ['assets/map-base-Ee5.css'],
      },
    }),
  );
  return root;
}

describe('serving the web app to a slow phone', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = writeBuiltApp();
    t = await startTestApp({ WEB_DIST: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the brotli file built beside a script, cached for a year as it never changes', async () => {
    const res = await rawGet(`${t.url}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(decode(res)).toBe(script);
  });

  it('falls back to gzip, then to the plain file, for browsers that accept less', async () => {
    const gzip = await rawGet(`${t.url}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip)).toBe(script);

    const plain = await rawGet(`${t.url}/assets/index-AbC123.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the HTML of every page compressed and revalidated on each visit', async () => {
    for (const path of ['/', '/isfahan', '/isfahan/problems']) {
      const res = await rawGet(`${t.url}${path}`, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(decode(res)).toContain('<title>هم‌اندیشی</title>');
    }
  });

  it("names the chunks of the page being opened in its HTML, so they download with the app's code", async () => {
    const preloads = async (path: string) => {
      const page = decode(await rawGet(`${t.url}${path}`, { 'accept-encoding': 'br' }));
      return [...page.matchAll(/<link rel="(modulepreload|preload)"[^>]* href="([^"]+)"/g)].map((match) => match[2]);
    };
    expect(await preloads('/isfahan/problems')).toEqual([
      '/assets/problems-page-Cc3.js',
      '/assets/map-base-Dd4.js',
      '/assets/map-base-Ee5.css',
    ]);
    expect(await preloads('/isfahan/problems?status=accepted')).toContain('/assets/problems-page-Cc3.js');
    expect(await preloads('/isfahan')).toEqual(['/assets/organization-home-page-Bb2.js']);
    expect(await preloads('/')).toEqual(['/assets/organizations-page-Aa1.js']);
    // Pages not listed get the plain HTML.
    expect(await preloads('/isfahan/plans/42')).toEqual([]);
  });

  it('keeps files without a hash in their name for an hour only', async () => {
    const res = await rawGet(`${t.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it("keeps the build's own notes to itself", async () => {
    const res = await rawGet(`${t.url}/.vite/route-preloads.json`);
    expect(res.body.toString('utf8')).not.toContain('organizations-page-Aa1.js');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await rawGet(`${t.url}/assets/index-Gone99.js`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
  });

  it('compresses sizeable API answers and leaves tiny ones alone', async () => {
    for (let i = 0; i < 8; i += 1) await buildOrganization(t.db, { name: `شهرداری شماره ${i}` });
    const list = await rawGet(`${t.url}/api/orgs`, { 'accept-encoding': 'gzip, br' });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(list)).length).toBeGreaterThanOrEqual(8);

    const health = await rawGet(`${t.url}/api/health`, { 'accept-encoding': 'gzip, br' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
