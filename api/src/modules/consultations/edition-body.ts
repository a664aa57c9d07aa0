import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The routes that take a whole edition as JSON. */
const EDITION_ROUTES = [
  { url: '/api/orgs/:slug/consultations/:activityId/editions', method: 'POST' },
  { url: '/api/orgs/:slug/consultations/:activityId/editions/:number', method: 'PUT' },
];

/** A long stage report (2,000 blocks of Persian text) is several MiB of JSON; other routes keep the default limit. */
export const EDITION_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Raises the body limit of the two edition-saving routes to EDITION_BODY_BYTES. Hooked in while
 * Nest builds its providers, that is before `app.init()` registers the routes.
 */
@Injectable()
export class EditionBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (EDITION_ROUTES.some((r) => r.url === route.url && methods.includes(r.method as never)))
        route.bodyLimit = EDITION_BODY_BYTES;
    });
  }
}
