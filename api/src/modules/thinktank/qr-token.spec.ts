import { randomBytes, randomUUID } from 'node:crypto';
import { sessionIdOfQrToken, signQrToken, verifyQrToken } from './qr-token';

describe('QR check-in tokens', () => {
  const secret = randomBytes(32);
  const sessionId = randomUUID();

  it('name their session and verify with its secret only', () => {
    const token = signQrToken(sessionId, secret);
    expect(sessionIdOfQrToken(token)).toBe(sessionId);
    expect(verifyQrToken(token, sessionId, secret)).toBe(true);
    expect(verifyQrToken(token, sessionId, randomBytes(32))).toBe(false);
  });

  it('cannot be moved to another session by editing the id', () => {
    const other = randomUUID();
    const forged = `${other}.${signQrToken(sessionId, secret).split('.')[1]}`;
    expect(sessionIdOfQrToken(forged)).toBe(other);
    expect(verifyQrToken(forged, other, secret)).toBe(false);
  });

  it('refuses what cannot be a token', () => {
    for (const value of ['', 'abc', `${sessionId}.short`, `${sessionId}.${'a'.repeat(43)}.x`, `not-a-uuid.${'a'.repeat(43)}`]) {
      expect(sessionIdOfQrToken(value)).toBeNull();
    }
  });
});
