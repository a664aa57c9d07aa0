import { ZLocalizedText } from './common';
import { ZDisplayName, ZPassword } from './identity';
import { INVALID_CHARACTERS, textBlock, textLine, textToken, textVerbatim } from './text';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('the shared text schemas', () => {
  const UNSTORABLE = [
    ['NUL', 'ab\u0000cd'],
    ['a lone high surrogate', 'ab\ud800cd'],
    ['a lone low surrogate', 'ab\udc00cd'],
  ];

  describe.each([
    ['textLine', textLine({ min: 2, max: 50 })],
    ['textBlock', textBlock({ min: 2, max: 50 })],
    ['textToken', textToken({ min: 2, max: 50 })],
    ['textVerbatim', textVerbatim({ min: 2, max: 50 })],
  ])('%s', (_name, schema) => {
    it.each(UNSTORABLE)('refuses %s with invalid_characters first', (_what, text) => {
      expect(issues(schema.safeParse(text))[0]).toBe(INVALID_CHARACTERS);
    });

    it('keeps emoji (surrogate pairs) and ZWNJ', () => {
      expect(schema.parse('می‌خواهم 🙂')).toBe('می‌خواهم 🙂');
    });
  });

  describe('textLine (names, titles)', () => {
    const line = textLine({ min: 2, max: 20 });

    it.each([
      ['RLO', 'abc\u202egpj.exe'],
      ['LRE', 'abc\u202adef'],
      ['PDF', 'abc\u202cdef'],
      ['RLI', 'abc\u2067def'],
      ['PDI', 'abc\u2069def'],
      ['RLM', 'مریم\u200f'],
      ['ALM', 'مریم\u061c'],
    ])('refuses %s', (_what, text) => {
      expect(issues(line.safeParse(text))).toEqual([INVALID_CHARACTERS]);
    });

    it('normalises Persian: ی/ک, tatweel, control characters, spaces and line breaks into one line; counts length after', () => {
      expect(line.parse('  علي\n\n كـاظ\u0007می  ')).toBe('علی کاظمی');
      expect(issues(line.safeParse('   ی   '))).toEqual(['Too small: expected string to have >=2 characters']);
    });

    it('keeps Arabic letters in the Arabic part of a localized text', () => {
      expect(ZLocalizedText.parse({ fa: 'علي', ar: 'علي', en: ' Ali ' })).toEqual({ fa: 'علی', ar: 'علي', en: 'Ali' });
    });
  });

  describe('textBlock (free text)', () => {
    it('strips direction marks pasted from word processors instead of refusing the text', () => {
      expect(textBlock({ max: 100 }).parse('بند\u202b اول\u202c\n\n\nبند\u200f دوم')).toBe('بند اول\n\nبند دوم');
    });
  });

  describe('textToken (cursors, filters)', () => {
    it('refuses control characters, which no one types into a cursor or a filter', () => {
      expect(issues(textToken({ max: 100 }).safeParse('ab\u0007c'))).toEqual([INVALID_CHARACTERS]);
    });

    it('is trimmed but otherwise kept as sent', () => {
      expect(textToken({ max: 100 }).parse(' eyJhIjoiYiJ9_- ')).toBe('eyJhIjoiYiJ9_-');
      expect(textToken({ max: 100 }).parse('علي')).toBe('علي');
    });
  });

  describe('textVerbatim (passwords, quotes)', () => {
    it('keeps spaces, Arabic letters and even direction marks exactly', () => {
      expect(textVerbatim({ max: 100 }).parse(' علي \u200f ')).toBe(' علي \u200f ');
    });
  });

  it('gives the display name and the password the hygiene', () => {
    expect(issues(ZDisplayName.safeParse('admin\u202enimda'))).toEqual([INVALID_CHARACTERS]);
    expect(issues(ZPassword.safeParse('password\u0000123'))).toEqual([INVALID_CHARACTERS]);
  });
});
