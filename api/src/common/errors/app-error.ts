import type { ErrorCode } from '@hamandishi/contracts';

/**
 * The one exception type the API throws on purpose. The filter turns it into
 * `{ code, message, fields? }` with `status`; `message` is developer-facing English.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? code);
  }
}

/** 404 with a module's not-found code. */
export const notFound = (code: ErrorCode = 'common.not_found') => new AppError(code, 404, 'Not found');
