import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from '../themes/theme-file';
import { MAX_IMPORT_BYTES } from './demand-import';
import { DemandErrors } from './demands.errors';

/** The import route, as Nest registers it with Fastify. */
export const DEMAND_IMPORT_ROUTE = '/api/orgs/:slug/demands/import';

const FILE_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/**
 * CSV/XLSX bodies for the demand import (the file itself as the body): adds the parsers when no
 * other module has, gives this route a 5 MiB limit and refuses another type or a larger
 * Content-Length before reading the body.
 */
@Injectable()
export class DemandImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
    for (const type of ['text/csv', XLSX_TYPE]) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, keepBuffer);
    }
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url !== DEMAND_IMPORT_ROUTE || !methods.includes('POST')) return;
      route.bodyLimit = MAX_IMPORT_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!FILE_TYPES.includes(type)) throw DemandErrors.unsupportedFile();
        if (Number(request.headers['content-length']) > MAX_IMPORT_BYTES) throw DemandErrors.fileTooLarge();
      };
      const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
