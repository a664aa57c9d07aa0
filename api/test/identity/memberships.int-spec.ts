import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { grantRoles, newSignedInPerson } from './identity-helpers';

describe('memberships and roles', () => {
  let t: TestApp;
  let cityA: BuiltOrganization;
  let cityB: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    cityA = await buildOrganization(t.db);
    cityB = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  async function adminOf(org: BuiltOrganization) {
    const person = await newSignedInPerson(t.url, { displayName: 'مدیر' });
    await grantRoles(t.db, org.id, person.accountId, ['citizen', 'admin']);
    return person;
  }

  it('joins a municipality as a citizen, once', async () => {
    const { client } = await newSignedInPerson(t.url);
    const first = await client.post(`/api/orgs/${cityA.slug}/join`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      organizationId: cityA.id,
      organizationSlug: cityA.slug,
      roles: ['citizen'],
      districtId: null,
    });
    expect((await client.post(`/api/orgs/${cityA.slug}/join`)).body).toEqual(first.body);
    expect((await client.get('/api/me')).body.memberships).toHaveLength(1);
  });

  it('needs a session to join, and a real municipality', async () => {
    const anonymous = await newSignedInPerson(t.url);
    await anonymous.client.post('/api/auth/sign-out');
    expect((await anonymous.client.post(`/api/orgs/${cityA.slug}/join`)).status).toBe(401);
    const { client } = await newSignedInPerson(t.url);
    expect((await client.post('/api/orgs/no-such-city/join')).body.code).toBe('organizations.not_found');
  });

  it("sets one's district only to a district of that municipality", async () => {
    const { client } = await newSignedInPerson(t.url, { organization: cityA.slug });
    const ok = await client.patch(`/api/orgs/${cityA.slug}/me`, { districtId: cityA.districtIds[1] });
    expect(ok.status).toBe(200);
    expect(ok.body.districtId).toBe(cityA.districtIds[1]);
    const foreign = await client.patch(`/api/orgs/${cityA.slug}/me`, { districtId: cityB.districtIds[0] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('organizations.district_not_found');
    expect((await client.patch(`/api/orgs/${cityA.slug}/me`, { districtId: null })).body.districtId).toBeNull();
    const notMember = await client.patch(`/api/orgs/${cityB.slug}/me`, { districtId: null });
    expect(notMember.status).toBe(403);
    expect(notMember.body.code).toBe('identity.not_a_member');
  });

  it('the database refuses a district of another municipality', async () => {
    const { accountId } = await newSignedInPerson(t.url, { organization: cityA.slug });
    await expect(
      t.db.query(`UPDATE membership SET district_id = $1 WHERE account_id = $2`, [cityB.districtIds[0], accountId]),
    ).rejects.toThrow(/fk_membership_district/);
  });

  it('lets only admins list members (@Roles), page by page', async () => {
    const org = await buildOrganization(t.db);
    const admin = await adminOf(org);
    const citizen = await newSignedInPerson(t.url, { organization: org.slug });
    for (let i = 0; i < 3; i++) await newSignedInPerson(t.url, { organization: org.slug });

    const refused = await citizen.client.get(`/api/orgs/${org.slug}/members`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('identity.forbidden');
    const outsider = await newSignedInPerson(t.url);
    expect((await outsider.client.get(`/api/orgs/${org.slug}/members`)).body.code).toBe('identity.not_a_member');

    const page1 = await admin.client.get(`/api/orgs/${org.slug}/members?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await admin.client.get(`/api/orgs/${org.slug}/members?limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await admin.client.get(`/api/orgs/${org.slug}/members?limit=2&cursor=${page2.body.nextCursor}`);
    expect(page3.body.nextCursor).toBeNull();
    const ids = [...page1.body.items, ...page2.body.items, ...page3.body.items].map(
      (m: { accountId: string }) => m.accountId,
    );
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids[0]).toBe(admin.accountId);
    expect(page1.body.items[0]).toMatchObject({ displayName: 'مدیر', roles: ['citizen', 'admin'], status: 'active' });

    expect((await admin.client.get(`/api/orgs/${org.slug}/members?cursor=garbage`)).status).toBe(400);
  });

  it('lets an admin change roles in their municipality, and tells the member', async () => {
    const org = await buildOrganization(t.db);
    const admin = await adminOf(org);
    const member = await newSignedInPerson(t.url, { organization: org.slug });
    const res = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, {
      roles: ['citizen', 'planner'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accountId: member.accountId, roles: ['citizen', 'planner'] });
    expect((await member.client.get('/api/me')).body.memberships[0].roles).toEqual(['citizen', 'planner']);

    const bad = await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, { roles: ['mayor'] });
    expect(bad.status).toBe(400);
    expect(
      (await admin.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, { roles: [] })).status,
    ).toBe(400);
  });

  it("keeps an admin of one municipality out of another's roles (tenant isolation)", async () => {
    const orgA = await buildOrganization(t.db);
    const orgB = await buildOrganization(t.db);
    const adminA = await adminOf(orgA);
    const memberB = await newSignedInPerson(t.url, { organization: orgB.slug });

    const inB = await adminA.client.put(`/api/orgs/${orgB.slug}/members/${memberB.accountId}/roles`, {
      roles: ['admin'],
    });
    expect(inB.status).toBe(403);
    // through their own municipality's route, the other municipality's member does not exist
    const viaA = await adminA.client.put(`/api/orgs/${orgA.slug}/members/${memberB.accountId}/roles`, {
      roles: ['admin'],
    });
    expect(viaA.status).toBe(404);
    expect(viaA.body.code).toBe('identity.membership_not_found');
    const [row] = await t.db.query(`SELECT roles FROM membership WHERE organization_id = $1 AND account_id = $2`, [
      orgB.id,
      memberB.accountId,
    ]);
    expect(row.roles).toEqual(['citizen']);
    expect((await adminA.client.get(`/api/orgs/${orgB.slug}/members`)).status).toBe(403);
  });

  it('never leaves a municipality without an admin', async () => {
    const org = await buildOrganization(t.db);
    const admin = await adminOf(org);
    const res = await admin.client.put(`/api/orgs/${org.slug}/members/${admin.accountId}/roles`, {
      roles: ['citizen'],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('identity.last_admin');

    const second = await newSignedInPerson(t.url, { organization: org.slug });
    await admin.client.put(`/api/orgs/${org.slug}/members/${second.accountId}/roles`, { roles: ['admin'] });
    expect(
      (await admin.client.put(`/api/orgs/${org.slug}/members/${admin.accountId}/roles`, { roles: ['citizen'] })).status,
    ).toBe(200);
    // no longer an admin: the guard now refuses
    expect((await admin.client.get(`/api/orgs/${org.slug}/members`)).status).toBe(403);
  });

  it('lets a superadmin act in any municipality', async () => {
    const org = await buildOrganization(t.db);
    const root = await newSignedInPerson(t.url);
    await t.db.query(`UPDATE account SET is_superadmin = true WHERE id = $1`, [root.accountId]);
    const member = await newSignedInPerson(t.url, { organization: org.slug });
    expect((await root.client.get(`/api/orgs/${org.slug}/members`)).status).toBe(200);
    const res = await root.client.put(`/api/orgs/${org.slug}/members/${member.accountId}/roles`, { roles: ['admin'] });
    expect(res.status).toBe(200);
  });
});
