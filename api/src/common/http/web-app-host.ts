import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
    // Decoded and tidied like the router does, so `/%61pi/x` gets the API's 404, not the page.
    const path = tidyPath(request.url.split('?')[0]);
    if (path.startsWith('/api') || path.startsWith('/socket.io') || path.startsWith('/assets/')) return false;
    return true;
  }

  sendIndex(reply: FastifyReply): void {
    this.indexHtml ??= readFileSync(resolve(this.root!, 'index.html'), 'utf8');
    void reply.status(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(this.indexHtml);
  }
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
