import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { commonSubsequence, normalizeForSearch, wordSimilarity } from '@hamandishi/text';
import { paragraphAnchor } from './paragraph-anchor';

/** What alignment needs of a block: its comparison key and its text. */
export type AlignableBlock = { key: string; text: string };

/** How one block of the newer edition stands to the older one. */
export type BlockMatch = { oldIndex: number; change: 'unchanged' | 'modified' } | { oldIndex: null; change: 'new' };

/** One step of reading both editions side by side, in the newer edition's order. */
export type AlignmentStep = { oldIndex: number | null; newIndex: number | null };

/** Two paragraphs this alike (word Dice) count as one paragraph reworded rather than one removed and one added. */
export const REWORDING_SIMILARITY = 0.5;

/**
 * Aligns the blocks of two editions:
 * - blocks with the same key (same kind and text, up to spelling variants) are matched as
 *   unchanged along a longest common subsequence;
 * - a block whose exact text stands elsewhere in the older edition (moved) is matched to it too;
 * - between two in-order matches, a new block is paired with the most similar unmatched old block
 *   when they share at least REWORDING_SIMILARITY of their words (modified).
 * `steps` reads both editions in the newer order, removed old blocks where they stood.
 */
export function alignBlocks(
  older: AlignableBlock[],
  newer: AlignableBlock[],
): { matches: BlockMatch[]; steps: AlignmentStep[] } {
  const pairs = commonSubsequence(
    older.map((b) => b.key),
    newer.map((b) => b.key),
  );
  const matches: BlockMatch[] = newer.map(() => ({ oldIndex: null, change: 'new' }));
  for (const [o, n] of pairs) matches[n] = { oldIndex: o, change: 'unchanged' };
  const used = new Set(pairs.map(([o]) => o));
  pairMoved(older, newer, matches, used);
  let oldAt = 0;
  let newAt = 0;
  for (const [oldEnd, newEnd] of [...pairs, [older.length, newer.length] as const]) {
    pairReworded(older, newer, oldAt, oldEnd, newAt, newEnd, matches, used);
    oldAt = oldEnd + 1;
    newAt = newEnd + 1;
  }
  return { matches, steps: stepsOf(older.length, matches, used) };
}

/** An unmatched block whose exact key an unmatched old block has was moved, not rewritten. */
function pairMoved(older: AlignableBlock[], newer: AlignableBlock[], matches: BlockMatch[], used: Set<number>): void {
  const unusedByKey = new Map<string, number[]>();
  older.forEach((b, o) => {
    if (!used.has(o)) unusedByKey.set(b.key, [...(unusedByKey.get(b.key) ?? []), o]);
  });
  matches.forEach((match, n) => {
    const o = match.oldIndex === null ? unusedByKey.get(newer[n].key)?.shift() : undefined;
    if (o === undefined) return;
    matches[n] = { oldIndex: o, change: 'unchanged' };
    used.add(o);
  });
}

/** Within one gap between in-order matches, pairs each new block with its most similar unused old one. */
function pairReworded(
  older: AlignableBlock[],
  newer: AlignableBlock[],
  oldFrom: number,
  oldTo: number,
  newFrom: number,
  newTo: number,
  matches: BlockMatch[],
  used: Set<number>,
): void {
  // Nothing to pair with (a first edition, or a gap only the new edition has): no text to normalise.
  if (oldFrom >= oldTo) return;
  const search = older.slice(oldFrom, oldTo).map((b) => normalizeForSearch(b.text));
  for (let n = newFrom; n < newTo; n++) {
    if (matches[n].oldIndex !== null) continue;
    const text = normalizeForSearch(newer[n].text);
    let best = -1;
    let bestScore = REWORDING_SIMILARITY;
    for (let o = oldFrom; o < oldTo; o++) {
      if (used.has(o) || kindOf(older[o].key) !== kindOf(newer[n].key)) continue;
      const score = wordSimilarity(search[o - oldFrom], text);
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = o;
        bestScore = score;
      }
    }
    if (best >= 0) {
      used.add(best);
      matches[n] = { oldIndex: best, change: 'modified' };
    }
  }
}

