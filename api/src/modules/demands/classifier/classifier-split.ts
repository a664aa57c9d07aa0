/** A tagged demand as the classifier learns from it. */
export type Sample = { text: string; labels: string[] };

/** A small seeded generator (mulberry32): the same seed gives the same split on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits samples into training and held-out sets, stratified: each sample is placed by its rarest
 * label (multi-label samples would otherwise starve the small themes of held-out examples), and each
 * stratum gives `testShare` of its samples (at least one when it has two or more) to the held-out
 * set. Deterministic for a seed, so a model's macro-F1 can be reproduced.
 */
export function stratifiedSplit<T extends Sample>(samples: readonly T[], testShare: number, seed: number): { train: T[]; test: T[] } {
  const frequency = new Map<string, number>();
  for (const s of samples) for (const l of s.labels) frequency.set(l, (frequency.get(l) ?? 0) + 1);
  const strata = new Map<string, T[]>();
  for (const s of samples) {
    const rarest = [...s.labels].sort((a, b) => (frequency.get(a)! - frequency.get(b)!) || (a < b ? -1 : a > b ? 1 : 0))[0] ?? '';
    const list = strata.get(rarest) ?? [];
    list.push(s);
    strata.set(rarest, list);
  }
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const key of [...strata.keys()].sort()) {
    const list = [...strata.get(key)!];
    // Fisher–Yates with the seeded generator.
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    const share = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * testShare));
    test.push(...list.slice(0, share));
    train.push(...list.slice(share));
  }
  return { train, test };
}
