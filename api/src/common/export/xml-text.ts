// Everything XML 1.0 allows in a document; with the `u` flag a lone surrogate is a code point of
// its own outside these ranges, so it is removed as well.
const ILLEGAL_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Spreadsheet readers decode `_xHHHH_` in cell text as a character; a literal one must be escaped
// by escaping its underscore, or "_x0041_" typed by a user would come back as "A".
const OOXML_CHAR_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

/** The text with characters that XML 1.0 forbids removed (control characters, lone surrogates). */
export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL_IN_XML, '');
}

/** The text made safe for XML character data and attribute values (`& < > " '` escaped). */
export function escapeXml(text: string): string {
  return stripIllegalXml(text).replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** The text of a spreadsheet cell as XML: escaped, and literal `_xHHHH_` sequences protected. */
export function escapeCellText(text: string): string {
  return escapeXml(text.replace(OOXML_CHAR_ESCAPE, '_x005F_$1'));
}
