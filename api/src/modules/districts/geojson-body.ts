import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { GEOJSON_CONTENT_TYPE, MAX_DISTRICT_FILE_BYTES } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { DistrictErrors } from './districts.errors';

/** The routes that take a GeoJSON file as their body. */
export const GEOJSON_ROUTES = ['/api/orgs/:slug/districts/import/preview', '/api/orgs/:slug/districts/import'];

/**
 * GeoJSON files arrive as they are (`application/geo+json`, kept as a buffer and parsed in the
 * check's worker, not on the request thread). Only the import routes accept up to 10 MiB; a
 * larger Content-Length is refused before a byte of the body is read, and a chunked body is cut
 * off as soon as it passes the limit. Hooked in while Nest builds its providers, that is before
 * `app.init()` registers the routes.
 */
@Injectable()
export class GeojsonBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    if (!fastify.hasContentTypeParser(GEOJSON_CONTENT_TYPE)) {
      fastify.addContentTypeParser(GEOJSON_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    }
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!GEOJSON_ROUTES.includes(route.url) || !methods.includes('POST')) return;
      route.bodyLimit = MAX_DISTRICT_FILE_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== GEOJSON_CONTENT_TYPE) {
          throw new AppError('common.unsupported_media_type', 415, `Send the GeoJSON file itself as ${GEOJSON_CONTENT_TYPE}`);
        }
        if (Number(request.headers['content-length']) > MAX_DISTRICT_FILE_BYTES) throw DistrictErrors.fileTooLarge();
      };
      const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
