import type { TDistrictPopulation } from '@hamandishi/contracts';
import { poststratify, populationCells, WEIGHT_CAP } from './weights';

/** A district's figures: half men, half women; half 18–29, half 30–44. */
const population = (districtId: string, total: number): TDistrictPopulation => ({
  districtId,
  sourceYear: 1405,
  total,
  male: total / 2,
  female: total / 2,
  ageUnder18: 0,
  age18to29: total / 2,
  age30to44: total / 2,
  age45to59: 0,
  age60plus: 0,
  updatedAt: '2026-01-01T00:00:00Z',
});
const cell = (districtId: string, gender: string, ageBand: string, respondents: number) => ({ districtId, gender, ageBand, respondents });
const weightOf = (s: ReturnType<typeof poststratify>, d: string, g: string, a: string) => s.cells.find((c) => c.districtId === d && c.gender === g && c.ageBand === a)?.weight;
const mean = (s: ReturnType<typeof poststratify>) => s.cells.reduce((sum, c) => sum + c.weight * c.respondents, 0) / s.weightedRespondents;

describe('post-stratification weights', () => {
  const populations = new Map([
    ['d1', population('d1', 1000)],
    ['d2', population('d2', 3000)],
  ]);

  it('estimates a district’s gender × age cells from its marginals', () => {
    const cells = populationCells(population('d1', 1000))!;
    expect(cells.get('female|18_29')).toBe(250);
    expect(cells.get('male|60_plus')).toBe(0);
    expect(populationCells({ ...population('d1', 1000), male: null, female: null })).toBeNull();
  });

  it('weighs each cell by population share over sample share, with a mean of 1', () => {
    const sample = ['female', 'male'].flatMap((g) => ['18_29', '30_44'].flatMap((a) => [cell('d1', g, a, 2), cell('d2', g, a, 1)]));
    const s = poststratify(sample, populations);
    // d1 cells: (250 / 4000) / (2 / 12) = 0.375; d2 cells: (750 / 4000) / (1 / 12) = 2.25.
    expect(weightOf(s, 'd1', 'female', '18_29')).toBeCloseTo(0.375);
    expect(weightOf(s, 'd2', 'male', '30_44')).toBeCloseTo(2.25);
    expect(s).toMatchObject({ collapsed: 0, weightedRespondents: 12 });
    expect(mean(s)).toBeCloseTo(1);
  });

  it('collapses an empty cell into its district × gender, and a missing gender into the district', () => {
    const sample = [
      cell('d1', 'female', '18_29', 2), // female 30–44 of d1 has nobody: d1 women weighted together
      cell('d1', 'male', '18_29', 1),
      cell('d1', 'male', '30_44', 1),
      cell('d2', 'female', '18_29', 1), // no man of d2: d2 weighted as a whole
      cell('d2', 'female', '30_44', 1),
    ];
    const s = poststratify(sample, populations);
    // Raw ratios: d1 women 500 / 2, d1 men 250 / 1, d2 3000 / 2; scaled to a mean of 1 over 6.
    expect(weightOf(s, 'd1', 'female', '18_29')).toBeCloseTo(0.375);
    expect(weightOf(s, 'd1', 'male', '30_44')).toBeCloseTo(0.375);
    expect(weightOf(s, 'd2', 'female', '30_44')).toBeCloseTo(2.25);
    expect(s.collapsed).toBe(3);
    expect(mean(s)).toBeCloseTo(1);
  });

  it('caps extreme weights and keeps the mean at 1', () => {
    const big = new Map([
      ['d1', population('d1', 100)],
      ['d2', population('d2', 10_000)],
    ]);
    const sample = ['female', 'male'].flatMap((g) => ['18_29', '30_44'].flatMap((a) => [cell('d1', g, a, 10), cell('d2', g, a, 1)]));
    const s = poststratify(sample, big);
    expect(weightOf(s, 'd2', 'female', '18_29')).toBeCloseTo(WEIGHT_CAP, 2);
    expect(weightOf(s, 'd1', 'male', '18_29')).toBeCloseTo(0.6, 2);
    expect(s.cells.every((c) => c.weight <= WEIGHT_CAP + 1e-3)).toBe(true);
    expect(s.cells.filter((c) => c.capped).map((c) => c.districtId)).toContain('d2');
    expect(mean(s)).toBeCloseTo(1);
  });

  it('leaves out respondents it cannot weigh', () => {
    const s = poststratify([cell('d1', 'other', '18_29', 3), cell('d9', 'male', '18_29', 2)], populations);
    expect(s).toEqual({ cells: [], collapsed: 0, weightedRespondents: 0 });
  });
});
