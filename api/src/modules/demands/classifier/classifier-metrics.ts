/** Precision, recall and F1 of one label on the held-out set. */
export type LabelScore = { precision: number; recall: number; f1: number; support: number };

/** The held-out accuracy of a model: macro-F1 and the score of each label. */
export type Evaluation = { macroF1: number; perLabel: Record<string, LabelScore> };

/**
 * Macro-F1 of a multi-label prediction: F1 per label from its true/false positives and false
 * negatives, averaged with equal weight over `labels`, so a small theme counts as much as a big one
 * (a model that only knows "traffic" must not look good). A label never predicted and never true
 * scores 1 (nothing to get wrong); one with no prediction but true examples scores 0.
 */
export function macroF1(truth: readonly (readonly string[])[], predicted: readonly (readonly string[])[], labels: readonly string[]): Evaluation {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const counts = new Map(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  for (let i = 0; i < truth.length; i++) {
    const real = new Set(truth[i]);
    const guessed = new Set(predicted[i]);
    for (const l of guessed) {
      const c = counts.get(l);
      if (!c) continue;
      if (real.has(l)) c.tp++;
      else c.fp++;
    }
    for (const l of real) {
      const c = counts.get(l);
      if (c && !guessed.has(l)) c.fn++;
    }
  }
  const perLabel: Record<string, LabelScore> = {};
  let sum = 0;
  for (const [label, { tp, fp, fn }] of counts) {
    const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
    const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support: tp + fn };
    sum += f1;
  }
  return { macroF1: counts.size === 0 ? 0 : sum / counts.size, perLabel };
}
