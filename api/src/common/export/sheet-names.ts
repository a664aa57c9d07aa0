import { stripIllegalXml } from './xml-text';

const MAX_LENGTH = 31;
// Characters Excel refuses in a sheet name; the other control characters go with stripIllegalXml.
const FORBIDDEN = /[[\]:*?/\\\t\n\r\u007F]/g;
// Excel reserves this name for its change-tracking sheet.
const RESERVED = 'history';

/**
 * Sheet names Excel accepts, one per requested name and in the same order: forbidden characters
 * removed, no leading or trailing apostrophe, at most 31 characters, unique ignoring case
 * (a clash gets " (2)", " (3)", ...), and "Sheet<n>" when nothing usable is left.
 */
export function uniqueSheetNames(requested: string[]): string[] {
  const taken = new Set<string>();
  return requested.map((name, index) => {
    const base = cleanSheetName(name) || `Sheet${index + 1}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()) || candidate.toLowerCase() === RESERVED; n++) {
      const suffix = ` (${n})`;
      candidate = truncate(base, MAX_LENGTH - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function cleanSheetName(name: string): string {
  const cleaned = stripIllegalXml(name)
    .replace(FORBIDDEN, '')
    .trim()
    .replace(/^'+|'+$/g, '');
  return truncate(cleaned, MAX_LENGTH).replace(/'+$/, '').trim();
}

// Cuts at a code point boundary so a character outside the BMP is never split in half.
function truncate(text: string, maxUnits: number): string {
  let result = '';
  for (const char of text) {
    if (result.length + char.length > maxUnits) break;
    result += char;
  }
  return result;
}
