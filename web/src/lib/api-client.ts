import type { ErrorCode, TSession } from '@hamandishi/contracts';

/** Codes the web itself produces when no server answer could be read. */
export type ClientErrorCode = 'network' | 'unknown';

/** A failed API call: the stable `code` from libs/contracts (or a client-side code), never prose. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly fields: Record<string, string>;
  readonly requestId?: string;

  constructor(status: number, code: ErrorCode | ClientErrorCode, fields: Record<string, string> = {}, requestId?: string) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** True for an `ApiError` with the given status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export const CSRF_COOKIE = 'hm_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RequestOptions = {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
};

/** Reads a cookie the server made readable on purpose (only `hm_csrf`; the session is httpOnly). */
export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function readBody(response: { text(): Promise<string> }): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'code' in body) {
    const { code, fields, requestId } = body as { code: unknown; fields?: unknown; requestId?: unknown };
    if (typeof code === 'string' && /^[a-z_]+\.[a-z_]+$/.test(code)) {
      return new ApiError(
        status,
        code as ErrorCode,
        fields && typeof fields === 'object' ? (fields as Record<string, string>) : {},
        typeof requestId === 'string' ? requestId : undefined,
      );
    }
  }
  if (status === 404) return new ApiError(status, 'common.not_found');
  if (status >= 500) return new ApiError(status, 'common.internal');
  return new ApiError(status, 'unknown');
}

let csrfPromise: Promise<string | null> | null = null;

/** Makes sure the CSRF cookie exists: the session route sets it and also returns it. */
async function ensureCsrfToken(force = false): Promise<string | null> {
  const fromCookie = readCookie(CSRF_COOKIE);
  if (fromCookie && !force) return fromCookie;
  csrfPromise ??= send<TSession>('GET', '/api/auth/session', {})
    .then((session) => readCookie(CSRF_COOKIE) ?? session?.csrfToken ?? null)
    .finally(() => {
      csrfPromise = null;
    });
  return csrfPromise;
}

async function send<T>(method: Method, path: string, options: RequestOptions, csrfToken?: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isRaw = options.body instanceof Blob;
  if (options.body !== undefined) headers['content-type'] = isRaw ? (options.body as Blob).type || 'application/octet-stream' : 'application/json';
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isRaw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as { name?: string })?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network');
  }
  const body = await readBody(response);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/**
 * Calls the API with JSON in and out. Unsafe methods carry the CSRF token; a stale token is
 * refreshed once (the server rotates it with the session).
 */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  if (!UNSAFE_METHODS.has(method)) return send<T>(method, path, options);
  const token = await ensureCsrfToken();
  try {
    return await send<T>(method, path, options, token);
  } catch (error) {
    if (isApiError(error) && error.code === 'common.csrf_invalid') {
      const fresh = await ensureCsrfToken(true);
      return send<T>(method, path, options, fresh);
    }
    throw error;
  }
}

/** Shorthands for the HTTP verbs. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options),
  /** Sends a file as the raw body with its own Content-Type (attachments). */
  upload: <T>(path: string, file: Blob, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('POST', path, { ...options, body: file }),
};

/** A fresh key for `Idempotency-Key`, so a retried submit does not create twice. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
