import { paragraphAnchor } from './paragraph-anchor';

describe('paragraphAnchor', () => {
  it('is 8 hex characters of the text key and the occurrence', () => {
    expect(paragraphAnchor('پارک محله', 1)).toMatch(/^[0-9a-f]{8}-1$/);
  });

  it('does not change with spelling variants that mean the same text', () => {
    expect(paragraphAnchor('پارك محلي مي‌سازيم', 1)).toBe(paragraphAnchor('پارک محلی میسازیم', 1));
    expect(paragraphAnchor('بودجه ۱۲۰', 1)).toBe(paragraphAnchor('بودجه 120', 1));
  });

  it('differs for different texts and different occurrences', () => {
    expect(paragraphAnchor('الف', 1)).not.toBe(paragraphAnchor('ب', 1));
    expect(paragraphAnchor('الف', 1)).not.toBe(paragraphAnchor('الف', 2));
  });
});
