import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { WebAppHost } from './web-app-host';

describe('WebAppHost: the HTML of a page people land on', () => {
  let dist: string;
  let host: WebAppHost;

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), '<html><head><title>x</title></head><body></body></html>');
    writeFileSync(
      join(dist, '.vite', 'route-preloads.json'),
      JSON.stringify({
        '/': { scripts: ['assets/home.js'], styles: [], fetches: ['/api/orgs'] },
        '/:slug/problems': {
          scripts: ['assets/problems.js'],
          styles: ['assets/map.css'],
          fetches: ['/api/orgs/:slug', '/api/orgs/:slug/problems?'],
        },
      }),
    );
    host = new WebAppHost({ env: { WEB_DIST: dist } } as unknown as AppConfig);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  /** The HTML the host answers for `url`. */
  function htmlOf(url: string): string {
    let body = '';
    const reply = {
      status: () => reply,
      header: () => reply,
      type: () => reply,
      send: (html: string) => {
        body = html;
        return reply;
      },
    };
    host.sendIndex(reply as unknown as FastifyReply, url);
    return body;
  }

  it("names the page's chunks and its first API answers, with the municipality from the address", () => {
    const html = htmlOf('/isfahan/problems');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/problems.js">');
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin href="/api/orgs/isfahan">');
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin href="/api/orgs/isfahan/problems?">');
    // Another municipality gets its own answers, not the first one's (the chunk list is cached).
    expect(htmlOf('/shiraz/problems')).toContain('href="/api/orgs/shiraz"');
    expect(htmlOf('/shiraz/problems')).not.toContain('isfahan');
    expect(htmlOf('/')).toContain('<link rel="preload" as="fetch" crossorigin href="/api/orgs">');
  });

  it('preloads no API answer for an address with a query (filters change what the page asks for)', () => {
    const html = htmlOf('/isfahan/problems?status=accepted');
    expect(html).toContain('href="/assets/problems.js"');
    expect(html).not.toContain('as="fetch"');
  });

  it('spells the municipality as the app does, and an address that is not one preloads nothing harmful', () => {
    expect(htmlOf('/%D8%A7%D8%B5/problems')).toContain('href="/api/orgs/%D8%A7%D8%B5"');
    expect(htmlOf('/a%22b/problems')).toContain('href="/api/orgs/a%22b"');
    const malformed = htmlOf('/%E0%A4%A/problems');
    expect(malformed).toContain('href="/assets/problems.js"');
    expect(malformed).not.toContain('as="fetch"');
    expect(htmlOf('/isfahan/plans')).not.toContain('as="fetch"');
  });
});
