import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { repoRoot } from '../../config/repo-root';

/** Where the built web app is, and the single-page fallback for its client-side routes. */
@Injectable()
export class WebAppHost {
  readonly root: string | null;
  private indexHtml: string | null = null;
  private routePreloads: RoutePreload[] | null = null;
  private readonly pageHtml = new Map<string, string>();

  constructor(config: AppConfig) {
    const root = config.env.WEB_DIST ?? resolve(repoRoot(), 'web/dist');
    this.root = existsSync(resolve(root, 'index.html')) ? root : null;
  }

  /** A browser navigation to a client-side route (not an API call, not a missing asset). */
  serves(request: FastifyRequest): boolean {
    if (!this.root || request.method !== 'GET') return false;
    // Decoded and tidied like the router does, so `/%61pi/x` gets the API's 404, not the page.
    const path = tidyPath(request.url.split('?')[0]);
    if (path.startsWith('/api') || path.startsWith('/socket.io') || path.startsWith('/assets/')) return false;
    return true;
  }

  /**
   * Files under /assets/ carry a hash of their content in their name, so a browser may keep them
   * for a year without asking again; anything else (favicon) is checked after an hour.
   */
  cacheControlFor(filePath: string): string {
    const relativePath = relative(this.root ?? '', filePath)
      .split(sep)
      .join('/');
    return relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
  }

  /**
   * The app's HTML: never cached without asking, since it names the current hashed files. For the
   * pages people land on (the build lists them), it also names that page's chunks, so a phone
   * fetches them alongside the app's own code instead of after it has started (a round trip and
   * an idle link saved on 3G). The API answers such a page asks for first (its municipality, the
   * first page of a list) are named too, with the route's parameters filled in from the address,
   * so they no longer wait for the code that asks for them. Only an address without a query gets
   * them: filters change what the page asks for.
   */
  sendIndex(reply: FastifyReply, url = '/'): void {
    this.indexHtml ??= readFileSync(resolve(this.root!, 'index.html'), 'utf8');
    const [path = '/', query] = url.split('?');
    const preload = this.preloadsOf().find((candidate) => candidate.pattern.test(path));
    let html = this.indexHtml;
    if (preload) {
      html = this.pageHtml.get(preload.key) ?? this.indexHtml.replace('</head>', `${preload.links}</head>`);
      this.pageHtml.set(preload.key, html);
      const fetches = query === undefined ? fetchLinks(preload, path) : '';
      if (fetches) html = html.replace('</head>', `${fetches}</head>`);
    }
    void reply.status(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  }

  /** The build's per-page chunk lists (`.vite/route-preloads.json`), most specific path first. */
  private preloadsOf(): RoutePreload[] {
    if (this.routePreloads) return this.routePreloads;
    const file = resolve(this.root!, '.vite', 'route-preloads.json');
    const listed: Record<string, { scripts?: string[]; styles?: string[]; fetches?: string[] }> = existsSync(file)
      ? JSON.parse(readFileSync(file, 'utf8'))
      : {};
    this.routePreloads = Object.entries(listed)
      .map(([route, files]) => ({
        key: route,
        // `/:slug/problems` → ^/[^/]+/problems/?$ (a route parameter is one path segment).
        pattern: new RegExp(
          `^${route
            .split('/')
            .map((part) => (part.startsWith(':') ? '[^/]+' : escapeRegExp(part)))
            .join('/')}/?$`,
        ),
        links: [
          ...(files.scripts ?? []).map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`),
          ...(files.styles ?? []).map(
            (file) => `<link rel="preload" as="style" crossorigin href="/${escapeHtml(file)}">`,
          ),
        ].join(''),
        segments: route.split('/').length,
        params: route
          .split('/')
          .map((part, index) => ({ part, index }))
          .filter(({ part }) => part.startsWith(':')),
        fetches: files.fetches ?? [],
      }))
      .sort((a, b) => b.segments - a.segments);
    return this.routePreloads;
  }
}

type RoutePreload = {
  key: string;
  pattern: RegExp;
  links: string;
  segments: number;
  /** The route's parameters and where they sit in a path (`/:slug/problems` → slug at 1). */
  params: { part: string; index: number }[];
  /** API addresses with the route's parameters in them (`/api/orgs/:slug`). */
  fetches: string[];
};

/**
 * `<link rel=preload as=fetch>` for the page's first API answers, parameters taken from the path
 * (URL-encoded as the app's own `encodeURIComponent` does, so the preload and the app's request
 * are the same URL and the browser uses the one answer). `crossorigin` gives it the credentials
 * mode of the app's same-origin `fetch`.
 */
function fetchLinks(preload: RoutePreload, path: string): string {
  if (!preload.fetches.length) return '';
  const segments = path.split('/');
  let values: Map<string, string>;
  try {
    values = new Map(
      preload.params.map(({ part, index }) => [part, encodeURIComponent(decodeURIComponent(segments[index] ?? ''))]),
    );
  } catch {
    // A malformed escape in the address: the app will show its own error; nothing to preload.
    return '';
  }
  return preload.fetches
    .map((template) => template.replace(/:[A-Za-z]+/g, (param) => values.get(param) ?? param))
    .map((href) => `<link rel="preload" as="fetch" crossorigin href="${escapeHtml(href)}">`)
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function tidyPath(raw: string): string {
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A malformed escape is left as it is: the router answers it with 400 anyway.
  }
  return path.replace(/\/{2,}/g, '/').toLowerCase();
}
