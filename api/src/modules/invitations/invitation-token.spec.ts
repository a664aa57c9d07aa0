import { hashInvitationToken, isInvitationToken, maskContact, newInvitationToken } from './invitation-token';

describe('invitation tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, newInvitationToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(isInvitationToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their sha256 only', () => {
    const token = newInvitationToken();
    expect(hashInvitationToken(token)).toHaveLength(32);
    expect(hashInvitationToken(token).equals(hashInvitationToken(token))).toBe(true);
    expect(hashInvitationToken(token).toString('base64url')).not.toBe(token);
  });

  it('refuses anything that cannot be a token', () => {
    for (const value of ['', 'short', 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`]) {
      expect(isInvitationToken(value)).toBe(false);
    }
  });

  it('masks the contact shown on the link page', () => {
    expect(maskContact('sms', '+989123456789')).toBe('+98912***6789');
    expect(maskContact('email', 'sara@example.org')).toBe('s***@example.org');
  });
});
