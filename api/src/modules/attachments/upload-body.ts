import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { DOCX_TYPE } from './file-type';

/** The upload route, as Nest registers it with Fastify. */
export const UPLOAD_ROUTE = '/api/orgs/:slug/attachments';

const RAW_TYPES = ['application/pdf', DOCX_TYPE, 'application/octet-stream'];
const IMAGE_TYPE = /^image\/[a-z0-9.+-]+$/;

/**
 * Raw file bodies. Must run before the routes are registered (before `app.init()`).
 * Every route keeps the normal body limit for these types; only the upload route accepts up to
 * 25 MiB, and a larger Content-Length is refused before a byte of the body is read (a chunked
 * body is cut off as soon as it passes the limit).
 */
export function registerAttachmentUploadBodies(fastify: FastifyInstance, defaultBodyLimit: number): void {
  const keepBuffer = (_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => done(null, body);
  fastify.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: defaultBodyLimit }, keepBuffer);
  fastify.addContentTypeParser(IMAGE_TYPE, { parseAs: 'buffer', bodyLimit: defaultBodyLimit }, keepBuffer);

  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url !== UPLOAD_ROUTE || !methods.includes('POST')) return;
    route.bodyLimit = MAX_ATTACHMENT_BYTES;
    const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
      const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!RAW_TYPES.includes(type) && !IMAGE_TYPE.test(type)) {
        throw new AppError('common.unsupported_media_type', 415, 'Send the file itself as the body');
      }
      if (Number(request.headers['content-length']) > MAX_ATTACHMENT_BYTES) {
        throw new AppError('attachments.too_large', 413, 'The file is larger than 25 MiB');
      }
    };
    const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
    route.preParsing = [checkHeaders as never, ...existing];
  });
}
