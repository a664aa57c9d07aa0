import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** How one import route takes its file as the request body. */
export type FileImportRoute = {
  /** The route as Nest registers it with Fastify (`/api/orgs/:slug/…/import`). */
  url: string;
  /** The largest body taken. */
  maxBytes: number;
  /** Content types given a raw-buffer parser when no other module added one. */
  parsedTypes: string[];
  /** Content types the route accepts (the parsed ones and those another module parses). */
  acceptedTypes: string[];
  /** The module's own errors for another type and for a body over the limit. */
  unsupported: () => Error;
  tooLarge: () => Error;
};

/**
 * A CSV/XLSX import whose file is the body itself, as the API's other uploads: adds the raw parsers
 * when no other module has, gives this one POST route its own body limit and refuses another type
 * or a larger Content-Length before the body is read. Called while Nest builds its providers,
 * before the routes exist.
 */
export function limitFileImportRoute(adapterHost: HttpAdapterHost, options: FileImportRoute): void {
  const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
  if (!fastify || typeof fastify.addHook !== 'function') return;
  const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
  for (const type of options.parsedTypes) {
    if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, keepBuffer);
  }
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url !== options.url || !methods.includes('POST')) return;
    route.bodyLimit = options.maxBytes;
    const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
      const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!options.acceptedTypes.includes(type)) throw options.unsupported();
      if (Number(request.headers['content-length']) > options.maxBytes) throw options.tooLarge();
    };
    const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
    route.preParsing = [checkHeaders as never, ...existing];
  });
}
