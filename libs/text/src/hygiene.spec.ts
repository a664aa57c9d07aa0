import { hasBidiControls, hasControlCharacters, isStorableText } from './hygiene';

describe('isStorableText', () => {
  it('accepts Persian with ZWNJ, emoji (surrogate pairs) and line breaks', () => {
    expect(isStorableText('می‌خواهم 👨‍👩‍👧\nخط دوم\t🙂')).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a high surrogate at the end', 'ab\ud83d'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a low surrogate at the start', '\ude42ab'],
    ['two high surrogates', '\ud83d\ud83d\ude42'],
  ])('refuses %s', (_name, text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('hasBidiControls', () => {
  it.each([
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200e',
    '\u200f',
    '\u061c',
  ])('finds U+%s', (control) => {
    expect(hasBidiControls(`نام${control}name`)).toBe(true);
  });

  it('leaves ZWNJ and ZWJ alone: Persian and emoji need them', () => {
    expect(hasBidiControls('می‌خواهم 👨‍👩‍👧')).toBe(false);
  });
});

describe('hasControlCharacters', () => {
  it('finds C0, DEL and C1 controls but not tab or line breaks', () => {
    expect(hasControlCharacters('a\u0001b')).toBe(true);
    expect(hasControlCharacters('a\u007fb')).toBe(true);
    expect(hasControlCharacters('a\u0085b')).toBe(true);
    expect(hasControlCharacters('a\tb\nc\r\nd')).toBe(false);
  });
});

describe('isStorableText without String.prototype.isWellFormed (older browsers)', () => {
  it('gives the same answers through its regex', () => {
    const proto = String.prototype as { isWellFormed?: () => boolean };
    const native = proto.isWellFormed;
    delete proto.isWellFormed;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy without the native check
        const { isStorableText: viaRegex } = require('./hygiene') as typeof import('./hygiene');
        expect(['ok 🙂', 'a\u0000b', 'a\ud800b', '\udc00', 'ab\ud83d'].map(viaRegex)).toEqual([
          true,
          false,
          false,
          false,
          false,
        ]);
      });
    } finally {
      proto.isWellFormed = native;
    }
  });
});
