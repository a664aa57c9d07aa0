import { randomBytes } from 'node:crypto';
import { buildOrganization } from '../factories/organization.factory';
import { buildProblemCollection } from '../factories/problem.factory';
import { newMobile, newSignedInPerson, signInByMobile } from '../identity/identity-helpers';
import { auditActions, invitationTokenSentTo, superadmin } from '../invitations/invitation-helpers';
import { member, problemBody } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

const newSlug = () => `hamedan-${randomBytes(3).toString('hex')}`;

function hamedan(slug: string, firstAdmin: string) {
  return {
    slug,
    name: { fa: 'همدان', en: 'Hamedan' },
    defaultLocale: 'fa',
    mapCenter: { lat: 34.7989, lng: 48.5146 },
    mapZoom: 12,
    contactEmail: 'info@hamedan.ir',
    timeZone: 'Asia/Tehran',
    firstAdmin,
  };
}

describe('platform administration of municipalities (superadmin)', () => {
  let t: TestApp;
  let root: Awaited<ReturnType<typeof superadmin>>;

  beforeAll(async () => {
    t = await startTestApp();
    root = await superadmin(t);
  });
  afterAll(() => t.close());

  it('creates a municipality whose invited first admin signs in, accepts and administers it', async () => {
    const slug = newSlug();
    const adminMobile = newMobile();
    const created = await root.client.post('/api/platform/organizations', hamedan(slug, adminMobile));
    expect(created.status).toBe(201);
    expect(created.body.organization).toMatchObject({
      slug,
      name: { fa: 'همدان', en: 'Hamedan' },
      status: 'active',
      timeZone: 'Asia/Tehran',
      contactEmail: 'info@hamedan.ir',
      counts: { members: 0, plans: 0, problems: 0, comments: 0 },
    });
    expect(created.body.invitation).toMatchObject({ channel: 'sms', roles: ['admin'], status: 'pending' });
    const organizationId = created.body.organization.id as string;

    // The public page knows it at once.
    expect((await new TestClient(t.url).get(`/api/orgs/${slug}`)).body).toMatchObject({ slug, status: 'active' });

    // The invitation went out by SMS; the token is only in the message, never in the database.
    const invited = new TestClient(t.url);
    const token = await invitationTokenSentTo(invited, adminMobile);
    const stored: { token_hash: Buffer }[] = await t.db.query(`SELECT token_hash FROM invitation WHERE organization_id = $1`, [organizationId]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash.toString('base64url')).not.toBe(token);

    const preview = await invited.get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ organization: { slug, name: { fa: 'همدان' } }, roles: ['admin'], channel: 'sms' });
    expect(preview.body.maskedContact).not.toContain(adminMobile.slice(4, 8));

    // Not yet signed in: accepting needs a session.
    expect((await invited.post(`/api/invitations/${token}/accept`)).status).toBe(401);
    const signedIn = await signInByMobile(invited, adminMobile, { displayName: 'مدیر همدان' });
    expect(signedIn.status).toBe(200);
    // Before accepting, the new admin cannot see the members.
    expect((await invited.get(`/api/orgs/${slug}/members`)).status).toBe(403);

    const accepted = await invited.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership).toMatchObject({ organizationId, organizationSlug: slug });
    expect(accepted.body.membership.roles).toEqual(expect.arrayContaining(['admin', 'citizen']));

    const members = await invited.get(`/api/orgs/${slug}/members`);
    expect(members.status).toBe(200);
    expect(members.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['مدیر همدان']);
    expect((await invited.get('/api/me')).body.memberships).toEqual([
      expect.objectContaining({ organizationSlug: slug, roles: expect.arrayContaining(['admin']) }),
    ]);

    // The list shows the member; everything was audited in the municipality's own log.
    const list = await root.client.get('/api/platform/organizations');
    expect(list.status).toBe(200);
    expect(list.body.find((o: { id: string }) => o.id === organizationId).counts.members).toBe(1);
    expect(await auditActions(t, organizationId)).toEqual(['organization.created', 'invitation.invited', 'invitation.accepted']);
  });

  it('refuses a taken slug (409 on the field) and leaves nothing half-saved', async () => {
    const slug = newSlug();
    expect((await root.client.post('/api/platform/organizations', hamedan(slug, newMobile()))).status).toBe(201);
    const secondAdmin = newMobile();
    const again = await root.client.post('/api/platform/organizations', hamedan(slug, secondAdmin));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'organizations.slug_taken', fields: { slug: 'invalid_value' } });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM organization WHERE slug = $1`, [slug]);
    expect(count).toBe(1);
    const [{ invitations }] = await t.db.query(
      `SELECT count(*)::int AS invitations FROM invitation WHERE contact = $1`,
      [`+98${secondAdmin.slice(1)}`],
    );
    expect(invitations).toBe(0);
    expect((await new TestClient(t.url).get(`/api/dev/outbox?recipient=${secondAdmin}`)).body).toEqual([]);
  });

  it('points at the bad field: slug characters, time zone, map centre, first admin', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: 'Hamedan City!' }, 'slug'],
      [{ slug: 'platform' }, 'slug'],
      [{ slug: 'همدان' }, 'slug'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ mapCenter: { lat: 95, lng: 48 } }, 'mapCenter.lat'],
      [{ mapZoom: 40 }, 'mapZoom'],
      [{ firstAdmin: 'نه موبایل نه ایمیل' }, 'firstAdmin'],
      [{ name: { en: 'Hamedan' } }, 'name.fa'],
    ];
    for (const [override, field] of cases) {
      const res = await root.client.post('/api/platform/organizations', { ...hamedan(newSlug(), newMobile()), ...override });
      expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'common.validation_failed' });
      expect(Object.keys(res.body.fields)).toContain(field);
    }
  });

  it('is for superadmins only', async () => {
    const org = await buildOrganization(t.db);
    const admin = await member(t, org, ['admin'], 'مدیر شهر');
    const refused = await admin.client.post('/api/platform/organizations', hamedan(newSlug(), newMobile()));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('identity.forbidden');
    expect((await admin.client.get('/api/platform/organizations')).status).toBe(403);
    expect((await admin.client.post(`/api/platform/organizations/${org.id}/suspend`)).status).toBe(403);
    expect((await new TestClient(t.url).get('/api/platform/organizations')).status).toBe(401);
    const [{ status }] = await t.db.query(`SELECT status FROM organization WHERE id = $1`, [org.id]);
    expect(status).toBe('active');
  });

  it('renames a municipality: the public page shows the new name at once, audited with before and after', async () => {
    const created = await root.client.post('/api/platform/organizations', hamedan(newSlug(), newMobile()));
    const { id, slug } = created.body.organization;
    await new TestClient(t.url).get(`/api/orgs/${slug}`); // now kept in this process's cache
    const renamed = await root.client.patch(`/api/platform/organizations/${id}`, {
      name: { fa: 'شهرداری همدان', ar: 'بلدية همدان', en: 'Hamedan Municipality' },
      mapZoom: 13,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: { fa: 'شهرداری همدان' }, mapZoom: 13, timeZone: 'Asia/Tehran' });
    expect((await new TestClient(t.url).get(`/api/orgs/${slug}`)).body.name.fa).toBe('شهرداری همدان');
    const [entry] = await t.db.query(
      `SELECT before, after FROM audit_entry WHERE entity_id = $1 AND action = 'organization.updated'`,
      [id],
    );
    expect(entry.before.name.fa).toBe('همدان');
    expect(entry.after.name.fa).toBe('شهرداری همدان');
    expect((await root.client.patch('/api/platform/organizations/00000000-0000-0000-0000-000000000000', { mapZoom: 3 })).status).toBe(404);
    for (const path of ['not-a-uuid', 'not-a-uuid/suspend', 'not-a-uuid/reactivate']) {
      const res = await root.client.request(path.includes('/') ? 'POST' : 'PATCH', `/api/platform/organizations/${path}`, { body: {} });
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'organizations.not_found' });
    }
    expect((await root.client.get('/api/platform/organizations/not-a-uuid')).status).toBe(404);
  });

  it('suspends a municipality: its pages say so, every submission answers 423 and changes nothing; re-activation restores it', async () => {
    const org = await buildOrganization(t.db);
    const collection = await buildProblemCollection(t.db, org.id);
    const citizen = await member(t, org);
    const admin = await member(t, org, ['admin'], 'مدیر شهر');
    const before = await citizen.client.post(`/api/orgs/${org.slug}/activities/${collection.activityId}/problems`, problemBody(org));
    expect(before.status).toBe(201);
    const problemId = before.body.id as string;
    const outsider = await newSignedInPerson(t.url);
    const supporter = await member(t, org, ['citizen'], 'حامی');

    const suspended = await root.client.post(`/api/platform/organizations/${org.id}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedAt: expect.any(String) });
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}`)).body.status).toBe('suspended');

    const attempts = [
      citizen.client.post(`/api/orgs/${org.slug}/activities/${collection.activityId}/problems`, problemBody(org)),
      supporter.client.put(`/api/orgs/${org.slug}/problems/${problemId}/support`),
      citizen.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: problemId, body: 'موافقم' }),
      outsider.client.post(`/api/orgs/${org.slug}/join`),
      admin.client.post(`/api/orgs/${org.slug}/invitations`, { contact: newMobile(), roles: ['planner'] }),
      root.client.put(`/api/orgs/${org.slug}/members/${citizen.accountId}/roles`, { roles: ['planner'] }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 423, code: 'organizations.suspended' });
    }
    const counts = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM problem WHERE organization_id = $1)::int AS problems,
                  (SELECT count(*) FROM problem_support WHERE problem_id = $2)::int AS supports,
                  (SELECT count(*) FROM comment WHERE organization_id = $1)::int AS comments,
                  (SELECT count(*) FROM membership WHERE organization_id = $1)::int AS members,
                  (SELECT count(*) FROM invitation WHERE organization_id = $1)::int AS invitations`,
          [org.id, problemId],
        )
      )[0];
    expect(await counts()).toEqual({ problems: 1, supports: 0, comments: 0, members: 3, invitations: 0 });
    // Signing up on its page signs in but joins nothing.
    const newcomer = await newSignedInPerson(t.url, { organization: org.slug });
    expect((await newcomer.client.get('/api/me')).body.memberships).toEqual([]);
    // Reading still works.
    expect((await citizen.client.get(`/api/orgs/${org.slug}/problems/${problemId}`)).status).toBe(200);
    // Suspending twice changes nothing and is audited once.
    expect((await root.client.post(`/api/platform/organizations/${org.id}/suspend`)).status).toBe(200);

    const reactivated = await root.client.post(`/api/platform/organizations/${org.id}/reactivate`);
    expect(reactivated.body).toMatchObject({ status: 'active', suspendedAt: null });
    expect((await supporter.client.put(`/api/orgs/${org.slug}/problems/${problemId}/support`)).status).toBe(200);
    expect(
      (await citizen.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: problemId, body: 'موافقم' })).status,
    ).toBe(201);
    expect((await outsider.client.post(`/api/orgs/${org.slug}/join`)).status).toBe(200);
    expect(await auditActions(t, org.id, org.id)).toEqual(['organization.suspended', 'organization.reactivated']);
  });

  it('lists every municipality with its counts', async () => {
    const org = await buildOrganization(t.db);
    await member(t, org);
    await member(t, org);
    const collection = await buildProblemCollection(t.db, org.id);
    const author = await member(t, org);
    expect((await author.client.post(`/api/orgs/${org.slug}/activities/${collection.activityId}/problems`, problemBody(org))).status).toBe(201);
    const list = await root.client.get('/api/platform/organizations');
    const row = list.body.find((o: { id: string }) => o.id === org.id);
    expect(row).toMatchObject({ slug: org.slug, status: 'active', counts: { members: 3, plans: 1, problems: 1, comments: 0 } });
  });
});
