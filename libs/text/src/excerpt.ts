/**
 * The start of a text on one line, for a notification or a report cell: whitespace folded, cut to
 * at most `max` characters with an ellipsis, never inside a surrogate pair.
 */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(flat[cut - 1] ?? '')) cut--;
  return `${flat.slice(0, cut)}…`;
}
