import type { TSurveyDefinition } from '@hamandishi/contracts';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { DEMOGRAPHIC_CELL_SQL } from '../../../migrations/1765500000000-SurveyAnswerFactDemographicCell';
import * as demographicCell from '../../src/modules/surveys/results/demographic-cell';
import { buildSurvey, plannerOf, submit, surveyPath } from './survey-helpers';

const t3 = (fa: string) => ({ fa });
const opt = (id: string) => ({ id, label: t3(id) });

/** A survey of every aggregated kind, and a question shown only to car drivers. */
const DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      questions: [
        { id: 'transport', type: 'single_choice', title: t3('وسیله رفت‌وآمد'), options: [opt('bus'), opt('metro'), opt('car')], allowOther: true },
        { id: 'why_car', type: 'short_text', title: t3('چرا خودرو؟'), showIf: { combine: 'all', rules: [{ op: 'equals', question: 'transport', value: 'car' }] } },
        { id: 'needs', type: 'multiple_choice', title: t3('نیازها'), options: [opt('park'), opt('school'), opt('clinic')] },
        { id: 'satisfied', type: 'likert', title: t3('رضایت'), points: 5 },
        { id: 'priorities', type: 'ranking', title: t3('اولویت‌ها'), options: [opt('a'), opt('b'), opt('c')] },
        { id: 'household', type: 'number', title: t3('بعد خانوار'), min: 1, max: 20, integer: true },
        { id: 'quality', type: 'matrix_single', title: t3('کیفیت'), rows: [opt('water'), opt('power')], columns: [opt('good'), opt('bad')] },
        { id: 'zone', type: 'map_area', title: t3('محدوده') },
        { id: 'spot', type: 'map_point', title: t3('نقطه') },
        { id: 'idea', type: 'short_text', title: t3('پیشنهاد') },
      ],
    },
  ],
};

const square = (lat: number, lng: number, size: number) => [
  { lat, lng },
  { lat, lng: lng + size },
  { lat: lat + size, lng: lng + size },
  { lat: lat + size, lng },
];

// The organisation's box is 32.15..33.15 × 51.17..52.17 (centre ± 0.5°), so a grid cell is 0.025°:
// cell = row * 40 + column. AREA_1 covers the cells whose centres are rows 20–21 × columns 20–21,
// AREA_2 rows 21–22 × columns 21–22; they overlap in cell 21 * 40 + 21 = 861.
const AREA_1 = square(32.65, 51.67, 0.05);
const AREA_2 = square(32.675, 51.695, 0.05);

type Person = { client: TestClient; accountId: string };

