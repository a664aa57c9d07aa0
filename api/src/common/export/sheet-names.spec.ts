import { uniqueSheetNames } from './sheet-names';

describe('uniqueSheetNames', () => {
  it('removes the characters Excel forbids and apostrophes at either end', () => {
    expect(uniqueSheetNames(['a[b]:c*d?e/f\\g', "'quoted'", 'tab\there\u0001'])).toEqual([
      'abcdefg',
      'quoted',
      'tabhere',
    ]);
  });

  it('cuts names to 31 characters without splitting a character', () => {
    const [long, emoji] = uniqueSheetNames(['گزارش '.repeat(10), 'a'.repeat(30) + '😀']);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.startsWith('گزارش گزارش')).toBe(true);
    expect(emoji).toBe('a'.repeat(30));
  });

  it('makes names unique ignoring case, still within 31 characters', () => {
    const names = uniqueSheetNames(['Plans', 'plans', 'PLANS', 'x'.repeat(40), 'x'.repeat(35)]);
    expect(names).toEqual(['Plans', 'plans (2)', 'PLANS (3)', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
  });

  it('names empty and reserved names so Excel accepts them', () => {
    expect(uniqueSheetNames(['', '[]', 'History'])).toEqual(['Sheet1', 'Sheet2', 'History (2)']);
  });
});
