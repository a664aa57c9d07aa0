import { z } from 'zod';
import type { DomainEventMap } from '../../src/common/events/domain-events';
import { DomainEvents } from '../../src/common/events/domain-events';
import { JobsService } from '../../src/jobs/jobs.service';
import { ActivityTypeRegistry } from '../../src/modules/plans/activity-types.registry';
import { makeJobsDue, waitingJobs } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { daysFromToday } from '../factories/plan.factory';
import { eventually, newPlanBody, personWithRoles } from './plan-helpers';

describe('stages, activities, participation, transitions, committees and documents', () => {
  let t: TestApp;
  let city: BuiltOrganization;
  let planner: Awaited<ReturnType<typeof personWithRoles>>;
  const events: { name: keyof DomainEventMap; payload: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
    planner = await personWithRoles(t, city, ['citizen', 'planner'], 'سارا برنامه‌ریز');
    const bus = t.app.get(DomainEvents);
    for (const name of ['stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed'] as const) {
      bus.on(name, (payload) => void events.push({ name, payload }));
    }
  });
  afterAll(() => t.close());

  async function newPlan() {
    return (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body as { id: string };
  }
  const stageBody = (from: number, to: number, fa = 'مرحله') => ({ title: { fa }, startsOn: daysFromToday(from), endsOn: daysFromToday(to) });

  it('computes a stage status from its dates (inclusive) unless overridden', async () => {
    const plan = await newPlan();
    const base = `/api/orgs/${city.slug}/plans/${plan.id}/stages`;
    const past = await planner.client.post(base, stageBody(-30, -1));
    const open = await planner.client.post(base, stageBody(0, 0));
    const upcoming = await planner.client.post(base, stageBody(1, 10));
    expect([past.status, open.status, upcoming.status]).toEqual([201, 201, 201]);
    expect([past.body.status, open.body.status, upcoming.body.status]).toEqual(['closed', 'open', 'upcoming']);
    expect([past.body.position, open.body.position, upcoming.body.position]).toEqual([0, 1, 2]);

    const overridden = await planner.client.patch(`/api/orgs/${city.slug}/stages/${upcoming.body.id}`, { statusOverride: 'open' });
    expect(overridden.body).toMatchObject({ status: 'open', statusOverride: 'open' });
    const back = await planner.client.patch(`/api/orgs/${city.slug}/stages/${upcoming.body.id}`, { statusOverride: null });
    expect(back.body).toMatchObject({ status: 'upcoming', statusOverride: null });
    const page = await new TestClient(t.url).get(`/api/orgs/${city.slug}/plans/${plan.id}`);
    expect(page.body.currentStageId).toBe(open.body.id);
  });

  it('refuses overlapping, reversed and out-of-horizon dates, and leaves the stages as they were', async () => {
    const plan = await newPlan();
    const base = `/api/orgs/${city.slug}/plans/${plan.id}/stages`;
    const first = (await planner.client.post(base, stageBody(0, 10))).body;
    const overlap = await planner.client.post(base, stageBody(10, 20));
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('plans.stages_overlap');
    const reversed = await planner.client.post(base, stageBody(20, 15));
    expect(reversed.status).toBe(400);
    expect(reversed.body.fields).toEqual({ endsOn: 'invalid_value' });
    const outside = await planner.client.post(base, { title: { fa: 'x' }, startsOn: '2001-01-01', endsOn: '2001-02-01' });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('plans.stage_outside_horizon');
    const second = (await planner.client.post(base, stageBody(11, 20))).body;
    const moved = await planner.client.patch(`/api/orgs/${city.slug}/stages/${second.id}`, { startsOn: daysFromToday(5) });
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('plans.stages_overlap');
    const reversedEdit = await planner.client.patch(`/api/orgs/${city.slug}/stages/${second.id}`, { endsOn: daysFromToday(0) });
    expect(reversedEdit.status).toBe(400);
    const page = (await planner.client.get(`/api/orgs/${city.slug}/plans/${plan.id}`)).body;
    expect(page.stages.map((s: { startsOn: string }) => s.startsOn)).toEqual([first.startsOn, second.startsOn]);
  });

  it('reorders stages only with every id exactly once', async () => {
    const plan = await newPlan();
    const base = `/api/orgs/${city.slug}/plans/${plan.id}/stages`;
    const a = (await planner.client.post(base, stageBody(0, 1, 'الف'))).body;
    const b = (await planner.client.post(base, stageBody(2, 3, 'ب'))).body;
    const c = (await planner.client.post(base, stageBody(4, 5, 'ج'))).body;
    for (const stageIds of [[a.id, b.id], [a.id, b.id, b.id], [a.id, b.id, c.id, '00000000-0000-4000-8000-000000000000']]) {
      const res = await planner.client.put(`${base}/order`, { stageIds });
      expect(res.status).toBe(400);
    }
    const ok = await planner.client.put(`${base}/order`, { stageIds: [c.id, a.id, b.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.map((s: { title: { fa: string } }) => s.title.fa)).toEqual(['ج', 'الف', 'ب']);
  });

  it('opens activities inside open stages and their windows; planners open and close them by hand', async () => {
    const plan = await newPlan();
    const stage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(-1, 10))).body;
    const url = `/api/orgs/${city.slug}/stages/${stage.id}/activities`;
    const follows = await planner.client.post(url, { type: 'problem_collection', title: { fa: 'گردآوری مسائل' } });
    expect(follows.status).toBe(201);
    expect(follows.body).toMatchObject({ isOpen: true, opensAt: null, participation: { audience: 'signed_in' }, settings: {} });
    const later = await planner.client.post(url, {
      type: 'consultation',
      title: { fa: 'نظرخواهی' },
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(later.body.isOpen).toBe(false);

    const opened = await planner.client.post(`/api/orgs/${city.slug}/activities/${later.body.id}/open`, {});
    expect(opened.status).toBe(200);
    expect(opened.body.isOpen).toBe(true);
    const closed = await planner.client.post(`/api/orgs/${city.slug}/activities/${later.body.id}/close`, {});
    expect(closed.body.isOpen).toBe(false);

    const upcomingStage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(20, 30))).body;
    const inUpcoming = await planner.client.post(`/api/orgs/${city.slug}/stages/${upcomingStage.id}/activities`, { type: 'survey', title: { fa: 'پرسشنامه' } });
    expect(inUpcoming.body.isOpen).toBe(false);
    const refused = await planner.client.post(`/api/orgs/${city.slug}/activities/${inUpcoming.body.id}/open`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('plans.stage_not_open');
  });

  it('refuses unknown activity types and settings the type does not accept', async () => {
    const plan = await newPlan();
    const stage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(0, 3))).body;
    const url = `/api/orgs/${city.slug}/stages/${stage.id}/activities`;
    const unknown = await planner.client.post(url, { type: 'lottery', title: { fa: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ type: 'invalid_value' });
    t.app.get(ActivityTypeRegistry).register({ type: 'thinktank_series', settingsSchema: z.strictObject({ sessions: z.number().int().min(1) }), defaults: { sessions: 1 } });
    const bad = await planner.client.post(url, { type: 'thinktank_series', title: { fa: 'x' }, settings: { sessions: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'plans.activity_settings_invalid', fields: { 'settings.sessions': 'too_small' } });
    const good = await planner.client.post(url, { type: 'thinktank_series', title: { fa: 'x' } });
    expect(good.body.settings).toEqual({ sessions: 1 });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM activity WHERE stage_id = $1`, [stage.id]);
    expect(count).toBe(1);
  });

  it('tells who may take part: everyone, signed-in people, or holders of roles', async () => {
    const plan = await newPlan();
    const stage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(-2, 5))).body;
    const make = async (participation: object) =>
      (await planner.client.post(`/api/orgs/${city.slug}/stages/${stage.id}/activities`, { type: 'survey', title: { fa: 'x' }, participation })).body.id as string;
    const everyone = await make({ audience: 'everyone' });
    const signedIn = await make({ audience: 'signed_in' });
    const experts = await make({ audience: 'roles', roles: ['expert'] });
    const anonymous = new TestClient(t.url);
    const citizen = await personWithRoles(t, city, ['citizen'], 'شهروند');
    const expert = await personWithRoles(t, city, ['citizen', 'expert'], 'کارشناس');
    const check = async (client: TestClient, id: string) => (await client.get(`/api/orgs/${city.slug}/activities/${id}/participation`)).body;
    expect(await check(anonymous, everyone)).toEqual({ canTakePart: true });
    expect(await check(anonymous, signedIn)).toEqual({ canTakePart: false, reason: 'identity.unauthenticated' });
    expect(await check(citizen.client, signedIn)).toEqual({ canTakePart: true });
    expect(await check(citizen.client, experts)).toEqual({ canTakePart: false, reason: 'identity.forbidden' });
    expect(await check(expert.client, experts)).toEqual({ canTakePart: true });
    await planner.client.post(`/api/orgs/${city.slug}/activities/${everyone}/close`, {});
    expect(await check(anonymous, everyone)).toEqual({ canTakePart: false, reason: 'plans.activity_closed' });
  });

  it('announces stage openings, closings and activity openings once, from jobs when their time comes', async () => {
    const plan = await newPlan();
    const stage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(3, 10))).body;
    await planner.client.post(`/api/orgs/${city.slug}/stages/${stage.id}/activities`, { type: 'survey', title: { fa: 'x' } });
    const mine = () => events.filter((e) => e.payload.stageId === stage.id).map((e) => e.name);
    expect(mine()).toEqual([]);
    expect(await waitingJobs(t.db, 'plans.transition', { stageId: stage.id })).toHaveLength(2);

    // time passes: the stage has begun
    await t.db.query(`UPDATE stage SET starts_on = $2 WHERE id = $1`, [stage.id, daysFromToday(-1)]);
    await makeJobsDue(t.db, 'plans.transition', { stageId: stage.id }, new Date(Date.now() + 5 * 86_400_000));
    const jobs = t.app.get(JobsService);
    await jobs.drain();
    await eventually(() => expect(mine()).toEqual(['stage.opened', 'activity.opened']));
    await jobs.drain();
    expect(events.find((e) => e.name === 'stage.opened' && e.payload.stageId === stage.id)!.payload).toEqual({
      organizationId: city.id, planId: plan.id, stageId: stage.id, actorId: null,
    });

    // and ended
    await t.db.query(`UPDATE stage SET starts_on = $2, ends_on = $3 WHERE id = $1`, [stage.id, daysFromToday(-5), daysFromToday(-1)]);
    await makeJobsDue(t.db, 'plans.transition', { stageId: stage.id });
    await jobs.drain();
    await eventually(() => expect(mine()).toEqual(['stage.opened', 'activity.opened', 'stage.closed']));
    // a second job for the same moment (another process) announces nothing new
    await jobs.enqueue('plans.transition', { kind: 'stage', stageId: stage.id });
    await jobs.drain();
    await new Promise((r) => setTimeout(r, 100));
    expect(mine()).toEqual(['stage.opened', 'activity.opened', 'stage.closed']);
  });

  it("announces a planner's override at once, and plan status changes", async () => {
    const plan = await newPlan();
    const stage = (await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/stages`, stageBody(30, 40))).body;
    await planner.client.patch(`/api/orgs/${city.slug}/stages/${stage.id}`, { statusOverride: 'open' });
    expect(events.filter((e) => e.payload.stageId === stage.id)).toEqual([
      { name: 'stage.opened', payload: { organizationId: city.id, planId: plan.id, stageId: stage.id, actorId: planner.accountId } },
    ]);
    await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/status`, { status: 'council_review' });
    expect(events.filter((e) => e.name === 'plan.status_changed' && e.payload.planId === plan.id).map((e) => e.payload)).toEqual([
      { organizationId: city.id, planId: plan.id, from: 'drafting', to: 'council_review', actorId: planner.accountId },
    ]);
  });

  it('keeps committees to members and themes of the municipality, and replaces document directions', async () => {
    const plan = await newPlan();
    const other = await buildOrganization(t.db);
    const member = await personWithRoles(t, city, ['citizen', 'expert'], 'عضو کمیته');
    const outsider = await personWithRoles(t, other, ['citizen'], 'بیرونی');
    const url = `/api/orgs/${city.slug}/plans/${plan.id}/committees`;
    const foreignTheme = await planner.client.post(url, { name: { fa: 'حمل‌ونقل' }, themeIds: [other.themeIds[0]] });
    expect(foreignTheme.status).toBe(404);
    expect(foreignTheme.body.code).toBe('organizations.theme_not_found');
    const foreignMember = await planner.client.post(url, { name: { fa: 'حمل‌ونقل' }, memberIds: [member.accountId, outsider.accountId] });
    expect(foreignMember.status).toBe(404);
    expect(foreignMember.body).toMatchObject({ code: 'plans.member_not_found', fields: { 'memberIds.1': 'invalid_value' } });
    const created = await planner.client.post(url, {
      name: { fa: 'حمل‌ونقل عمومی' },
      themeIds: [city.themeIds[0]],
      secretaryId: planner.accountId,
      memberIds: [member.accountId],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      themeIds: [city.themeIds[0]],
      secretary: { id: planner.accountId, displayName: 'سارا برنامه‌ریز' },
      members: [{ id: member.accountId, displayName: 'عضو کمیته' }],
    });
    const renamed = await planner.client.patch(`/api/orgs/${city.slug}/committees/${created.body.id}`, { name: { fa: 'ترافیک' } });
    expect(renamed.body.members).toHaveLength(1);
    expect((await new TestClient(t.url).get(`/api/orgs/${other.slug}/committees/${created.body.id}`)).status).toBe(404);

    const doc = await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/upstream-documents`, {
      level: 'national', title: { fa: 'قانون برنامه هفتم توسعه' }, issuer: 'مجلس شورای اسلامی', year: 1403,
      directions: [{ text: 'توسعه حمل‌ونقل عمومی', themeIds: [city.themeIds[0]] }, { text: 'کاهش پسماند' }],
    });
    expect(doc.status).toBe(201);
    expect(doc.body.directions.map((d: { text: string }) => d.text)).toEqual(['توسعه حمل‌ونقل عمومی', 'کاهش پسماند']);
    const replaced = await planner.client.patch(`/api/orgs/${city.slug}/upstream-documents/${doc.body.id}`, { directions: [{ text: 'فقط این' }] });
    expect(replaced.body.directions).toEqual([{ id: expect.any(String), text: 'فقط این', themeIds: [] }]);
    expect((await planner.client.patch(`/api/orgs/${city.slug}/upstream-documents/${doc.body.id}`, { directions: [{ text: 'x', themeIds: [other.themeIds[0]] }] })).status).toBe(404);

    const audit = await t.db.query(`SELECT action FROM audit_entry WHERE entity_id = ANY($1) ORDER BY created_at`, [[created.body.id, doc.body.id]]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['committee.created', 'committee.updated', 'upstream_document.created', 'upstream_document.updated']);
  });

  it("answers 404 for another municipality's stages and activities", async () => {
    const other = await buildOrganization(t.db);
    const otherPlanner = await personWithRoles(t, other, ['citizen', 'planner']);
    const foreignPlan = (await otherPlanner.client.post(`/api/orgs/${other.slug}/plans`, newPlanBody())).body;
    const stage = (await otherPlanner.client.post(`/api/orgs/${other.slug}/plans/${foreignPlan.id}/stages`, stageBody(0, 2))).body;
    const activity = (await otherPlanner.client.post(`/api/orgs/${other.slug}/stages/${stage.id}/activities`, { type: 'survey', title: { fa: 'x' } })).body;
    expect((await planner.client.get(`/api/orgs/${city.slug}/stages/${stage.id}`)).body.code).toBe('plans.stage_not_found');
    expect((await planner.client.patch(`/api/orgs/${city.slug}/stages/${stage.id}`, { title: { fa: 'x' } })).status).toBe(404);
    expect((await planner.client.delete(`/api/orgs/${city.slug}/stages/${stage.id}`)).status).toBe(404);
    expect((await planner.client.post(`/api/orgs/${city.slug}/stages/${stage.id}/activities`, { type: 'survey', title: { fa: 'x' } })).status).toBe(404);
    expect((await planner.client.patch(`/api/orgs/${city.slug}/activities/${activity.id}`, { title: { fa: 'x' } })).body.code).toBe('plans.activity_not_found');
    expect((await planner.client.post(`/api/orgs/${city.slug}/activities/${activity.id}/close`, {})).status).toBe(404);
    expect((await planner.client.get(`/api/orgs/${city.slug}/activities/${activity.id}/participation`)).status).toBe(404);
    expect((await otherPlanner.client.get(`/api/orgs/${other.slug}/stages/${stage.id}`)).body.title.fa).toBe('مرحله');
  });
});
