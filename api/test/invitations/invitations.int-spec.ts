import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { e164, newMobile, newSignedInPerson, signInByMobile, signUpByEmail } from '../identity/identity-helpers';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { auditActions, invitationTokenSentTo } from './invitation-helpers';

type Person = Awaited<ReturnType<typeof newSignedInPerson>>;

describe('invitations', () => {
  let t: TestApp;
  let cityA: BuiltOrganization;
  let cityB: BuiltOrganization;
  let adminA: Person;
  let adminB: Person;
  const outbox = () => new TestClient(t.url);

  beforeAll(async () => {
    t = await startTestApp();
    cityA = await buildOrganization(t.db);
    cityB = await buildOrganization(t.db);
    adminA = await member(t, cityA, ['citizen', 'admin'], 'مدیر الف');
    adminB = await member(t, cityB, ['citizen', 'admin'], 'مدیر ب');
  });
  afterAll(() => t.close());

  async function invite(body: Record<string, unknown>, admin = adminA, org = cityA) {
    return admin.client.post(`/api/orgs/${org.slug}/invitations`, body);
  }

  /** A person who will own `mobile`, signed in. */
  async function signedInAs(mobile: string) {
    const client = new TestClient(t.url);
    const res = await signInByMobile(client, mobile, { displayName: 'دعوت‌شده' });
    expect(res.status).toBe(200);
    return client;
  }

  it('invites by mobile, normalising Persian digits, and the invited person accepts once', async () => {
    const mobile = newMobile();
    const typed = mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
    const created = await invite({ contact: typed, roles: ['planner', 'expert'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      channel: 'sms',
      contact: e164(mobile),
      roles: ['planner', 'expert'],
      status: 'pending',
      invitedBy: { displayName: 'مدیر الف' },
    });
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const token = await invitationTokenSentTo(outbox(), mobile);
    const client = await signedInAs(mobile);
    expect((await client.get('/api/me/invitations')).body).toEqual([
      expect.objectContaining({ id: created.body.id, roles: ['planner', 'expert'], organization: expect.objectContaining({ slug: cityA.slug }) }),
    ]);
    const accepted = await client.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership.roles).toEqual(expect.arrayContaining(['citizen', 'planner', 'expert']));
    expect((await client.get('/api/me/invitations')).body).toEqual([]);

    // Replay: the link is used up, whoever tries.
    const replay = await client.post(`/api/invitations/${token}/accept`);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('invitations.used');
    expect((await outbox().get(`/api/invitations/${token}`)).body.code).toBe('invitations.used');

    const listed = await adminA.client.get(`/api/orgs/${cityA.slug}/invitations?status=accepted`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(await auditActions(t, cityA.id, created.body.id)).toEqual(['invitation.invited', 'invitation.accepted']);
  });

  it('is accepted from the profile by its addressee only', async () => {
    const mobile = newMobile();
    const created = await invite({ contact: mobile, roles: ['expert'] });
    const stranger = await newSignedInPerson(t.url);
    expect((await stranger.client.get('/api/me/invitations')).body).toEqual([]);
    const refused = await stranger.client.post(`/api/me/invitations/${created.body.id}/accept`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('invitations.contact_mismatch');
    const client = await signedInAs(mobile);
    const [mine] = (await client.get('/api/me/invitations')).body;
    expect(mine).toMatchObject({ id: created.body.id, roles: ['expert'], organization: { slug: cityA.slug } });
    const accepted = await client.post(`/api/me/invitations/${mine.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership.roles).toContain('expert');
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const mobile = newMobile();
    await invite({ contact: mobile, roles: ['moderator'] });
    const token = await invitationTokenSentTo(outbox(), mobile);
    const client = await signedInAs(mobile);
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/api/invitations/${token}/accept`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('invites by e-mail; a person whose account has another contact is refused', async () => {
    const email = `staff-${Date.now()}@example.org`;
    const created = await invite({ contact: email.toUpperCase(), roles: ['ngo'] });
    expect(created.body).toMatchObject({ channel: 'email', contact: email });
    const token = await invitationTokenSentTo(outbox(), email);

    const stranger = await newSignedInPerson(t.url);
    const mismatch = await stranger.client.post(`/api/invitations/${token}/accept`);
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.code).toBe('invitations.contact_mismatch');
    expect((await stranger.client.get(`/api/orgs/${cityA.slug}/members`)).status).toBe(403);

    const owner = new TestClient(t.url);
    expect((await signUpByEmail(owner, { email, password: 'رمز-بسیار-امن-۱۴۰۵', displayName: 'نماینده سمن' })).status).toBe(201);
    const accepted = await owner.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership.roles).toContain('ngo');
  });

  it('answers 410 once expired, and nothing is granted', async () => {
    const mobile = newMobile();
    const created = await invite({ contact: mobile, roles: ['admin'] });
    const token = await invitationTokenSentTo(outbox(), mobile);
    await t.db.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    const preview = await outbox().get(`/api/invitations/${token}`);
    expect(preview.status).toBe(410);
    expect(preview.body.code).toBe('invitations.expired');
    const client = await signedInAs(mobile);
    const refused = await client.post(`/api/invitations/${token}/accept`);
    expect(refused.status).toBe(410);
    expect((await client.get(`/api/orgs/${cityA.slug}/members`)).status).toBe(403);
    expect((await adminA.client.get(`/api/orgs/${cityA.slug}/invitations?status=expired`)).body.items.map((i: { id: string }) => i.id)).toContain(
      created.body.id,
    );
  });

  it('revokes a pending invitation: the link answers 409 and cannot be revoked twice', async () => {
    const mobile = newMobile();
    const created = await invite({ contact: mobile, roles: ['planner'] });
    const token = await invitationTokenSentTo(outbox(), mobile);
    const revoked = await adminA.client.post(`/api/orgs/${cityA.slug}/invitations/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const client = await signedInAs(mobile);
    const refused = await client.post(`/api/invitations/${token}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invitations.revoked');
    const again = await adminA.client.post(`/api/orgs/${cityA.slug}/invitations/${created.body.id}/revoke`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invitations.not_pending');
    expect(await auditActions(t, cityA.id, created.body.id)).toEqual(['invitation.invited', 'invitation.revoked']);
  });

  it('resends with a new link: the old one dies, the new one works', async () => {
    const mobile = newMobile();
    const created = await invite({ contact: mobile, roles: ['expert'] });
    const oldToken = await invitationTokenSentTo(outbox(), mobile);
    await t.db.query(`UPDATE invitation SET expires_at = now() - interval '1 day' WHERE id = $1`, [created.body.id]);
    const resent = await adminA.client.post(`/api/orgs/${cityA.slug}/invitations/${created.body.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.status).toBe('pending');
    const newToken = await invitationTokenSentTo(outbox(), mobile);
    expect(newToken).not.toBe(oldToken);
    expect((await outbox().get(`/api/invitations/${oldToken}`)).status).toBe(404);
    const client = await signedInAs(mobile);
    expect((await client.post(`/api/invitations/${oldToken}/accept`)).status).toBe(404);
    expect((await client.post(`/api/invitations/${newToken}/accept`)).status).toBe(200);
    expect(await auditActions(t, cityA.id, created.body.id)).toEqual(['invitation.invited', 'invitation.resent', 'invitation.accepted']);
  });

  it('replaces a pending invitation for the same person instead of adding a second', async () => {
    const mobile = newMobile();
    const first = await invite({ contact: mobile, roles: ['expert'] });
    const second = await invite({ contact: `+98${mobile.slice(1)}`, roles: ['planner'] });
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.roles).toEqual(['planner']);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM invitation WHERE contact = $1`, [e164(mobile)]);
    expect(count).toBe(1);
  });

  it('needs a district of this municipality to invite a manager', async () => {
    const missing = await invite({ contact: newMobile(), roles: ['manager'] });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual({ districtId: 'required' });
    const foreign = await invite({ contact: newMobile(), roles: ['manager'], districtId: cityB.districtIds[0] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('organizations.district_not_found');
    const mobile = newMobile();
    const ok = await invite({ contact: mobile, roles: ['manager'], districtId: cityA.districtIds[1] });
    expect(ok.status).toBe(201);
    const client = await signedInAs(mobile);
    const accepted = await client.post(`/api/invitations/${await invitationTokenSentTo(outbox(), mobile)}/accept`);
    expect(accepted.body.membership).toMatchObject({ districtId: cityA.districtIds[1], roles: expect.arrayContaining(['manager']) });
  });

  it('refuses bad input: an unknown role, citizen, no roles, a contact that is neither', async () => {
    for (const body of [
      { contact: newMobile(), roles: ['mayor'] },
      { contact: newMobile(), roles: ['citizen'] },
      { contact: newMobile(), roles: [] },
      { contact: '12', roles: ['planner'] },
      { contact: 'not an address', roles: ['planner'] },
    ]) {
      const res = await invite(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('common.validation_failed');
    }
  });

  it('keeps each municipality to its own invitations (tenant isolation)', async () => {
    const created = await invite({ contact: newMobile(), roles: ['planner'] });
    const list = await adminB.client.get(`/api/orgs/${cityB.slug}/invitations`);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
    expect((await adminB.client.get(`/api/orgs/${cityA.slug}/invitations`)).status).toBe(403);
    for (const action of ['revoke', 'resend']) {
      const res = await adminB.client.post(`/api/orgs/${cityB.slug}/invitations/${created.body.id}/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('invitations.not_found');
    }
    const planner = await member(t, cityA, ['planner'], 'کارشناس');
    expect((await planner.client.get(`/api/orgs/${cityA.slug}/invitations`)).status).toBe(403);
    expect((await planner.client.post(`/api/orgs/${cityA.slug}/invitations`, { contact: newMobile(), roles: ['admin'] })).status).toBe(403);
    const [row] = await t.db.query(`SELECT revoked_at FROM invitation WHERE id = $1`, [created.body.id]);
    expect(row.revoked_at).toBeNull();
  });

  it('answers 404 for an unknown or malformed token', async () => {
    expect((await outbox().get(`/api/invitations/${'a'.repeat(43)}`)).body.code).toBe('invitations.not_found');
    expect((await outbox().get('/api/invitations/short')).status).toBe(404);
    const someone = await newSignedInPerson(t.url);
    for (const id of ['-'.repeat(36), '00000000-0000-0000-0000-000000000000']) {
      expect((await someone.client.post(`/api/me/invitations/${id}/accept`)).body.code).toBe('invitations.not_found');
    }
  });

  it('pages the list newest first', async () => {
    const org = await buildOrganization(t.db);
    const admin = await member(t, org, ['admin'], 'مدیر');
    for (let i = 0; i < 3; i++) await invite({ contact: newMobile(), roles: ['expert'] }, admin, org);
    const page1 = await admin.client.get(`/api/orgs/${org.slug}/invitations?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await admin.client.get(`/api/orgs/${org.slug}/invitations?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
  });
});

describe('invitation rate limit', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('stops one admin after 30 invitations in ten minutes', async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1' });
    const org = await buildOrganization(t.db);
    const admin = await member(t, org, ['admin'], 'مدیر');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await admin.client.post(`/api/orgs/${org.slug}/invitations`, { contact: newMobile(), roles: ['expert'] })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
