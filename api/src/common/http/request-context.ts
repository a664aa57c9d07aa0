import type { FastifyRequest } from 'fastify';

/** Who is making a request, set by the identity module's guard from the session cookie. */
export type Actor = { accountId: string; sessionId: string; isSuperadmin: boolean };

/** A Fastify request with what the API attaches to it. */
export type AppRequest = FastifyRequest & { actor?: Actor; csrfToken?: string };

/** Cookie names, in one place. */
export const SESSION_COOKIE = 'hm_session';
export const CSRF_COOKIE = 'hm_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A long-lived random id of the browser, so a known browser can sign in while strangers are locked out. */
export const DEVICE_COOKIE = 'hm_device';
