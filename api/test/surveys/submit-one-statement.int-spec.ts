import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { SurveysRepository } from '../../src/modules/surveys/surveys.repository';
import { buildSurvey, CONDITIONAL_DEFINITION, plannerOf, responseCount } from './survey-helpers';

// The one-statement submission writes only against the survey the answers were checked with.
describe('the one-statement submission', () => {
  let t: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  it('writes nothing when the survey was saved in between, then exactly one response with its facts', async () => {
    const planner = (await plannerOf(t, org)).client;
    const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
    const repository = t.app.get(SurveysRepository);
    const stale = (await repository.findByActivityCached(org.id, activityId))!;
    await t.db.query(`UPDATE survey SET updated_at = updated_at + interval '1 second' WHERE id = $1`, [surveyId]);
    const respondent = { respondentKey: `test-${surveyId}`, accountId: null, inviteId: null };
    const submission = { answers: {}, definitionVersion: stale.version, idempotencyKey: null, demographicsConsent: false, capacity: null, districtId: null, ageBand: null, gender: null };
    const facts: Parameters<SurveysRepository['submitWithFacts']>[3] = [['q'], [true], [null], [null], [1], [null], [null], [null], [null]];

    expect(await repository.submitWithFacts(stale, respondent, submission, facts)).toEqual({ locked: false, row: null });
    expect(await responseCount(t, surveyId)).toBe(0);

    const fresh = (await repository.findByActivityCached(org.id, activityId))!;
    const first = await repository.submitWithFacts(fresh, respondent, submission, facts);
    expect(first.locked).toBe(true);
    expect(first.row).toMatchObject({ status: 'submitted', definitionVersion: fresh.version });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_answer_fact WHERE response_id = $1`, [first.row!.id]);
    expect(n).toBe(1);

    // The same person again: nothing written, told apart from a changed survey.
    expect(await repository.submitWithFacts(fresh, respondent, submission, facts)).toEqual({ locked: true, row: null });
    expect(await responseCount(t, surveyId, 'submitted')).toBe(1);
  });

  // The facts are not tied to their response by a reference: a trigger removes them with it.
  it('leaves no answer facts behind when the survey is deleted, and marks its open-text demands deleted', async () => {
    const planner = (await plannerOf(t, org)).client;
    const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
    const repository = t.app.get(SurveysRepository);
    const survey = (await repository.findByActivityCached(org.id, activityId))!;
    const submission = { answers: {}, definitionVersion: survey.version, idempotencyKey: null, demographicsConsent: false, capacity: null, districtId: null, ageBand: null, gender: null };
    const facts: Parameters<SurveysRepository['submitWithFacts']>[3] = [['q', 'note'], [true, true], [null, null], [null, null], [1, null], [null, null], [null, null], [null, 'a pothole'], [null, 'a pothole']];
    for (const key of ['one', 'two']) {
      const { row } = await repository.submitWithFacts(survey, { respondentKey: `${key}-${surveyId}`, accountId: null, inviteId: null }, submission, facts);
      expect(row).not.toBeNull();
    }
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM survey_answer_fact WHERE survey_id = $1`, [surveyId]))[0].n;
    expect(await count()).toBe(4);
    const demands = async () =>
      (await t.db.query(`SELECT source_state FROM demand WHERE source_kind = 'survey_answer' AND organization_id = $1`, [org.id])).map((r: { source_state: string }) => r.source_state);
    expect(await demands()).toEqual(['live', 'live']);

    await t.db.query(`DELETE FROM survey WHERE id = $1`, [surveyId]);
    expect(await count()).toBe(0);
    expect(await demands()).toEqual(['deleted', 'deleted']);
  });
});
