import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The token the door's QR code carries: `<sessionId>.<HMAC-SHA256(session secret, sessionId)>`.
 * The session id inside lets a scan at the wrong door be told apart ("another session") from a
 * forged or damaged code; the signature, keyed by a secret only the server holds, proves it.
 */
export function signQrToken(sessionId: string, secret: Buffer): string {
  return `${sessionId}.${mac(sessionId, secret)}`;
}

/** The session id a token names, or null when it cannot be a token at all. */
export function sessionIdOfQrToken(token: string): string | null {
  const [id, signature, ...rest] = token.split('.');
  return rest.length === 0 && UUID.test(id ?? '') && /^[A-Za-z0-9_-]{43}$/.test(signature ?? '') ? id : null;
}

/** Whether the token was signed with this session's secret. */
export function verifyQrToken(token: string, sessionId: string, secret: Buffer): boolean {
  const expected = Buffer.from(signQrToken(sessionId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function mac(sessionId: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`thinktank-check-in:${sessionId}`).digest('base64url');
}
