import { AGE_BANDS, POPULATION_AGE_BANDS, type TDistrictPopulation } from '@hamandishi/contracts';

// Post-stratification weights over district × gender × age band.
//
// The population figures are per district: a total, men and women, and the five age bands, but
// not their joint counts. A cell's population is therefore estimated as
//   total(d) × share of gender g in d × share of band a in d
// (gender and age taken as independent within a district). Only male/female respondents with a
// district that has figures, an age band and a gender are weighted ("weighted respondents");
// everyone else keeps weight 1.
//
// weight(cell) = population share of the cell / sample share of the cell, both shares taken over
// the strata that have respondents, so the weighted sample matches the population where it can.
//
// Collapsing: a cell with population but no respondent cannot be weighted on its own. Then the
// whole district × gender is weighted on its marginal (population share of d × g / sample share
// of d × g) for all its respondents; when a gender of the district has population but no
// respondent, the whole district is weighted on its district marginal. A district without any
// respondent drops out (its share goes to the others through the renormalisation).
//
// Capping: weights are trimmed to [1/CAP, CAP] and renormalised to a mean of 1 over the weighted
// respondents, repeated until stable (a few rounds), so a lone respondent of a large group cannot
// dominate the results.

/** The largest weight (and 1 / the smallest) a respondent can get. */
export const WEIGHT_CAP = 5;

/** Respondents of one cell of the sample. */
export type SampleCell = { districtId: string; gender: string; ageBand: string; respondents: number };
/** A cell's weight. */
export type CellWeight = SampleCell & { weight: number; capped: boolean };
/** The weights and how they were made. */
export type WeightScheme = { cells: CellWeight[]; collapsed: number; weightedRespondents: number };

const WEIGHTED_GENDERS = ['male', 'female'] as const;

/** A district's estimated population per gender × age band (null when its figures lack the split). */
export function populationCells(p: TDistrictPopulation): Map<string, number> | null {
  const men = p.male ?? 0;
  const women = p.female ?? 0;
  const bands = POPULATION_AGE_BANDS.map((b) => p[b] ?? 0);
  const bandTotal = bands.reduce((s, n) => s + n, 0);
  if (men + women === 0 || bandTotal === 0) return null;
  const cells = new Map<string, number>();
  for (const [g, count] of [['male', men], ['female', women]] as const) {
    AGE_BANDS.forEach((band, i) => cells.set(`${g}|${band}`, p.total * (count / (men + women)) * (bands[i] / bandTotal)));
  }
  return cells;
}

/** The post-stratification weights of a sample's cells against the districts' population figures. */
export function poststratify(sample: SampleCell[], populations: Map<string, TDistrictPopulation>): WeightScheme {
  const byDistrict = new Map<string, Map<string, number>>();
  for (const [districtId, p] of populations) {
    const cells = populationCells(p);
    if (cells) byDistrict.set(districtId, cells);
  }
  const eligible = sample.filter(
    (c) => c.respondents > 0 && byDistrict.has(c.districtId) && (WEIGHTED_GENDERS as readonly string[]).includes(c.gender) && (AGE_BANDS as readonly string[]).includes(c.ageBand),
  );
  const sampleTotal = eligible.reduce((s, c) => s + c.respondents, 0);
  if (sampleTotal === 0) return { cells: [], collapsed: 0, weightedRespondents: 0 };

  const count = new Map(eligible.map((c) => [`${c.districtId}|${c.gender}|${c.ageBand}`, c.respondents]));
  const sampled = (d: string, g?: string, a?: string) =>
    eligible.filter((c) => c.districtId === d && (g === undefined || c.gender === g) && (a === undefined || c.ageBand === a)).reduce((s, c) => s + c.respondents, 0);
  const pop = (d: string, g?: string, a?: string) => {
    let sum = 0;
    for (const [key, n] of byDistrict.get(d)!) {
      const [cg, ca] = key.split('|');
      if ((g === undefined || cg === g) && (a === undefined || ca === a)) sum += n;
    }
    return sum;
  };

  // The raw (population / sample) ratio of each respondent cell, collapsed where needed.
  const ratio = new Map<string, number>();
  let collapsed = 0;
  const districts = [...new Set(eligible.map((c) => c.districtId))];
  for (const d of districts) {
    for (const g of WEIGHTED_GENDERS) for (const a of AGE_BANDS) if (pop(d, g, a) > 0 && !count.has(`${d}|${g}|${a}`)) collapsed++;
    const genderMissing = WEIGHTED_GENDERS.some((g) => pop(d, g) > 0 && sampled(d, g) === 0);
    if (genderMissing) {
      for (const c of eligible.filter((c) => c.districtId === d)) ratio.set(`${d}|${c.gender}|${c.ageBand}`, pop(d) / sampled(d));
      continue;
    }
    for (const g of WEIGHTED_GENDERS) {
      const bandMissing = AGE_BANDS.some((a) => pop(d, g, a) > 0 && !count.has(`${d}|${g}|${a}`));
      for (const a of AGE_BANDS) {
        const key = `${d}|${g}|${a}`;
        if (!count.has(key)) continue;
        ratio.set(key, bandMissing ? pop(d, g) / sampled(d, g) : pop(d, g, a) / count.get(key)!);
      }
    }
  }

  // Normalise to a mean weight of 1 over the weighted respondents, then cap and renormalise.
  const keys = [...ratio.keys()];
  let weights = new Map(keys.map((k) => [k, ratio.get(k)!]));
  const normalise = () => {
    const total = keys.reduce((s, k) => s + weights.get(k)! * count.get(k)!, 0);
    weights = new Map(keys.map((k) => [k, (weights.get(k)! * sampleTotal) / total]));
  };
  normalise();
  const cappedKeys = new Set<string>();
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const k of keys) {
      const w = weights.get(k)!;
      const bounded = Math.min(WEIGHT_CAP, Math.max(1 / WEIGHT_CAP, w));
      if (Math.abs(bounded - w) > 1e-9) {
        weights.set(k, bounded);
        cappedKeys.add(k);
        changed = true;
      }
    }
    if (!changed) break;
    normalise();
  }

  const cells = keys.map((k) => {
    const [districtId, gender, ageBand] = k.split('|');
    return { districtId, gender, ageBand, respondents: count.get(k)!, weight: weights.get(k)!, capped: cappedKeys.has(k) };
  });
  return { cells, collapsed, weightedRespondents: sampleTotal };
}
