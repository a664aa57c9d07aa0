import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from '../themes/theme-file';
import { StakeholderErrors } from './stakeholders.errors';

/** The import route, as Nest registers it with Fastify. */
export const STAKEHOLDER_IMPORT_ROUTE = '/api/orgs/:slug/stakeholders/import';
/** The largest stakeholder file taken. */
export const MAX_STAKEHOLDER_FILE_BYTES = 5 * 1024 * 1024;

const FILE_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/**
 * CSV/XLSX bodies for the stakeholder import (the file itself as the body): adds the text/csv and
 * XLSX parsers when no other module has, and gives this one route a 5 MiB limit, refusing a larger
 * Content-Length or another type before the body is read.
 */
@Injectable()
export class StakeholderImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
    for (const type of ['text/csv', XLSX_TYPE]) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, keepBuffer);
    }
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url !== STAKEHOLDER_IMPORT_ROUTE || !methods.includes('POST')) return;
      route.bodyLimit = MAX_STAKEHOLDER_FILE_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!FILE_TYPES.includes(type)) throw StakeholderErrors.unsupportedFile();
        if (Number(request.headers['content-length']) > MAX_STAKEHOLDER_FILE_BYTES) throw StakeholderErrors.fileTooLarge();
      };
      const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
