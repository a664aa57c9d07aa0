import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { e164, grantRoles, newSignedInPerson } from './identity-helpers';

type Person = Awaited<ReturnType<typeof newSignedInPerson>>;

describe('members screen (admin): search, filters, roles, districts, removal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function cityWithAdmin(): Promise<{ org: BuiltOrganization; admin: Person }> {
    const org = await buildOrganization(t.db);
    const admin = await newSignedInPerson(t.url, { displayName: 'مدیر سامانه' });
    await grantRoles(t.db, org.id, admin.accountId, ['citizen', 'admin']);
    return { org, admin };
  }

  const names = (res: { body: { items: { displayName: string }[] } }) => res.body.items.map((m) => m.displayName);
  const audit = (orgId: string, action: string) =>
    t.db.query(`SELECT actor_id AS "actorId", before, after FROM audit_entry WHERE organization_id = $1 AND action = $2`, [
      orgId,
      action,
    ]);

  it('finds a Persian name typed with Arabic ي/ك, and a mobile typed in Persian digits', async () => {
    const { org, admin } = await cityWithAdmin();
    const yekta = await newSignedInPerson(t.url, { displayName: 'یکتا کریمی', organization: org.slug });
    await newSignedInPerson(t.url, { displayName: 'مریم احمدی', organization: org.slug });
    await newSignedInPerson(t.url, { displayName: 'می‌نا رضایی', organization: org.slug });
    const list = (q: string) => admin.client.get(`/api/orgs/${org.slug}/members?q=${encodeURIComponent(q)}`);

    // Arabic yeh and kaf, as an Arabic keyboard types them
    expect(names(await list('يكتا كريمي'))).toEqual(['یکتا کریمی']);
    expect(names(await list('كريم'))).toEqual(['یکتا کریمی']);
    // without the ZWNJ
    expect(names(await list('مینا'))).toEqual(['می‌نا رضایی']);
    // the mobile in Persian digits with the leading 0, and in Arabic-Indic digits
    const persian = yekta.mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
    expect(names(await list(persian))).toEqual(['یکتا کریمی']);
    const arabic = e164(yekta.mobile).slice(3).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
    expect(names(await list(arabic))).toEqual(['یکتا کریمی']);
    expect((await list('هیچ‌کس')).body.items).toEqual([]);
    // a LIKE wildcard is a character, not "anything"
    expect((await list('%')).body.items).toEqual([]);
  });

  it('finds by e-mail, filters by role and district, and keeps keyset pages within the filter', async () => {
    const { org, admin } = await cityWithAdmin();
    const planners: Person[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await newSignedInPerson(t.url, { displayName: `برنامه‌ریز ${i + 1}`, organization: org.slug });
      await admin.client.put(`/api/orgs/${org.slug}/members/${p.accountId}/roles`, { roles: ['citizen', 'planner'] });
      planners.push(p);
    }
    const inDistrict = await newSignedInPerson(t.url, { displayName: 'ساکن منطقه دو', organization: org.slug });
    const set = await admin.client.put(`/api/orgs/${org.slug}/members/${inDistrict.accountId}/district`, {
      districtId: org.districtIds[1],
    });
    expect(set.status).toBe(200);
    expect(set.body.districtId).toBe(org.districtIds[1]);

    const byRole = await admin.client.get(`/api/orgs/${org.slug}/members?role=planner&limit=2`);
    expect(names(byRole)).toEqual(['برنامه‌ریز 1', 'برنامه‌ریز 2']);
    const rest = await admin.client.get(`/api/orgs/${org.slug}/members?role=planner&limit=2&cursor=${byRole.body.nextCursor}`);
    expect(names(rest)).toEqual(['برنامه‌ریز 3']);
    expect(rest.body.nextCursor).toBeNull();
    expect(names(await admin.client.get(`/api/orgs/${org.slug}/members?districtId=${org.districtIds[1]}`))).toEqual([
      'ساکن منطقه دو',
    ]);
    expect(
      names(await admin.client.get(`/api/orgs/${org.slug}/members?q=${encodeURIComponent('۳')}&role=planner`)),
    ).toEqual(['برنامه‌ریز 3']);
    expect((await admin.client.get(`/api/orgs/${org.slug}/members?role=mayor`)).status).toBe(400);

    const email = `search-${Date.now()}@example.org`;
    await t.db.query(`UPDATE account SET email = $2 WHERE id = $1`, [planners[1].accountId, email]);
    expect(names(await admin.client.get(`/api/orgs/${org.slug}/members?q=${encodeURIComponent(email.toUpperCase())}`))).toEqual([
      'برنامه‌ریز 2',
    ]);

    const districtLog = await audit(org.id, 'membership.district_changed');
    expect(districtLog).toHaveLength(1);
    expect(districtLog[0]).toMatchObject({ actorId: admin.accountId, after: { districtId: org.districtIds[1] } });
  });

  it('audits role changes, and a manager needs a district', async () => {
    const { org, admin } = await cityWithAdmin();
    const member = await newSignedInPerson(t.url, { displayName: 'نامزد مدیریت', organization: org.slug });
    const noDistrict = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, {
      roles: ['citizen', 'manager'],
    });
    expect(noDistrict.status).toBe(400);
    expect(noDistrict.body).toMatchObject({ code: 'identity.manager_needs_district', fields: { districtId: 'required' } });

    const ok = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, {
      roles: ['citizen', 'manager'],
      districtId: org.districtIds[0],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ roles: ['citizen', 'manager'], districtId: org.districtIds[0] });
    // a manager cannot be left without a district
    const cleared = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/district`, {
      districtId: null,
    });
    expect(cleared.body.code).toBe('identity.manager_needs_district');

    const foreignDistrict = await buildOrganization(t.db);
    const wrong = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, {
      roles: ['manager'],
      districtId: foreignDistrict.districtIds[0],
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('organizations.district_not_found');

    const log = await audit(org.id, 'membership.roles_changed');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: admin.accountId,
      before: { accountId: member.accountId, roles: ['citizen'], districtId: null },
      after: { accountId: member.accountId, roles: ['citizen', 'manager'], districtId: org.districtIds[0] },
    });
  });

  it('removes a member: gone from the list and from their session, contributions stay, audited', async () => {
    const { org, admin } = await cityWithAdmin();
    const member = await newSignedInPerson(t.url, { displayName: 'عضو رفتنی', organization: org.slug });
    await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, { roles: ['citizen', 'planner'] });
    await t.db.query(
      `INSERT INTO audit_entry (organization_id, actor_id, action, entity_type, entity_id) VALUES ($1, $2, 'plan.created', 'plan', gen_random_uuid())`,
      [org.id, member.accountId],
    );

    const res = await admin.client.delete(`/api/orgs/${org.slug}/members/${member.accountId}`);
    expect(res.status).toBe(204);
    expect(names(await admin.client.get(`/api/orgs/${org.slug}/members`))).toEqual(['مدیر سامانه']);
    expect((await member.client.get('/api/me')).body.memberships).toEqual([]);
    expect((await member.client.get(`/api/orgs/${org.slug}/members`)).status).toBe(403);
    // the account and what it did are still there
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE actor_id = $1`, [member.accountId]);
    expect(n).toBe(1);

    const log = await audit(org.id, 'membership.removed');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: admin.accountId,
      before: { accountId: member.accountId, roles: ['citizen', 'planner'] },
      after: null,
    });
    expect((await admin.client.delete(`/api/orgs/${org.slug}/members/${member.accountId}`)).status).toBe(404);
    expect((await admin.client.delete(`/api/orgs/${org.slug}/members/not-a-uuid`)).status).toBe(404);
  });

  it('never removes or demotes the last admin, not even themselves', async () => {
    const { org, admin } = await cityWithAdmin();
    const removeSelf = await admin.client.delete(`/api/orgs/${org.slug}/members/${admin.accountId}`);
    expect(removeSelf.status).toBe(409);
    expect(removeSelf.body.code).toBe('identity.last_admin');
    const demoteSelf = await admin.client.put(`/api/orgs/${org.slug}/members/${admin.accountId}/roles`, {
      roles: ['citizen'],
    });
    expect(demoteSelf.body.code).toBe('identity.last_admin');
    expect(await audit(org.id, 'membership.removed')).toHaveLength(0);

    // with a second admin, one may leave
    const second = await newSignedInPerson(t.url, { organization: org.slug });
    await admin.client.put(`/api/orgs/${org.slug}/members/${second.accountId}/roles`, { roles: ['admin'] });
    expect((await admin.client.delete(`/api/orgs/${org.slug}/members/${admin.accountId}`)).status).toBe(204);
    expect((await second.client.delete(`/api/orgs/${org.slug}/members/${second.accountId}`)).status).toBe(409);
  });

  it('two admins demoting (or removing) each other at once leave one admin', async () => {
    for (const mode of ['demote', 'remove'] as const) {
      const { org, admin: a } = await cityWithAdmin();
      const b = await newSignedInPerson(t.url, { organization: org.slug });
      await grantRoles(t.db, org.id, b.accountId, ['citizen', 'admin']);
      const act = (actor: Person, target: Person) =>
        mode === 'demote'
          ? actor.client.put(`/api/orgs/${org.slug}/members/${target.accountId}/roles`, { roles: ['citizen'] })
          : actor.client.delete(`/api/orgs/${org.slug}/members/${target.accountId}`);
      const results = await Promise.all([act(a, b), act(b, a)]);
      const statuses = results.map((r) => r.status);
      // one wins; the other is refused: 409 last_admin when both got past the role check, or 403
      // when the winner had already taken the loser's admin role before the loser's request began
      expect(statuses).toContain(mode === 'demote' ? 200 : 204);
      expect(statuses.filter((s) => s === 409 || s === 403)).toHaveLength(1);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM membership WHERE organization_id = $1 AND 'admin' = ANY(roles)`,
        [org.id],
      );
      expect(n).toBe(1);
    }
  });

  it("keeps another municipality's admin out (tenant isolation)", async () => {
    const a = await cityWithAdmin();
    const b = await cityWithAdmin();
    const memberOfA = await newSignedInPerson(t.url, { displayName: 'شهروند الف', organization: a.org.slug });

    // through A's routes: not a member of A
    expect((await b.admin.client.get(`/api/orgs/${a.org.slug}/members`)).status).toBe(403);
    expect((await b.admin.client.delete(`/api/orgs/${a.org.slug}/members/${memberOfA.accountId}`)).status).toBe(403);
    // through B's own routes, A's member does not exist
    const viaB = [
      await b.admin.client.delete(`/api/orgs/${b.org.slug}/members/${memberOfA.accountId}`),
      await b.admin.client.put(`/api/orgs/${b.org.slug}/members/${memberOfA.accountId}/district`, { districtId: null }),
      await b.admin.client.put(`/api/orgs/${b.org.slug}/members/${memberOfA.accountId}/roles`, { roles: ['admin'] }),
    ];
    for (const res of viaB) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('identity.membership_not_found');
    }
    expect(names(await b.admin.client.get(`/api/orgs/${b.org.slug}/members?q=${encodeURIComponent('الف')}`))).toEqual([]);
    const [row] = await t.db.query(`SELECT roles FROM membership WHERE organization_id = $1 AND account_id = $2`, [
      a.org.id,
      memberOfA.accountId,
    ]);
    expect(row.roles).toEqual(['citizen']);
  });
});
