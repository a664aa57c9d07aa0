import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildOpenActivity } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { buildSurvey, CONDITIONAL_DEFINITION, EVERY_TYPE_DEFINITION, plannerOf, responseCount, submit, surveyPath } from './survey-helpers';

describe('building a survey (planner)', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    planner = (await plannerOf(t, org)).client;
  });
  afterAll(() => t.close());

  it('starts empty, saves a definition of every question type, and audits it', async () => {
    const { activityId } = await buildOpenActivity(t.db, org.id, 'survey');
    const empty = await planner.get(surveyPath(org, activityId));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ definition: { sections: [] }, version: 1, frozenAt: null, responseCount: 0 });

    const saved = await planner.put(surveyPath(org, activityId, '/definition'), { definition: EVERY_TYPE_DEFINITION });
    expect(saved.status).toBe(200);
    expect(saved.body.definition.sections[0].questions).toHaveLength(15);
    expect(saved.body.version).toBe(1);

    const [entry] = await t.db.query(`SELECT action, entity_type, after FROM audit_entry WHERE entity_id = $1 ORDER BY created_at DESC LIMIT 1`, [saved.body.id]);
    expect(entry).toMatchObject({ action: 'survey.definition_saved', entity_type: 'survey' });
    expect(entry.after.definition.sections[0].id).toBe('s1');
  });

  it('refuses a definition with problems, naming the questions, and stores nothing', async () => {
    const { activityId } = await buildOpenActivity(t.db, org.id, 'survey');
    const bad = {
      sections: [
        {
          id: 's',
          questions: [
            { id: 'a', type: 'short_text', title: { fa: 'الف' }, showIf: { combine: 'all', rules: [{ op: 'answered', question: 'b' }] } },
            { id: 'b', type: 'short_text', title: { fa: 'ب' }, showIf: { combine: 'all', rules: [{ op: 'answered', question: 'a' }] } },
            { id: 'c', type: 'single_choice', title: { fa: 'ج' }, options: [] },
            { id: 'c', type: 'number', title: { fa: 'د' }, min: 5, max: 1 },
          ],
        },
      ],
    };
    const res = await planner.put(surveyPath(org, activityId, '/definition'), { definition: bad });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('surveys.invalid_definition');
    expect(res.body.fields).toEqual({ a: 'condition_forward_reference', b: 'condition_cycle', c: 'options_missing' });
    expect((await planner.get(surveyPath(org, activityId))).body.definition).toEqual({ sections: [] });
  });

  it('refuses a question without Persian text with the common validation error', async () => {
    const { activityId } = await buildOpenActivity(t.db, org.id, 'survey');
    const res = await planner.put(surveyPath(org, activityId, '/definition'), {
      definition: { sections: [{ id: 's', questions: [{ id: 'q', type: 'short_text', title: { fa: '', en: 'Only English' } }] }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ 'definition.sections.0.questions.0.title.fa': 'too_short' });
  });

  it('freezes at the first response: structure changes are refused, a wording fix bumps the version and keeps the old one', async () => {
    const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await submit(citizen.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);

    const admin = await planner.get(surveyPath(org, activityId));
    expect(admin.body.frozenAt).not.toBeNull();
    expect(admin.body.responseCount).toBe(1);

    const restructured = structuredClone(CONDITIONAL_DEFINITION);
    restructured.sections[0].questions.pop();
    const refused = await planner.put(surveyPath(org, activityId, '/definition'), { definition: restructured });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('surveys.survey_frozen');

    const reworded = structuredClone(CONDITIONAL_DEFINITION);
    reworded.sections[0].questions[0].title = { fa: 'آیا حیوان خانگی نگه می‌دارید؟', en: 'Do you keep a pet?' };
    const fixed = await planner.put(surveyPath(org, activityId, '/definition'), { definition: reworded, expectedVersion: 1 });
    expect(fixed.status).toBe(200);
    expect(fixed.body.version).toBe(2);
    expect(fixed.body.definition.sections[0].questions[0].title.en).toBe('Do you keep a pet?');

    const stale = await planner.put(surveyPath(org, activityId, '/definition'), { definition: reworded, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('surveys.version_conflict');

    const versions = await planner.get(surveyPath(org, activityId, '/versions'));
    expect(versions.body.items).toHaveLength(1);
    expect(versions.body.items[0].version).toBe(1);
    expect(versions.body.items[0].definition.sections[0].questions[0].title).toEqual({ fa: 'حیوان خانگی دارید؟' });
    expect(await responseCount(t, surveyId, 'submitted')).toBe(1);
  });

  it('duplicates a survey into another survey activity, but not into one with responses', async () => {
    const source = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'everyone' }, anonymous: true, askDemographics: true });
    const { activityId: targetId } = await buildOpenActivity(t.db, org.id, 'survey');
    const copied = await planner.post(surveyPath(org, source.activityId, '/duplicate'), { targetActivityId: targetId });
    expect(copied.status).toBe(200);
    expect(copied.body.activityId).toBe(targetId);
    expect(copied.body.definition).toEqual(CONDITIONAL_DEFINITION);
    expect(copied.body.settings).toEqual({ audience: { audience: 'everyone' }, anonymous: true, askDemographics: true });

    const answered = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION);
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await submit(citizen.client, org, answered.activityId, { short: 'سلام' })).status).toBe(201);
    const refused = await planner.post(surveyPath(org, source.activityId, '/duplicate'), { targetActivityId: answered.activityId });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('surveys.target_has_responses');

    const { activityId: problems } = await buildOpenActivity(t.db, org.id, 'problem_collection');
    const notSurvey = await planner.post(surveyPath(org, source.activityId, '/duplicate'), { targetActivityId: problems });
    expect(notSurvey.status).toBe(404);
    expect(notSurvey.body.code).toBe('surveys.not_survey');
  });

  it('audits the settings, and offers an open survey with questions on the home page', async () => {
    const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'roles', roles: ['ngo'] }, anonymous: true, askDemographics: true });
    const [entry] = await t.db.query(`SELECT before, after FROM audit_entry WHERE entity_id = $1 AND action = 'survey.settings_changed'`, [surveyId]);
    expect(entry.before).toEqual({ audience: { audience: 'signed_in' }, anonymous: false, askDemographics: false });
    expect(entry.after).toEqual({ audience: { audience: 'roles', roles: ['ngo'] }, anonymous: true, askDemographics: true });
    const { activityId: empty } = await buildOpenActivity(t.db, org.id, 'survey');
    await planner.get(surveyPath(org, empty));
    const open = await planner.get(`/api/orgs/${org.slug}/open-activities`);
    const ids = (open.body as { id: string }[]).map((a) => a.id);
    expect(ids).toContain(activityId);
    expect(ids).not.toContain(empty);
  });

  it('keeps each municipality’s surveys to its own planners', async () => {
    const { activityId } = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION);
    const foreign = (await plannerOf(t, other)).client;
    // Through the other municipality's address: the activity is not there.
    const read = await foreign.get(surveyPath(other, activityId));
    expect(read.status).toBe(404);
    const write = await foreign.put(surveyPath(other, activityId, '/definition'), { definition: CONDITIONAL_DEFINITION });
    expect(write.status).toBe(404);
    // Through ours: not a planner here.
    expect((await foreign.get(surveyPath(org, activityId))).status).toBe(403);
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await citizen.client.get(surveyPath(org, activityId))).status).toBe(403);
    const copy = await foreign.post(surveyPath(other, activityId, '/duplicate'), { targetActivityId: activityId });
    expect(copy.status).toBe(404);
    expect((await planner.get(surveyPath(org, activityId))).body.definition).toEqual(EVERY_TYPE_DEFINITION);
  });
});

