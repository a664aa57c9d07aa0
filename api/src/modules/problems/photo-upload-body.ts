import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_PHOTO_BYTES } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { ProblemErrors } from './problems.errors';

/** The photo upload route, as Nest registers it with Fastify. */
export const PHOTO_UPLOAD_ROUTE = '/api/orgs/:slug/problem-photos';

const IMAGE_TYPE = /^image\/[a-z0-9.+-]+$/;

/**
 * Raw image bodies for the photo route: the attachments module registers the image/* parsers
 * (upload-body.ts); this raises the body limit of this one route to MAX_PHOTO_BYTES and refuses a
 * larger Content-Length before reading the body. Hooked in while Nest builds its providers, that
 * is before `app.init()` registers the routes.
 */
@Injectable()
export class PhotoUploadBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url !== PHOTO_UPLOAD_ROUTE || !methods.includes('POST')) return;
      route.bodyLimit = MAX_PHOTO_BYTES;
      const checkHeaders = async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const type = String(request.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (!IMAGE_TYPE.test(type) && type !== 'application/octet-stream') {
          throw new AppError('common.unsupported_media_type', 415, 'Send the image itself as the body');
        }
        if (Number(request.headers['content-length']) > MAX_PHOTO_BYTES) throw ProblemErrors.photoTooLarge();
      };
      const existing = route.preParsing
        ? Array.isArray(route.preParsing)
          ? route.preParsing
          : [route.preParsing]
        : [];
      route.preParsing = [checkHeaders as never, ...existing];
    });
  }
}
