import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildActivity, buildOpenActivity, buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';
import { buildConsultation, planner, publishEdition } from '../consultations/consultation-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

describe('GET /api/orgs/:slug/open-activities (the home page’s “take part now”)', () => {
  let t: TestApp;
  let city: BuiltOrganization;
  let other: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  it('lists what is open now with its plan, stage and closing date, and nothing that is not', async () => {
    // Open and usable: a problem collection, a consultation with a published edition.
    const collection = await buildOpenActivity(t.db, city.id, 'problem_collection');
    const consultation = await buildConsultation(t.db, city.id);
    const boss = await planner(t, city);
    await publishEdition(boss.client, city.slug, consultation.activityId, 'گزارش مرحلهٔ شناخت', [
      { kind: 'paragraph', text: 'بند نخست گزارش مرحلهٔ شناخت' },
    ]);
    await t.db.query(`UPDATE activity SET closes_at = now() + interval '3 days', title = $2 WHERE id = $1`, [
      consultation.activityId,
      { fa: 'نظرخواهی گزارش شناخت' },
    ]);
    // Open but not offered: a consultation with nothing published, a survey without questions.
    const empty = await buildConsultation(t.db, city.id);
    const survey = await buildOpenActivity(t.db, city.id, 'survey');
    // Not open: a stage that ended, a window that closed, a stage that has not started.
    const plan = await buildPlan(t.db, city.id);
    const ended = await buildStage(t.db, city.id, plan.id, daysFromToday(-20), daysFromToday(-10));
    const inEnded = await buildActivity(t.db, city.id, plan.id, ended.id);
    const current = await buildStage(t.db, city.id, plan.id, daysFromToday(-5), daysFromToday(5));
    const windowClosed = await buildActivity(t.db, city.id, plan.id, current.id);
    await t.db.query(`UPDATE activity SET closes_at = now() - interval '1 hour' WHERE id = $1`, [windowClosed.id]);
    const later = await buildStage(t.db, city.id, plan.id, daysFromToday(10), daysFromToday(20));
    const inLater = await buildActivity(t.db, city.id, plan.id, later.id, 'consultation');
    // Another municipality's open activity.
    const elsewhere = await buildOpenActivity(t.db, other.id, 'problem_collection');

    const response = await new TestClient(t.url).get(`/api/orgs/${city.slug}/open-activities`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const ids = (response.body as { id: string }[]).map((a) => a.id);
    // The consultation closes in 3 days, the collection with its stage in 30.
    expect(ids).toEqual([consultation.activityId, collection.activityId]);
    for (const absent of [
      empty.activityId,
      survey.activityId,
      inEnded.id,
      windowClosed.id,
      inLater.id,
      elsewhere.activityId,
    ]) {
      expect(ids).not.toContain(absent);
    }
    expect(response.body[0]).toMatchObject({
      type: 'consultation',
      title: { fa: 'نظرخواهی گزارش شناخت' },
      planId: consultation.planId,
      planTitle: { fa: 'برنامه آزمایشی' },
      stageId: consultation.stageId,
      stageTitle: { fa: 'مرحله' },
      stageEndsOn: daysFromToday(30),
      participation: { audience: 'signed_in' },
    });
    expect(Date.parse(response.body[0].closesAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    expect(response.body[1]).toMatchObject({
      type: 'problem_collection',
      closesAt: null,
      stageEndsOn: daysFromToday(30),
    });
  });

  it('answers an empty list for a municipality with no plan, and 404 for an unknown one', async () => {
    const quiet = await buildOrganization(t.db);
    const none = await new TestClient(t.url).get(`/api/orgs/${quiet.slug}/open-activities`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    const unknown = await new TestClient(t.url).get('/api/orgs/no-such-city/open-activities');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('organizations.not_found');
  });
});
