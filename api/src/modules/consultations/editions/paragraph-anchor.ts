import { createHash } from 'node:crypto';
import { normalizeForSearch } from '@hamandishi/text';

/**
 * A stable anchor for a block: derived from its text's search key (so spelling variants like
 * Arabic ي/ك or a missing ZWNJ do not move it) and its occurrence among blocks with the same key,
 * never from its position, so the same paragraph keeps its anchor in the next edition.
 */
export function paragraphAnchor(text: string, occurrence: number): string {
  const digest = createHash('sha256').update(normalizeForSearch(text), 'utf8').digest('hex');
  return `${digest.slice(0, 8)}-${occurrence}`;
}
