// NUL, and a UTF-16 surrogate without its other half. JSON and JavaScript strings can carry both,
// but neither is a character: PostgreSQL refuses NUL in text and jsonb, and a lone surrogate
// cannot be encoded as UTF-8 (the driver silently turns it into U+FFFD, jsonb refuses it).
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// The controls that reorder text around them: the embeddings and overrides LRE RLE PDF LRO RLO
// (U+202A–U+202E), the isolates LRI RLI FSI PDI (U+2066–U+2069) and the marks LRM RLM ALM. In a
// name or a title they let "admin‮exe.gpj" read as something else wherever it is shown; the UI
// sets direction itself with dir="auto", so no honest name needs them.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

// Control characters other than tab and line breaks (C0, DEL, C1): invisible, never typed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// String.prototype.isWellFormed (Node 20, browsers since 2023) finds lone surrogates natively,
// about four times faster than the regex on long text; older browsers use the regex.
const isWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/** Whether a string can be stored as text: no NUL and no half of a surrogate pair. */
export function isStorableText(input: string): boolean {
  if (isWellFormed) return isWellFormed.call(input) && !input.includes('\u0000');
  return !UNSTORABLE.test(input);
}

/** Whether a string holds a bidi embedding, override, isolate or direction mark. */
export function hasBidiControls(input: string): boolean {
  return BIDI_CONTROLS.test(input);
}

/** Whether a string holds a control character other than tab, line feed and carriage return. */
export function hasControlCharacters(input: string): boolean {
  return CONTROLS.test(input);
}
