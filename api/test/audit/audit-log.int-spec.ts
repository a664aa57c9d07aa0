import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { newSignedInPerson } from '../identity/identity-helpers';
import { newPlanBody, personWithRoles } from '../plans/plan-helpers';

type Entry = { id: string; action: string; entityType: string; entityId: string; actor: { id: string; displayName: string } | null; createdAt: string };

describe('audit log: filters, facets, pages, access', () => {
  let t: TestApp;
  let city: BuiltOrganization;
  let admin: Awaited<ReturnType<typeof personWithRoles>>;
  let sara: Awaited<ReturnType<typeof personWithRoles>>;
  let reza: Awaited<ReturnType<typeof personWithRoles>>;
  let saraPlan: { id: string };
  let rezaPlan: { id: string };

  const log = async (query = '') => {
    const res = await admin.client.get(`/api/orgs/${city.slug}/audit${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Entry[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
    admin = await personWithRoles(t, city, ['citizen', 'admin'], 'مدیر سامانه');
    sara = await personWithRoles(t, city, ['citizen', 'planner'], 'سارا برنامه‌ریز');
    reza = await personWithRoles(t, city, ['citizen', 'planner'], 'رضا برنامه‌ریز');
    // Real audited changes through the API: each planner creates a plan and renames it.
    saraPlan = (await sara.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody('برنامه سارا'))).body;
    await sara.client.patch(`/api/orgs/${city.slug}/plans/${saraPlan.id}`, { title: { fa: 'برنامه سارا (ویرایش)' } });
    rezaPlan = (await reza.client.post(`/api/orgs/${city.slug}/plans`, newPlanBody('برنامه رضا'))).body;
    await reza.client.patch(`/api/orgs/${city.slug}/plans/${rezaPlan.id}`, { title: { fa: 'برنامه رضا (ویرایش)' } });
  });
  afterAll(() => t.close());

  it("filters by actor: one person's changes only", async () => {
    const page = await log(`?actorId=${sara.accountId}`);
    expect(page.items.map((e) => e.action).sort()).toEqual(['plan.created', 'plan.updated']);
    expect(page.items.every((e) => e.actor?.id === sara.accountId && e.entityId === saraPlan.id)).toBe(true);
    expect((await log(`?actorId=${admin.accountId}`)).items).toEqual([]);
  });

  it('filters by entity type and by one entity', async () => {
    const plans = await log('?entityType=plan');
    expect(new Set(plans.items.map((e) => e.entityId))).toEqual(new Set([saraPlan.id, rezaPlan.id]));
    const one = await log(`?entityType=plan&entityId=${rezaPlan.id}`);
    expect(one.items.map((e) => e.action)).toEqual(['plan.updated', 'plan.created']);
    expect((await log('?entityType=consultation_edition')).items).toEqual([]);
  });

  it('filters by calendar days in Tehran, both ends included', async () => {
    // 20:00 UTC is 23:30 in Tehran (10 March); 21:00 UTC is already 00:30 on 11 March there.
    const entries = (await log(`?entityId=${rezaPlan.id}`)).items;
    const created = entries.find((e) => e.action === 'plan.created')!;
    const updated = entries.find((e) => e.action === 'plan.updated')!;
    await t.db.query(`UPDATE audit_entry SET created_at = '2026-03-10T20:00:00Z' WHERE id = $1`, [created.id]);
    await t.db.query(`UPDATE audit_entry SET created_at = '2026-03-10T21:00:00Z' WHERE id = $1`, [updated.id]);

    const eleventh = await log(`?entityId=${rezaPlan.id}&from=2026-03-11&to=2026-03-11`);
    expect(eleventh.items.map((e) => e.id)).toEqual([updated.id]);
    const tenth = await log(`?entityId=${rezaPlan.id}&from=2026-03-10&to=2026-03-10`);
    expect(tenth.items.map((e) => e.id)).toEqual([created.id]);
    const open = await log(`?entityId=${rezaPlan.id}&to=2026-03-11`);
    expect(open.items.map((e) => e.id)).toEqual([updated.id, created.id]);
    expect((await log(`?entityId=${rezaPlan.id}&from=2026-03-12`)).items).toEqual([]);
    // Today's entries are found by today's dates.
    const today = new Date(Date.now() + 3.5 * 3_600_000).toISOString().slice(0, 10);
    const sarasToday = await log(`?actorId=${sara.accountId}&from=${today}&to=${today}`);
    expect(sarasToday.items).toHaveLength(2);
  });

  it('refuses an inverted range or a malformed day', async () => {
    const inverted = await admin.client.get(`/api/orgs/${city.slug}/audit?from=2026-03-12&to=2026-03-10`);
    expect(inverted.status).toBe(400);
    expect(inverted.body.fields).toMatchObject({ to: expect.any(String) });
    expect((await admin.client.get(`/api/orgs/${city.slug}/audit?from=1404-12-20x`)).status).toBe(400);
    expect((await admin.client.get(`/api/orgs/${city.slug}/audit?actorId=not-a-uuid`)).status).toBe(400);
  });

  it('pages with a cursor through every entry, newest first, none twice', async () => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await log(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((e) => e.id)).size).toBe(4);
    const times = seen.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const filtered = await log(`?actorId=${sara.accountId}&limit=1`);
    expect(filtered.items).toHaveLength(1);
    const rest = await log(`?actorId=${sara.accountId}&limit=1&cursor=${filtered.nextCursor}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0].id).not.toBe(filtered.items[0].id);
    expect(rest.nextCursor).toBeNull();
  });

  it('lists the entity types and actors that appear, for the filters', async () => {
    const res = await admin.client.get(`/api/orgs/${city.slug}/audit/facets`);
    expect(res.status).toBe(200);
    expect(res.body.entityTypes).toEqual(['plan']);
    expect(res.body.actors).toEqual(
      [
        { id: reza.accountId, displayName: 'رضا برنامه‌ریز' },
        { id: sara.accountId, displayName: 'سارا برنامه‌ریز' },
      ].sort((a, b) => (a.displayName < b.displayName ? -1 : 1)),
    );
  });

  it('is for admins only: a planner gets 403, a stranger is not a member, a visitor must sign in', async () => {
    for (const path of ['audit', 'audit/facets']) {
      const planner = await sara.client.get(`/api/orgs/${city.slug}/${path}`);
      expect(planner.status).toBe(403);
      expect(planner.body.code).toBe('identity.forbidden');
      const stranger = await newSignedInPerson(t.url);
      expect((await stranger.client.get(`/api/orgs/${city.slug}/${path}`)).body.code).toBe('identity.not_a_member');
      expect((await fetch(`${t.url}/api/orgs/${city.slug}/${path}`)).status).toBe(401);
    }
  });

  it("keeps municipalities apart: B's admin cannot read A's log, even by naming A's entities or actors", async () => {
    const other = await buildOrganization(t.db);
    const otherAdmin = await personWithRoles(t, other, ['citizen', 'admin']);
    const ownLog = await otherAdmin.client.get(`/api/orgs/${other.slug}/audit?entityId=${saraPlan.id}`);
    expect(ownLog.status).toBe(200);
    expect(ownLog.body.items).toEqual([]);
    expect((await otherAdmin.client.get(`/api/orgs/${other.slug}/audit?actorId=${sara.accountId}`)).body.items).toEqual([]);
    expect((await otherAdmin.client.get(`/api/orgs/${other.slug}/audit/facets`)).body).toEqual({ entityTypes: [], actors: [] });
    const foreign = await otherAdmin.client.get(`/api/orgs/${city.slug}/audit`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('identity.not_a_member');
  });
});
