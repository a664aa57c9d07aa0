import { toAsciiDigits, toPersianDigits } from './digits';

/** Options of normalizePersian. */
export type NormalizePersianOptions = {
  /** 'keep' (default) leaves digits as typed; 'ascii' or 'persian' rewrites every digit. */
  digits?: 'keep' | 'ascii' | 'persian';
  /** Keeps Arabic ي ى ك as they are, for text written in Arabic (default false). */
  keepArabicLetters?: boolean;
};

const ZWNJ = '\u200c';

// Invisible characters that carry no meaning in stored text: ZWJ (handled apart, see below),
// zero-width space, BOM / zero-width no-break space, soft hyphen, and the bidi marks and
// embeddings (LRM, RLM, ALM, LRE..RLO, LRI..PDI): the UI sets direction with dir="auto".
// Control characters other than tab and line breaks go too.
const INVISIBLES =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u200b\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000e-\u001f\u007f]/g;

// ZWJ joins emoji sequences (👨‍👩‍👧, 🏳️‍🌈), so it is kept between pictographs and dropped elsewhere.
const STRAY_ZWJ =
  // eslint-disable-next-line no-misleading-character-class -- skin-tone modifiers are listed on purpose
  /(?<![\p{Extended_Pictographic}\ufe0f\u{1f3fb}-\u{1f3ff}])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

// A ZWNJ only means something between two letters (می‌خواهم); next to a space, punctuation,
// a digit or the text's edge it is an invisible leftover of copy-paste.
const EDGE_ZWNJ = /(?<![\p{L}\p{M}])\u200c|\u200c(?![\p{L}\p{M}])/gu;

/**
 * Normalises Persian text for storage and display: Persian ی and ک for Arabic look-alikes,
 * ۀ as ه + hamza above, no tatweel, tidy ZWNJ, no stray invisible marks, tidy whitespace, NFC.
 */
export function normalizePersian(input: string, options: NormalizePersianOptions = {}): string {
  let text = input.normalize('NFC');
  if (!options.keepArabicLetters) {
    // ة (teh marbuta) is left alone: it is a real letter in Arabic phrases and loanwords.
    text = text.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک');
  }
  // ۀ (U+06C0) as ه + U+0654, the form of the Iranian standard ISIRI 6219; NFC never recomposes it
  // because U+06C0 is built on U+06D5, not on ه (U+0647).
  text = text
    .replace(/\u06c0/g, 'ه\u0654')
    .replace(/\u0640/g, '')
    .replace(INVISIBLES, '')
    .replace(STRAY_ZWJ, '')
    .replace(/\u200c{2,}/g, ZWNJ)
    .replace(EDGE_ZWNJ, '');
  text = normalizeWhitespace(text);
  if (options.digits === 'ascii') text = toAsciiDigits(text);
  else if (options.digits === 'persian') text = toPersianDigits(text);
  return text;
}

// Spaces of every kind become one ASCII space; line breaks survive (comments have paragraphs)
// but at most one empty line is kept between them.
function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Builds a matching key for search, de-duplication and classification: normalizePersian, then
 * lower case, ASCII digits, no diacritics, no ZWNJ, hamza/madda forms folded, punctuation as spaces.
 */
export function normalizeForSearch(input: string): string {
  let text = normalizePersian(input, { digits: 'ascii' }).toLowerCase();
  // NFD splits آ أ إ ؤ ئ and Latin accented letters into a base letter and a mark that is
  // removed next, so "آب" matches "اب" and "café" matches "cafe".
  text = text
    .normalize('NFD')
    .replace(/[\u064b-\u065f\u0670\u0300-\u036f]/g, '')
    .replace(/ٱ/g, 'ا')
    .replace(/[يى]/g, 'ی') // ئ decomposes to Arabic ي + hamza
    .replace(/ة/g, 'ه')
    .replace(/\p{Cf}/gu, '') // ZWNJ and the ZWJ of emoji: "می‌خواهم" and "میخواهم" match
    .replace(/(\d)[,٬](?=\d{3}(?!\d))/g, '$1') // 1,000 and ۱٬۰۰۰ become 1000
    .replace(/(?<=\d)٫(?=\d)/g, '.')
    // Punctuation and symbols become spaces, except a decimal point inside a number.
    .replace(/((?<=\d)\.(?=\d))|[\p{P}\p{S}]/gu, (_, decimal?: string) => (decimal ? '.' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text.normalize('NFC');
}