describe('survey results', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: TestClient;
  let activityId: string;
  let d1: string;
  let d2: string;
  const path = (rest: string) => surveyPath(org, activityId, `/results${rest}`);

  async function respondent(roles: string[], district: string, gender: string, ageBand: string): Promise<Person> {
    const person = await personWithRoles(t, org, roles, 'پاسخ‌دهنده');
    await t.db.query(`UPDATE account SET demographics_consent_at = now(), age_band = $2, gender = $3 WHERE id = $1`, [person.accountId, ageBand, gender]);
    await t.db.query(`UPDATE membership SET district_id = $3 WHERE organization_id = $1 AND account_id = $2`, [org.id, person.accountId, district]);
    return person;
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    [d1, d2] = org.districtIds;
    planner = (await plannerOf(t, org)).client;
    // District 1: 1,000 people, district 2: 3,000; half men, half women; half 18–29, half 30–44.
    for (const [id, total] of [[d1, 1000], [d2, 3000]] as const) {
      await t.db.query(
        `INSERT INTO district_population (district_id, organization_id, source_year, total, male, female, age_under_18, age_18_29, age_30_44, age_45_59, age_60_plus)
         VALUES ($1, $2, 1405, $3, $4, $4, 0, $4, $4, 0, 0)`,
        [id, org.id, total, total / 2],
      );
    }
    ({ activityId } = await buildSurvey(t, org, planner, DEFINITION, { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: true }));

    // District 1: two respondents in each gender × age cell (8), citizens: bus, park (+ school for
    // women), women 4 / men 2 on the Likert scale, ranking a > b > c, household 2, power bad, area 1.
    // District 2: one per cell (4), NGOs: metro, park, women 5 / men 1, ranking c > b > a, household 4,
    // power good, area 2. Two more decline to share demographics (though their profile has them):
    // car (with a reason), park, 3, ranking b > a > c, household 10, power good, a point, no area.
    const submitted: Promise<unknown>[] = [];
    for (const gender of ['female', 'male']) {
      for (const ageBand of ['18_29', '30_44']) {
        for (let i = 0; i < 2; i++) {
          const p = await respondent(['citizen'], d1, gender, ageBand);
          const idea = gender === 'female' && ageBand === '18_29' ? (i === 0 ? 'پارک‌های بیشتر' : 'پارك بيشتر و نیمکت') : undefined;
          submitted.push(
            submit(
              p.client,
              org,
              activityId,
              {
                transport: { choice: 'bus' },
                needs: { choices: gender === 'female' ? ['park', 'school'] : ['park'] },
                satisfied: gender === 'female' ? 4 : 2,
                priorities: ['a', 'b', 'c'],
                household: 2,
                quality: { water: 'good', power: 'bad' },
                zone: AREA_1,
                ...(idea ? { idea } : {}),
              },
              { consent: true },
            ),
          );
        }
        const p = await respondent(['citizen', 'ngo'], d2, gender, ageBand);
        submitted.push(
          submit(
            p.client,
            org,
            activityId,
            {
              transport: { choice: 'metro' },
              needs: { choices: ['park'] },
              satisfied: gender === 'female' ? 5 : 1,
              priorities: ['c', 'b', 'a'],
              household: 4,
              quality: { water: 'good', power: 'good' },
              zone: AREA_2,
            },
            { consent: true },
          ),
        );
      }
    }
    for (let i = 0; i < 2; i++) {
      const p = await respondent(['citizen'], d1, 'female', '18_29');
      submitted.push(
        submit(
          p.client,
          org,
          activityId,
          {
            transport: { choice: 'car' },
            why_car: 'ارزان‌تر است',
            needs: { choices: ['park'] },
            satisfied: 3,
            priorities: ['b', 'a', 'c'],
            household: 10,
            quality: { water: 'good', power: 'good' },
            spot: { lat: 32.66, lng: 51.68 },
          },
          { consent: false },
        ),
      );
    }
    const statuses = (await Promise.all(submitted)).map((r) => (r as { status: number }).status);
    expect(statuses).toEqual(Array(14).fill(201));

    // Not counted: a draft, and a response refused for answering a hidden question.
    const drafter = await respondent(['citizen'], d1, 'female', '18_29');
    expect((await drafter.client.put(surveyPath(org, activityId, '/response/draft'), { answers: { transport: { choice: 'car' } } })).status).toBe(200);
    const hidden = await respondent(['citizen'], d1, 'male', '18_29');
    const refused = await submit(hidden.client, org, activityId, { transport: { choice: 'bus' }, why_car: 'نه' }, { consent: true });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({ why_car: 'hidden_question' });
  });
  afterAll(() => t.close());

  const question = (body: { questions: { questionId: string }[] }, id: string) => body.questions.find((q) => q.questionId === id) as any;

  it('aggregates every question type over the submitted responses only', async () => {
    const res = await planner.get(path(''));
    expect(res.status).toBe(200);
    expect(res.body.respondents).toBe(14);
    expect(res.body.weighted).toBe(false);
    expect(question(res.body, 'transport')).toEqual({
      kind: 'choice',
      questionId: 'transport',
      answered: 14,
      options: [
        { id: 'bus', count: 8, share: 8 / 14 },
        { id: 'metro', count: 4, share: 4 / 14 },
        { id: 'car', count: 2, share: 2 / 14 },
      ],
      other: 0,
    });
    expect(question(res.body, 'why_car')).toEqual({ kind: 'text', questionId: 'why_car', answered: 2 });
    expect(question(res.body, 'needs').options).toEqual([
      { id: 'park', count: 14, share: 1 },
      { id: 'school', count: 4, share: 4 / 14 },
      { id: 'clinic', count: 0, share: 0 },
    ]);
    const likert = question(res.body, 'satisfied');
    expect(likert.mean).toBeCloseTo(3);
    expect(likert.distribution.map((d: { count: number }) => d.count)).toEqual([2, 4, 2, 4, 2]);
    // Borda: 1st = 3 points, 2nd = 2, 3rd = 1. a: 8×3 + 4×1 + 2×2 = 32 over 14 respondents.
    const ranking = question(res.body, 'priorities');
    expect(ranking.options.map((o: { id: string }) => o.id)).toEqual(['a', 'b', 'c']);
    expect(ranking.options[0].borda).toBeCloseTo(32 / 14);
    expect(ranking.options[1].borda).toBeCloseTo(30 / 14);
    expect(ranking.options[2].borda).toBeCloseTo(22 / 14);
    expect(ranking.options[0].meanRank).toBeCloseTo((8 * 1 + 4 * 3 + 2 * 2) / 14);
    const household = question(res.body, 'household');
    expect(household).toMatchObject({ answered: 14, min: 2, max: 10, median: 2, q1: 2, q3: 4 });
    expect(household.mean).toBeCloseTo(52 / 14);
    expect(household.bins.map((b: { count: number }) => b.count)).toEqual([8, 0, 4, 0, 0, 0, 0, 0, 0, 2]);
    expect(question(res.body, 'quality').cells).toEqual(
      expect.arrayContaining([
        { row: 'water', column: 'good', count: 14, share: 1 },
        { row: 'power', column: 'bad', count: 8, share: 8 / 14 },
        { row: 'power', column: 'good', count: 6, share: 6 / 14 },
      ]),
    );
    expect(question(res.body, 'zone')).toEqual({
      kind: 'map_area',
      questionId: 'zone',
      answered: 12,
      grid: [
        { cell: 820, count: 8 },
        { cell: 821, count: 8 },
        { cell: 860, count: 8 },
        { cell: 861, count: 12 },
        { cell: 862, count: 4 },
        { cell: 901, count: 4 },
        { cell: 902, count: 4 },
      ],
    });
    expect(question(res.body, 'spot')).toEqual({ kind: 'map_point', questionId: 'spot', answered: 2, points: [{ lat: 32.66, lng: 51.68 }, { lat: 32.66, lng: 51.68 }], grid: [{ cell: 820, count: 2 }] });
    expect(res.body.grid).toEqual({ minLat: 32.15, maxLat: 33.15, minLng: 51.17, maxLng: 52.17, size: 40 });
  });

  it('filters by respondent group, counting only those who consented', async () => {
    const res = await planner.get(path('?gender=female'));
    expect(res.status).toBe(200);
    // 4 + 2 consenting women; the two who declined are women in their profile but not counted.
    expect(res.body.respondents).toBe(6);
    expect(question(res.body, 'transport').options.slice(0, 3).map((o: { count: number }) => o.count)).toEqual([4, 2, 0]);
    expect(question(res.body, 'zone').grid).toContainEqual({ cell: 861, count: 6 });
    const ngo = await planner.get(path(`?capacity=ngo&district=${d2}`));
    expect(ngo.body.respondents).toBe(4);
    expect(question(ngo.body, 'transport').options[1]).toEqual({ id: 'metro', count: 4, share: 1 });
  });

  it('cross-tabulates by group with column shares', async () => {
    const res = await planner.get(path('/crosstab?question=transport&by=district'));
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(expect.arrayContaining([{ id: d1, respondents: 8 }, { id: d2, respondents: 4 }]));
    expect(res.body.groups).toHaveLength(2);
    expect(res.body.rows).toEqual([
      { id: 'bus', cells: { [d1]: { count: 8, share: 1 } } },
      { id: 'metro', cells: { [d2]: { count: 4, share: 1 } } },
    ]);
    const likert = await planner.get(path('/crosstab?question=satisfied&by=gender'));
    expect(likert.body.groups).toEqual([
      { id: 'female', respondents: 6 },
      { id: 'male', respondents: 6 },
    ]);
    expect(likert.body.rows).toEqual([
      { id: '1', cells: { male: { count: 2, share: 2 / 6 } } },
      { id: '2', cells: { male: { count: 4, share: 4 / 6 } } },
      { id: '4', cells: { female: { count: 4, share: 4 / 6 } } },
      { id: '5', cells: { female: { count: 2, share: 2 / 6 } } },
    ]);
    const filtered = await planner.get(path('/crosstab?question=needs&by=capacity&ageBand=18_29'));
    expect(filtered.body.rows).toEqual([
      { id: 'park', cells: { citizen: { count: 4, share: 1 }, ngo: { count: 2, share: 1 } } },
      { id: 'school', cells: { citizen: { count: 2, share: 0.5 } } },
    ]);
    expect((await planner.get(path('/crosstab?question=idea&by=gender'))).body.code).toBe('surveys.crosstab_unsupported');
    expect((await planner.get(path('/crosstab?question=nope&by=gender'))).status).toBe(404);
  });

  it('compares respondents with the population and derives post-stratification weights', async () => {
    const res = await planner.get(path('/representativeness'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ respondents: 14, consenting: 12 });
    const line = (rows: { id: string }[], id: string) => rows.find((r) => r.id === id);
    expect(line(res.body.district, d1)).toEqual({ id: d1, respondents: 8, sampleShare: 8 / 12, populationShare: 0.25, difference: 8 / 12 - 0.25 });
    expect(line(res.body.district, d2)).toEqual({ id: d2, respondents: 4, sampleShare: 4 / 12, populationShare: 0.75, difference: 4 / 12 - 0.75 });
    expect(line(res.body.gender, 'female')).toMatchObject({ respondents: 6, sampleShare: 0.5, populationShare: 0.5, difference: 0 });
    expect(line(res.body.gender, 'other')).toMatchObject({ respondents: 0, populationShare: null });
    expect(line(res.body.ageBand, '60_plus')).toMatchObject({ respondents: 0, populationShare: 0 });
    // Cell weight = population share / sample share: district 1 cells (1/16) / (2/12) = 0.375,
    // district 2 cells (3/16) / (1/12) = 2.25; mean weight 1 over the 12.
    expect(res.body.weights).toMatchObject({ weightedRespondents: 12, capped: 0, collapsed: 0 });
    expect(res.body.weights.min).toBeCloseTo(0.375);
    expect(res.body.weights.max).toBeCloseTo(2.25);
  });

  /** The weighted page and cross-tab against the numbers worked out by hand. */
  const expectWeightedResults = async () => {
    const res = await planner.get(path('?weighted=true'));
    expect(res.body.weighted).toBe(true);
    expect(res.body.respondents).toBe(14);
    // bus 8 × 0.375 = 3, metro 4 × 2.25 = 9, car 2 × 1 (no demographics: weight 1).
    const transport = question(res.body, 'transport');
    expect(transport.answered).toBeCloseTo(14);
    expect(transport.options.map((o: { count: number }) => o.count).map((n: number) => Math.round(n * 1000) / 1000)).toEqual([3, 9, 2]);
    expect(transport.options[1].share).toBeCloseTo(9 / 14);
    const likert = question(res.body, 'satisfied');
    expect(likert.distribution.map((d: { count: number }) => Math.round(d.count * 1000) / 1000)).toEqual([4.5, 1.5, 2, 1.5, 4.5]);
    expect(likert.mean).toBeCloseTo(3);
    // Weighted mean of the household: (2×3 + 4×9 + 10×2) / 14; weighted median: cumulative 3, 12, 14 → 4.
    const household = question(res.body, 'household');
    expect(household.mean).toBeCloseTo(62 / 14);
    expect(household.median).toBe(4);
    expect(question(res.body, 'zone').grid).toContainEqual({ cell: 861, count: expect.closeTo(8 * 0.375 + 4 * 2.25) });
    const crosstab = await planner.get(path('/crosstab?question=transport&by=district&weighted=true'));
    expect(crosstab.body.weighted).toBe(true);
    expect(crosstab.body.groups).toEqual(expect.arrayContaining([{ id: d1, respondents: expect.closeTo(3) }, { id: d2, respondents: expect.closeTo(9) }]));
  };

  it('applies the weights to every aggregate and cross-tab, and says so', async () => {
    await expectWeightedResults();
  });

  it('weighs the same when two demographic cells share a number (matched by their three columns then)', async () => {
    const spy = jest.spyOn(demographicCell, 'demographicCellOf').mockReturnValue(7);
    try {
      await expectWeightedResults();
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('numbers each fact’s demographic cell as the migration did for facts written before it', async () => {
    const [{ numbered, differing }] = await t.db.query(
      `SELECT count(demographic_cell)::int AS numbered,
              count(*) FILTER (WHERE demographic_cell IS DISTINCT FROM (${DEMOGRAPHIC_CELL_SQL}))::int AS differing
         FROM survey_answer_fact WHERE organization_id = $1`,
      [org.id],
    );
    expect(numbered).toBeGreaterThan(0);
    expect(differing).toBe(0);
  });

  it('lists open-text answers with Persian-normalised search', async () => {
    const all = await planner.get(path('/texts?question=idea'));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    // The answers' text was normalised on the way in (Arabic kaf and yeh became Persian); the search
    // folds the query the same way and ignores the ZWNJ, so "پارك" typed with an Arabic kaf finds both.
    const found = await planner.get(path(`/texts?question=idea&q=${encodeURIComponent('پارك')}`));
    expect(found.body.items.map((i: { text: string }) => i.text).sort()).toEqual(['پارک بیشتر و نیمکت', 'پارک‌های بیشتر'].sort());
    const one = await planner.get(path(`/texts?question=idea&q=${encodeURIComponent('نيمكت')}`));
    expect(one.body).toMatchObject({ total: 1, items: [{ text: 'پارک بیشتر و نیمکت' }] });
    const plural = await planner.get(path(`/texts?question=idea&q=${encodeURIComponent('پارکهای')}`));
    expect(plural.body.items.map((i: { text: string }) => i.text)).toEqual(['پارک‌های بیشتر']);
    const first = await planner.get(path('/texts?question=idea&limit=1'));
    expect(first.body.items).toHaveLength(1);
    const second = await planner.get(path(`/texts?question=idea&limit=1&cursor=${first.body.nextCursor}`));
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].responseId).not.toBe(first.body.items[0].responseId);
  });

  it('follows an edited response', async () => {
    const { activityId: small } = await buildSurvey(t, org, planner, DEFINITION, { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: false });
    const p = await personWithRoles(t, org, ['citizen'], 'ویرایشگر');
    expect((await submit(p.client, org, small, { transport: { choice: 'bus' } })).status).toBe(201);
    const edited = await p.client.put(surveyPath(org, small, '/response'), { answers: { transport: { choice: 'metro' } } });
    expect(edited.status).toBe(200);
    const res = await planner.get(surveyPath(org, small, '/results'));
    expect(question(res.body, 'transport').options.map((o: { count: number }) => o.count)).toEqual([0, 1, 0]);
  });

  it('is for the municipality’s planners only', async () => {
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await citizen.client.get(path(''))).status).toBe(403);
    expect((await citizen.client.get(path('/representativeness'))).status).toBe(403);
    const outsider = (await personWithRoles(t, other, ['admin', 'planner'], 'مدیر دیگر')).client;
    // Another municipality's admin: not a member here, and the activity is not theirs.
    expect((await outsider.get(path(''))).status).toBe(403);
    const viaOwnSlug = await outsider.get(`/api/orgs/${other.slug}/surveys/${activityId}/results`);
    expect(viaOwnSlug.status).toBe(404);
    const texts = await outsider.get(`/api/orgs/${other.slug}/surveys/${activityId}/results/texts?question=idea`);
    expect(texts.status).toBe(404);
  });
});
