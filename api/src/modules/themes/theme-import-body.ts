import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { ThemeErrors } from './themes.errors';
import { XLSX_TYPE } from './theme-file';

/** The import route, as Nest registers it with Fastify. */
export const THEME_IMPORT_ROUTE = '/api/orgs/:slug/themes/import';

/** The largest theme file taken (a few hundred themes are a few tens of KiB). */
export const MAX_THEME_FILE_BYTES = 5 * 1024 * 1024;

const FILE_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream', 'multipart/form-data'];

/**
 * CSV/XLSX bodies for the theme import: the file itself as the body, like the other uploads of the
 * API, or a multipart/form-data form with the file in it (taken on this route only; elsewhere it
 * stays an unsupported type). Adds the text/csv, XLSX and multipart parsers (application/octet-stream
 * is the attachments module's) and gives this one route a 5 MiB limit, refusing a larger
 * Content-Length before reading the body. Hooked in while Nest builds its providers, before the
 * routes exist.
 */
@Injectable()
export class ThemeImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
    for (const type of ['text/csv', XLSX_TYPE]) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, keepBuffer);
    }
    if (!fastify.hasContentTypeParser('multipart/form-data')) {
      fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) =>
        request.routeOptions.url === THEME_IMPORT_ROUTE
          ? done(null, body)
          : done(new AppError('common.unsupported_media_type', 415, 'Unsupported content type'), undefined),
      );
    }
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url !== THEME_IMPORT_ROUTE || !methods.includes('POST')) return;
      route.bodyLimit = MAX_THEME_FILE_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!FILE_TYPES.includes(type)) throw ThemeErrors.unsupportedFile();
        if (Number(request.headers['content-length']) > MAX_THEME_FILE_BYTES) throw ThemeErrors.fileTooLarge();
      };
      const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