/**
 * Both editions side by side in the newer order: an old block not matched by any new one is
 * listed as removed where it stood, before the added blocks that took its place; a moved block
 * shows once, where it stands now.
 */
function stepsOf(olderLength: number, matches: BlockMatch[], used: Set<number>): AlignmentStep[] {
  const steps: AlignmentStep[] = [];
  let nextOld = 0;
  const flushUntil = (end: number) => {
    for (; nextOld < end; nextOld++) if (!used.has(nextOld)) steps.push({ oldIndex: nextOld, newIndex: null });
  };
  matches.forEach((match, n) => {
    if (match.oldIndex !== null && match.oldIndex >= nextOld) {
      flushUntil(match.oldIndex);
      nextOld = match.oldIndex + 1;
    } else if (match.oldIndex === null) {
      // A plain scan, not slice().find(): a first edition of 2000 new blocks would copy the rest
      // of the list 2000 times while other requests wait.
      let later: number | null = null;
      for (let k = n + 1; k < matches.length && later === null; k++) {
        const oldIndex = matches[k].oldIndex;
        if (oldIndex !== null && oldIndex >= nextOld) later = oldIndex;
      }
      flushUntil(later ?? olderLength);
    }
    steps.push({ oldIndex: match.oldIndex, newIndex: n });
  });
  flushUntil(olderLength);
  return steps;
}

const kindOf = (key: string) => key.slice(0, key.indexOf('\n'));

/**
 * Anchors for the newer edition's blocks: a block matched to an older one keeps the older anchor
 * (so links and carried comments follow a reworded paragraph); the others get an anchor from
 * their text, numbered past any anchor already taken.
 */
export function anchorsFor(newer: AlignableBlock[], matches: BlockMatch[], olderAnchors: string[]): string[] {
  const anchorOf = anchorAssigner(matches, olderAnchors);
  return newer.map((block, i) => anchorOf(i, block.key));
}

/**
 * anchorsFor, handing the event loop back every `slice` blocks: each new anchor hashes the
 * block's search key, and a long first edition has 2000 of them.
 */
export async function anchorsForInSlices(
  newer: AlignableBlock[],
  matches: BlockMatch[],
  olderAnchors: string[],
  slice = 100,
): Promise<string[]> {
  const anchorOf = anchorAssigner(matches, olderAnchors);
  const anchors: string[] = [];
  for (let i = 0; i < newer.length; i++) {
    anchors.push(anchorOf(i, newer[i].key));
    if ((i + 1) % slice === 0) await yieldToEventLoop();
  }
  return anchors;
}

/** The anchor of the i-th new block, called in order; inherited anchors are taken from the start. */
function anchorAssigner(matches: BlockMatch[], olderAnchors: string[]): (i: number, key: string) => string {
  const inherited = matches.map((m) => (m.oldIndex === null ? null : olderAnchors[m.oldIndex]));
  const taken = new Set(inherited.filter((a): a is string => a !== null));
  const occurrences = new Map<string, number>();
  return (i, key) => {
    if (inherited[i] !== null) return inherited[i];
    let occurrence = occurrences.get(key) ?? 0;
    let anchor: string;
    do {
      occurrence++;
      anchor = paragraphAnchor(key, occurrence);
    } while (taken.has(anchor));
    occurrences.set(key, occurrence);
    taken.add(anchor);
    return anchor;
  };
}

/** Anchors for section headings: from their text, numbered for repeats; the untitled opening section is "start". */
export function sectionAnchors(headings: (string | null)[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((heading) => {
    if (heading === null) return 'start';
    const key = `h\n${normalizeForSearch(heading)}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `s${paragraphAnchor(key, occurrence)}`;
  });
}
