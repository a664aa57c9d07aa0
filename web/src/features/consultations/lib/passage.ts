import type { TPassage } from '@hamandishi/contracts';

/** One end of a DOM selection: a node and an offset inside it (as in `Range`). */
export type BoundaryPoint = { node: Node; offset: number };

/**
 * The UTF-16 offset of a boundary point inside `root`, counting only text nodes: the same
 * numbering as `root.textContent`, so a block rendered as its raw text maps 1:1 to its `text`
 * (highlight marks may split it into several text nodes; that changes nothing). Null when the
 * point is outside `root`.
 */
export function textOffsetWithin(root: Node, point: BoundaryPoint): number | null {
  if (point.node !== root && !root.contains(point.node)) return null;
  const range = (root.ownerDocument ?? document).createRange();
  range.setStart(root, 0);
  range.setEnd(point.node, point.offset);
  // Range text is the text nodes' data, concatenated: exactly `textContent` numbering.
  return range.toString().length;
}

/**
 * The passage of `text` between two offsets, with surrounding white space left out (a double
 * click often takes the following space). Characters are kept exactly as they are: a Persian
 * zero-width non-joiner (U+200C) counts as one, never normalised away. Null when nothing but
 * white space is selected.
 */
export function passageFromOffsets(text: string, from: number, to: number): TPassage | null {
  let start = Math.max(0, Math.min(from, to));
  let end = Math.min(text.length, Math.max(from, to));
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  if (end <= start) return null;
  return { start, end, quote: text.slice(start, end) };
}

/**
 * The passage a DOM range selects inside the block text element `root` whose raw text is
 * `text`; null when the range leaves the element or selects only white space.
 */
export function passageFromRange(
  root: Node,
  text: string,
  range: Pick<Range, 'startContainer' | 'startOffset' | 'endContainer' | 'endOffset'>,
): TPassage | null {
  const start = textOffsetWithin(root, { node: range.startContainer, offset: range.startOffset });
  const end = textOffsetWithin(root, { node: range.endContainer, offset: range.endOffset });
  if (start === null || end === null) return null;
  return passageFromOffsets(text, start, end);
}

/** The text split around a passage, for highlighting it; the whole text when the passage does not fit. */
export function splitAtPassage(
  text: string,
  passage: Pick<TPassage, 'start' | 'end'> | null,
): [string, string, string] {
  if (!passage || passage.start < 0 || passage.end > text.length || passage.end <= passage.start) return [text, '', ''];
  return [text.slice(0, passage.start), text.slice(passage.start, passage.end), text.slice(passage.end)];
}
