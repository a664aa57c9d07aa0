import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { toErrorResponse } from '../errors/error-response';
import { AppError } from '../errors/app-error';
import { type AppRequest, CSRF_COOKIE, CSRF_HEADER } from './request-context';

/** Methods that cannot change anything; every other method must carry the token. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF protection: a readable random cookie that pages on this origin echo in a
 * header. Another site can neither read the cookie nor set the header, so a forged form or fetch
 * fails before any handler runs.
 *
 * The decision never looks at how the path is spelled: the router decodes `%61pi`, `//api` and
 * the like into a real route, so a check on the raw URL could be walked around. Every request
 * with an unsafe method is checked, whatever its path (socket.io's polling is answered by
 * engine.io before Fastify sees it, and nothing else needs an exemption).
 */
export function registerCsrf(app: FastifyInstance, cookieSecure: boolean): void {
  app.addHook('onRequest', async (request: AppRequest, reply) => {
    const cookie = request.cookies?.[CSRF_COOKIE];
    if (SAFE.has(request.method)) {
      // Minted on API routes only (the matched route, not the URL), so cached static files and
      // the web app's HTML never carry a Set-Cookie.
      if (!cookie && request.routeOptions.url?.startsWith('/api/')) {
        const token = randomBytes(24).toString('base64url');
        request.csrfToken = token;
        void reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'lax', secure: cookieSecure, httpOnly: false });
      } else {
        request.csrfToken = cookie;
      }
      return;
    }
    const header = request.headers[CSRF_HEADER];
    if (!cookie || typeof header !== 'string' || !safeEqual(cookie, header)) {
      const mapped = toErrorResponse(
        new AppError('common.csrf_invalid', 403, 'Missing or wrong CSRF token'),
        String(request.id),
      );
      return reply.status(mapped.status).send(mapped.body);
    }
    request.csrfToken = cookie;
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
