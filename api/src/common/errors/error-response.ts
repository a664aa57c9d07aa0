import { HttpException } from '@nestjs/common';
import type { ErrorCode, TErrorResponse } from '@hamandishi/contracts';
import { AppError } from './app-error';

/** What an error becomes on the wire; `internal` tells the caller to log it. */
export type MappedError = { status: number; body: TErrorResponse; internal: boolean };

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'common.validation_failed',
  401: 'identity.unauthenticated',
  403: 'identity.forbidden',
  404: 'common.route_not_found',
  413: 'common.payload_too_large',
  415: 'common.unsupported_media_type',
  429: 'common.rate_limited',
};

/** Maps anything thrown (ours, Nest's, Fastify's) to the one error shape; never leaks a stack or internals. */
export function toErrorResponse(error: unknown, requestId?: string): MappedError {
  const make = (status: number, code: ErrorCode, message: string, fields?: Record<string, string>, internal = false) => ({
    status,
    body: { code, message, ...(fields ? { fields } : {}), ...(requestId ? { requestId } : {}) },
    internal,
  });

  if (error instanceof AppError) return make(error.status, error.code, error.message, error.fields);

  const fastifyCode = (error as { code?: unknown })?.code;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return make(413, 'common.payload_too_large', 'Request body is too large');
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return make(415, 'common.unsupported_media_type', 'Unsupported content type');
    if (fastifyCode.startsWith('FST_ERR_CTP_')) return make(400, 'common.malformed_json', 'Malformed request body');
  }
  if (error instanceof SyntaxError && statusCode === 400) return make(400, 'common.malformed_json', 'Malformed JSON');

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status];
    if (code) return make(status, code, status === 404 ? 'Route not found' : error.message);
  }
  if (typeof statusCode === 'number' && STATUS_CODES[statusCode] && statusCode < 500) {
    return make(statusCode, STATUS_CODES[statusCode], 'Request rejected');
  }
  return make(500, 'common.internal', 'Internal error', undefined, true);
}
