import { normalizeForSearch } from '@hamandishi/text';

/** The prefix fastText reads as "this word is a label". */
export const LABEL_PREFIX = '__label__';

/**
 * The text fastText learns from and predicts on: normalizeForSearch (ي/ی, ك/ک, ZWNJ, diacritics,
 * hamza forms, digits as ASCII, punctuation as spaces), then every number as one token "0", so "خط
 * ۱۲" and "خط 7" share a feature and a house number never becomes a word of its own. One line: fastText
 * reads a sample per line. A citizen cannot smuggle a label in: the prefix is taken out of the text.
 */
export function featureText(text: string): string {
  return normalizeForSearch(text)
    .replace(/__label__/g, ' ')
    .replace(/[0-9]+(?:[.,/][0-9]+)*/g, ' 0 ')
    .replace(/_+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One training line: the labels first, then the features. */
export function trainingLine(labels: readonly string[], text: string): string {
  return `${labels.map((l) => LABEL_PREFIX + l).join(' ')} ${featureText(text)}`;
}