describe('open-text answers as inputs of the demands hub', () => {
  let t: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  it('lists each submitted text answer with the consented capacity and district, and nothing of drafts', async () => {
    const planner = (await plannerOf(t, org)).client;
    const { activityId, surveyId } = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION, {
      audience: { audience: 'signed_in' },
      anonymous: false,
      askDemographics: true,
    });
    const expert = await personWithRoles(t, org, ['expert'], 'استاد دانشگاه');
    await t.db.query(`UPDATE membership SET district_id = $3 WHERE organization_id = $1 AND account_id = $2`, [org.id, expert.accountId, org.districtIds[1]]);
    expect((await submit(expert.client, org, activityId, { short: 'پیاده‌راه', long: 'درختان خیابان را نبُرید', num: 3 }, { consent: true })).status).toBe(201);
    const quiet = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await submit(quiet.client, org, activityId, { short: 'اتوبوس شبانه' }, { consent: false })).status).toBe(201);
    const drafting = await personWithRoles(t, org, ['citizen'], 'شهروند');
    expect((await drafting.client.put(surveyPath(org, activityId, '/response/draft'), { answers: { short: 'هنوز پیش‌نویس' } })).status).toBe(200);

    const { SurveysService } = await import('../../src/modules/surveys/surveys.service');
    const inputs = await t.app.get(SurveysService).openTextInputs(org.id, surveyId);
    expect(inputs.map(({ questionId, text, capacity, districtId, sourceType }) => ({ questionId, text, capacity, districtId, sourceType }))).toEqual([
      { questionId: 'long', text: 'درختان خیابان را نبُرید', capacity: 'expert', districtId: org.districtIds[1], sourceType: 'survey_answer' },
      { questionId: 'short', text: 'پیاده‌راه', capacity: 'expert', districtId: org.districtIds[1], sourceType: 'survey_answer' },
      { questionId: 'short', text: 'اتوبوس شبانه', capacity: null, districtId: null, sourceType: 'survey_answer' },
    ]);
    await expect(t.app.get(SurveysService).openTextInputs(org.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'surveys.not_found' });
  });
});
