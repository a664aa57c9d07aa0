import { diffWords, tokenize, wordSimilarity } from './word-diff';

const rejoin = (runs: ReturnType<typeof diffWords>, keep: 'insert' | 'delete') =>
  runs
    .filter((r) => r.op !== keep)
    .map((r) => r.text)
    .join('');

describe('tokenize', () => {
  it('keeps a ZWNJ word whole and the spaces between words', () => {
    expect(tokenize('این طرح اجرا می‌شود')).toEqual(['این', ' ', 'طرح', ' ', 'اجرا', ' ', 'می‌شود']);
  });
});

describe('diffWords', () => {
  it('marks the replaced word and keeps the rest', () => {
    const runs = diffWords('بودجهٔ پارک ۱۰ میلیارد است', 'بودجهٔ پارک ۱۲ میلیارد است');
    expect(runs).toEqual([
      { op: 'equal', text: 'بودجهٔ پارک ' },
      { op: 'delete', text: '۱۰' },
      { op: 'insert', text: '۱۲' },
      { op: 'equal', text: ' میلیارد است' },
    ]);
  });

  it('rejoins to both texts', () => {
    const before = 'the quick brown fox jumps over the lazy dog';
    const after = 'a quick red fox jumped over the dog today';
    const runs = diffWords(before, after);
    expect(rejoin(runs, 'insert')).toBe(before);
    expect(rejoin(runs, 'delete')).toBe(after);
  });

  it('gives one equal run for equal texts and handles empty sides', () => {
    expect(diffWords('یک دو', 'یک دو')).toEqual([{ op: 'equal', text: 'یک دو' }]);
    expect(diffWords('', 'جدید')).toEqual([{ op: 'insert', text: 'جدید' }]);
    expect(diffWords('قدیم', '')).toEqual([{ op: 'delete', text: 'قدیم' }]);
  });
});

describe('wordSimilarity', () => {
  it('is 1 for the same words, 0 for none shared, in between for a rewording', () => {
    expect(wordSimilarity('الف ب ج', 'ج ب الف')).toBe(1);
    expect(wordSimilarity('الف ب', 'د ه')).toBe(0);
    const s = wordSimilarity('ایجاد پارک محله‌ای در منطقهٔ ۳', 'ایجاد دو پارک محله‌ای در منطقهٔ ۳');
    expect(s).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(1);
  });
});
