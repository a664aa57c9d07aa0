/** One run of a diff: text kept, inserted or deleted. */
export type DiffRun = { op: 'equal' | 'insert' | 'delete'; text: string };

/** Beyond this many token pairs the diff gives up on detail and shows a whole replacement. */
const MAX_CELLS = 4_000_000;

/**
 * Splits text into words and the whitespace between them, so runs rejoin to the exact text.
 * ZWNJ (نیم‌فاصله) stays inside its word: «می‌شود» is one word.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

/**
 * A word-level diff of two texts (longest common subsequence of tokens), as runs that rejoin to
 * `before` (equal + delete) and to `after` (equal + insert). Adjacent runs of one kind are merged.
 * Very long texts whose token grid would exceed MAX_CELLS come back as one delete and one insert.
 */
export function diffWords(before: string, after: string): DiffRun[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common head and tail cost nothing and shrink the grid.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  const runs: DiffRun[] = [];
  const push = (op: DiffRun['op'], text: string) => {
    if (text === '') return;
    const last = runs[runs.length - 1];
    if (last?.op === op) last.text += text;
    else runs.push({ op, text });
  };
  push('equal', a.slice(0, head).join(''));
  if (midA.length * midB.length > MAX_CELLS) {
    push('delete', midA.join(''));
    push('insert', midB.join(''));
  } else {
    for (const run of lcsRuns(midA, midB)) push(run.op, run.text);
  }
  push('equal', a.slice(a.length - tail).join(''));
  return runs;
}

function lcsRuns(a: string[], b: string[]): DiffRun[] {
  const runs: DiffRun[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonSubsequence(a, b), [a.length, b.length] as const]) {
    while (i < pi) runs.push({ op: 'delete', text: a[i++] });
    while (j < pj) runs.push({ op: 'insert', text: b[j++] });
    if (pi < a.length) runs.push({ op: 'equal', text: a[pi] });
    i = pi + 1;
    j = pj + 1;
  }
  return runs;
}

/**
 * Index pairs `[i, j]` (a[i] === b[j]) of a longest common subsequence of two lists, in order;
 * O(n·m) time and memory, so callers bound the sizes.
 */
export function commonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // lengths[i * width + j] = LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/**
 * How alike two texts are, from 0 to 1: the Dice coefficient of their word sets. Used to pair a
 * reworded paragraph with its earlier version.
 */
export function wordSimilarity(a: string, b: string): number {
  const words = (text: string) => new Set(text.split(/\s+/u).filter((w) => w !== ''));
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return (2 * shared) / (x.size + y.size);
}
