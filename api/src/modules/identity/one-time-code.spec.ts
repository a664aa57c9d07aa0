import { codeMatches, codeMessage, generateCode, hashCode, maskMobile } from './one-time-code';

describe('one-time codes', () => {
  it('generates six ASCII digits, keeping leading zeros', () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^\d{6}$/);
  });

  it('matches only the same code for the same recipient and purpose', () => {
    const stored = hashCode('sign_in', '+989123456789', '012345');
    expect(stored).not.toContain('012345');
    expect(codeMatches(stored, 'sign_in', '+989123456789', '012345')).toBe(true);
    expect(codeMatches(stored, 'sign_in', '+989123456789', '012346')).toBe(false);
    expect(codeMatches(stored, 'sign_in', '+989120000000', '012345')).toBe(false);
  });

  it('masks the middle of a mobile number', () => {
    expect(maskMobile('+989123456789')).toBe('+98912***6789');
    expect(maskMobile('+4915112345678')).toBe('+491******5678');
  });

  it('writes the code in ASCII digits inside the Persian text', () => {
    expect(codeMessage('123456')).toBe('کد ورود شما به هم‌اندیشی: 123456');
  });
});
