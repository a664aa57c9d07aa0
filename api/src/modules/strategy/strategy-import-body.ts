import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { StrategyErrors } from './strategy.errors';
import { XLSX_TYPE } from './strategy-xlsx';

/** The import route, as Nest registers it with Fastify. */
export const STRATEGY_IMPORT_ROUTE = '/api/orgs/:slug/plans/:planId/strategy/import';

/** The largest workbook taken (the Ahvaz-size plan is a few hundred KiB). */
export const MAX_STRATEGY_FILE_BYTES = 10 * 1024 * 1024;

/**
 * XLSX bodies for the structure import: the file itself as the body, as the API's other uploads.
 * Adds the XLSX parser when no other module did, and gives this one route a 10 MiB limit, refusing
 * a larger Content-Length before the body is read. Hooked in before the routes exist.
 */
@Injectable()
export class StrategyImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
    if (!fastify.hasContentTypeParser(XLSX_TYPE)) fastify.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer' }, keepBuffer);
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url !== STRATEGY_IMPORT_ROUTE || !methods.includes('POST')) return;
      route.bodyLimit = MAX_STRATEGY_FILE_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== XLSX_TYPE && type !== 'application/octet-stream') throw StrategyErrors.unsupportedFile();
        if (Number(request.headers['content-length']) > MAX_STRATEGY_FILE_BYTES) throw StrategyErrors.importTooLarge();
      };
      const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
