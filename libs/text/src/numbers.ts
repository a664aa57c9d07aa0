import { toAsciiDigits } from './digits';

// Group separators people type: ASCII comma, Arabic thousands separator (٬ U+066C) and the
// Arabic comma (، U+060C, what the comma key gives on a Persian keyboard). The Arabic decimal
// separator (٫ U+066B) is NOT a group separator: "۱٫۵" is 1.5, so it makes the input non-integer.
const GROUP_SEPARATOR = /[,٬،]/;

/**
 * Parses an integer typed with ASCII, Persian or Arabic-Indic digits and optional thousands
 * separators ("۱٬۲۳۴", "1,234", "-۵"); returns null for anything else, including decimals.
 */
export function parseLocalizedInteger(input: string): number | null {
  let text = toAsciiDigits(input)
    .replace(/[\u200c\u200e\u200f\u061c]/g, '')
    .trim();
  let sign = 1;
  if (/^[-\u2212]/.test(text)) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^\d/.test(text)) return null;
  if (GROUP_SEPARATOR.test(text)) {
    // Groups must be real thousands groups, so "1,2" (probably a typo or a list) is rejected.
    const groups = text.split(GROUP_SEPARATOR);
    const [head, ...rest] = groups;
    if (!/^\d{1,3}$/.test(head) || !rest.every((g) => /^\d{3}$/.test(g))) return null;
    text = groups.join('');
  }
  if (!/^\d+$/.test(text)) return null;
  const value = sign * Number(text);
  return Number.isSafeInteger(value) ? value + 0 : null;
}
