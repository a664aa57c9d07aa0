import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { newSignedInPerson } from '../identity/identity-helpers';
import { newPlanBody, personWithRoles } from './plan-helpers';

describe('plans: lifecycle, history, revisions, audit', () => {
  let t: TestApp;
  let city: BuiltOrganization;
  let planner: Awaited<ReturnType<typeof personWithRoles>>;
  let admin: Awaited<ReturnType<typeof personWithRoles>>;

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
    planner = await personWithRoles(t, city, ['citizen', 'planner'], 'سارا برنامه‌ریز');
    admin = await personWithRoles(t, city, ['citizen', 'admin'], 'مدیر سامانه');
  });
  afterAll(() => t.close());

  it('creates a plan in drafting, with who created it in the history, and lists it for anyone', async () => {
    const res = await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'drafting', stages: [], committees: [], isFollowing: false, followerCount: 0 });
    expect(res.body.statusHistory).toEqual([
      { from: null, to: 'drafting', note: null, changedBy: { id: planner.accountId, displayName: 'سارا برنامه‌ریز' }, changedAt: expect.any(String) },
    ]);
    const list = (await fetch(`${t.url}/api/orgs/${city.slug}/plans`).then((r) => r.json())) as { id: string }[];
    expect(list.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('moves only along PLAN_TRANSITIONS, records who and when, and freezes a closed plan', async () => {
    const plan = (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body;
    const url = `/api/orgs/${city.slug}/plans/${plan.id}`;
    const skip = await planner.client.post(`${url}/status`, { status: 'approved' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('plans.invalid_transition');

    for (const status of ['council_review', 'drafting', 'council_review', 'approved', 'conformity_checked', 'in_execution']) {
      const res = await planner.client.post(`${url}/status`, { status, note: `to ${status}` });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const closed = await planner.client.post(`${url}/status`, { status: 'closed' });
    expect(closed.body.statusHistory.map((h: { to: string }) => h.to)).toEqual([
      'drafting', 'council_review', 'drafting', 'council_review', 'approved', 'conformity_checked', 'in_execution', 'closed',
    ]);
    expect(closed.body.statusHistory[7]).toMatchObject({ from: 'in_execution', note: null, changedBy: { id: planner.accountId } });

    const edit = await planner.client.patch(url, { title: { fa: 'تازه' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('plans.plan_closed');
    for (const res of [
      await planner.client.post(`${url}/stages`, { title: { fa: 'م' }, startsOn: '2026-04-01', endsOn: '2026-04-02' }),
      await planner.client.post(`${url}/committees`, { name: { fa: 'ک' } }),
      await planner.client.post(`${url}/upstream-documents`, { level: 'national', title: { fa: 'س' }, issuer: 'مجلس' }),
      await planner.client.post(`${url}/revisions`, { year: 1406, summary: 'بازنگری' }),
      await planner.client.post(`${url}/status`, { status: 'drafting' }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('plans.plan_closed');
    }
    expect((await planner.client.get(url)).body.title.fa).toBe(plan.title.fa);
  });

  it('records one revision per year', async () => {
    const plan = (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body;
    const url = `/api/orgs/${city.slug}/plans/${plan.id}/revisions`;
    const res = await planner.client.post(url, { year: 1406, summary: 'بازنگری سال اول' });
    expect(res.status).toBe(201);
    expect(res.body.revisions).toEqual([
      { id: expect.any(String), year: 1406, summary: 'بازنگری سال اول', createdAt: expect.any(String), createdBy: { id: planner.accountId, displayName: 'سارا برنامه‌ریز' } },
    ]);
    const again = await planner.client.post(url, { year: 1406, summary: 'دوباره' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('plans.revision_exists');
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    const plan = (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body;
    const url = `/api/orgs/${city.slug}/plans/${plan.id}`;
    const unknown = await planner.client.patch(url, { title: { fa: 'x' }, secret: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'common.validation_failed', fields: { secret: 'unknown_field' } });
    const outside = await planner.client.patch(url, { operationalHorizon: { from: 1300, to: 1301 } });
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual({ operationalHorizon: 'invalid_value' });
    const badCreate = await planner.client.post(`/api/orgs/${city.slug}/plans`, { ...newPlanBody(), kind: 'wish_list' });
    expect(badCreate.status).toBe(400);
    expect((await planner.client.get(url)).body.title).toEqual(plan.title);
  });

  it('lets only planners and admins change plans (403), anonymous gets 401', async () => {
    const citizen = await personWithRoles(t, city, ['citizen'], 'شهروند');
    expect((await citizen.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).status).toBe(403);
    const plan = (await admin.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body;
    const res = await citizen.client.patch(`/api/orgs/${city.slug}/plans/${plan.id}`, { title: { fa: 'x' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('identity.forbidden');
    const outsider = await newSignedInPerson(t.url);
    expect((await outsider.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/status`, { status: 'council_review' })).body.code).toBe('identity.not_a_member');
  });

  it('writes an audit entry with before and after for every change, readable by admins only', async () => {
    const plan = (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody('پیش از ویرایش'))).body;
    await planner.client.patch(`/api/orgs/${city.slug}/plans/${plan.id}`, { title: { fa: 'پس از ویرایش' } });
    const refused = await planner.client.get(`/api/orgs/${city.slug}/audit`);
    expect(refused.status).toBe(403);
    const page = await admin.client.get(`/api/orgs/${city.slug}/audit?entityType=plan&entityId=${plan.id}&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({
      action: 'plan.updated',
      actor: { id: planner.accountId, displayName: 'سارا برنامه‌ریز' },
      entityType: 'plan',
      entityId: plan.id,
      before: { title: { fa: 'پیش از ویرایش' } },
      after: { title: { fa: 'پس از ویرایش' } },
    });
    const next = await admin.client.get(`/api/orgs/${city.slug}/audit?entityId=${plan.id}&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(['plan.created']);
    expect(next.body.items[0].before).toBeNull();
    expect(next.body.nextCursor).toBeNull();
  });

  it('a refused change leaves no audit entry (same transaction)', async () => {
    const plan = (await planner.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody())).body;
    await planner.client.post(`/api/orgs/${city.slug}/plans/${plan.id}/status`, { status: 'closed' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_entry WHERE entity_id = $1`, [plan.id]);
    expect(count).toBe(1);
  });

  it("keeps municipalities apart: another's plan is not found, for reading and for writing", async () => {
    const other = await buildOrganization(t.db);
    const otherPlanner = await personWithRoles(t, other, ['citizen', 'planner']);
    const foreign = (await otherPlanner.client.post(`/api/orgs/${other.slug}/plans`, newPlanBody())).body;
    const read = await planner.client.get(`/api/orgs/${city.slug}/plans/${foreign.id}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('plans.not_found');
    const write = await planner.client.patch(`/api/orgs/${city.slug}/plans/${foreign.id}`, { title: { fa: 'ربوده' } });
    expect(write.status).toBe(404);
    expect((await planner.client.post(`/api/orgs/${city.slug}/plans/${foreign.id}/stages`, { title: { fa: 'x' }, startsOn: '2026-04-01', endsOn: '2026-04-02' })).status).toBe(404);
    expect((await planner.client.get(`/api/orgs/${city.slug}/plans/not-a-uuid`)).status).toBe(404);
    const list = await planner.client.get(`/api/orgs/${city.slug}/plans`);
    expect(list.body.map((p: { id: string }) => p.id)).not.toContain(foreign.id);
    expect((await otherPlanner.client.get(`/api/orgs/${other.slug}/plans/${foreign.id}`)).body.title.fa).not.toBe('ربوده');
  });
});
