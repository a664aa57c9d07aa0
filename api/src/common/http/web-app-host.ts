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

  constructor(config: AppConfig) {
    const root = config.env.WEB_DIST ?? resolve(repoRoot(), 'web/dist');
    this.root = existsSync(resolve(root, 'index.html')) ? root : null;
  }

  /** A browser navigation to a client-side route (not an API call, not a missing asset). */
  serves(request: FastifyRequest): boolean {
    if (!this.root || request.method !== 'GET') return false;
    const path = request.url.split('?')[0];
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

  /** The app's HTML: never cached without asking, since it names the current hashed files. */
  sendIndex(reply: FastifyReply): void {
    this.indexHtml ??= readFileSync(resolve(this.root!, 'index.html'), 'utf8');
    void reply.status(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(this.indexHtml);
  }
}
