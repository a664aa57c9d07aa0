/** Below this many tagged demands the classifier does not guess ("not enough tagged demands yet"). */
export const MIN_TAGGED_DEMANDS = 30;
/** A theme is learnt only with at least this many tagged demands... */
export const MIN_PER_THEME = 5;
/** ...and at least this many themes must be learnt, or there is nothing to choose between. */
export const MIN_THEMES = 2;
/** Retrain when planner-decided tags grew by this share since the last model... */
export const RETRAIN_GROWTH_SHARE = 0.1;
/** ...or by this many, whichever comes first. */
export const RETRAIN_GROWTH_COUNT = 50;
/** Share of the tagged demands held out to measure macro-F1. */
export const HELD_OUT_SHARE = 0.2;
/** The seed of the held-out split: the same data gives the same split and the same figure. */
export const SPLIT_SEED = 13;
/**
 * A theme is suggested from this confidence up. With one-vs-all, each theme's confidence is its own
 * sigmoid, so 0.5 reads "more likely than not" whatever the other themes score.
 */
export const SUGGESTION_THRESHOLD = 0.5;
/** At most this many suggested themes per demand. */
export const SUGGESTIONS_PER_DEMAND = 3;

/** Tagged demands per theme: enough to learn, and which themes can be learnt. */
export function learnableThemes(perTheme: ReadonlyMap<string, number>, taggedDemands: number): { isEnough: boolean; themes: string[] } {
  const themes = [...perTheme].filter(([, n]) => n >= MIN_PER_THEME).map(([t]) => t).sort();
  return { isEnough: taggedDemands >= MIN_TAGGED_DEMANDS && themes.length >= MIN_THEMES, themes };
}

/** Whether the tags grew enough since the last model (`null`: there is none) to train again. */
export function shouldRetrain(tagsNow: number, tagsAtLastModel: number | null): boolean {
  if (tagsAtLastModel === null) return tagsNow > 0;
  const growth = tagsNow - tagsAtLastModel;
  return growth >= RETRAIN_GROWTH_COUNT || (growth > 0 && growth >= tagsAtLastModel * RETRAIN_GROWTH_SHARE);
}
