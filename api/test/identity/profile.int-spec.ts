import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildOrganization } from '../factories/organization.factory';
import { e164, newSignedInPerson } from './identity-helpers';

describe('my profile, my data, deleting my account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('edits the display name and language', async () => {
    const { client } = await newSignedInPerson(t.url);
    const res = await client.patch('/api/me', { displayName: '  رضا  ', locale: 'ar' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'رضا', locale: 'ar' });
  });

  it('stores demographics only with consent, and erases them when consent is withdrawn', async () => {
    const { client, accountId } = await newSignedInPerson(t.url);
    const without = await client.patch('/api/me', { ageBand: '30_44' });
    expect(without.status).toBe(400);
    expect(without.body.code).toBe('identity.consent_required');

    const given = await client.patch('/api/me', { demographicsConsent: true, ageBand: '30_44', gender: 'female' });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ demographicsConsent: true, ageBand: '30_44', gender: 'female' });
    expect((await client.patch('/api/me', { gender: 'other' })).body.gender).toBe('other');

    const contradictory = await client.patch('/api/me', { demographicsConsent: false, ageBand: '18_29' });
    expect(contradictory.status).toBe(400);

    const withdrawn = await client.patch('/api/me', { demographicsConsent: false });
    expect(withdrawn.body).toMatchObject({ demographicsConsent: false, ageBand: null, gender: null });
    const [row] = await t.db.query(`SELECT age_band, gender, demographics_consent_at FROM account WHERE id = $1`, [
      accountId,
    ]);
    expect(row).toEqual({ age_band: null, gender: null, demographics_consent_at: null });
  });

  it('the database itself refuses demographics without consent', async () => {
    const { accountId } = await newSignedInPerson(t.url);
    await expect(t.db.query(`UPDATE account SET gender = 'male' WHERE id = $1`, [accountId])).rejects.toThrow(
      /ck_account_demographics_consent/,
    );
  });

  it('exports my account, memberships, sessions and messages, without token hashes', async () => {
    const org = await buildOrganization(t.db);
    const { client, accountId, mobile } = await newSignedInPerson(t.url, {
      displayName: 'نرگس',
      organization: org.slug,
    });
    const res = await client.get('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hamandishi-my-data.json"');
    expect(res.body.account).toMatchObject({ id: accountId, displayName: 'نرگس', mobile: e164(mobile) });
    expect(res.body.memberships).toEqual([expect.objectContaining({ organizationSlug: org.slug, roles: ['citizen'] })]);
    expect(res.body.sessions).toHaveLength(1);
    expect(res.body.messages[0].body).toMatch(/هم‌اندیشی/);
    const [{ hash }] = await t.db.query(`SELECT encode(token_hash, 'hex') AS hash FROM session WHERE account_id = $1`, [
      accountId,
    ]);
    expect(res.text).not.toContain(hash);
    expect(res.text).not.toContain(client.cookies.get('hm_session')!);
    expect(res.text).not.toMatch(/token_?hash|password/i);
  });

  it('deleting my account anonymises it, keeps memberships as citizen, and signs me out everywhere', async () => {
    const org = await buildOrganization(t.db);
    const { client, accountId, mobile } = await newSignedInPerson(t.url, {
      displayName: 'حذف‌شونده',
      organization: org.slug,
    });
    await t.db.query(`UPDATE membership SET roles = '{citizen,planner}' WHERE account_id = $1`, [accountId]);
    await client.patch('/api/me', { demographicsConsent: true, ageBand: '45_59' });
    const otherTab = new TestClient(t.url);
    otherTab.cookies.set('hm_session', client.cookies.get('hm_session')!);

    const res = await client.delete('/api/me');
    expect(res.status).toBe(204);
    expect(client.cookies.has('hm_session')).toBe(false);
    expect((await otherTab.get('/api/me')).status).toBe(401);

    const [account] = await t.db.query(
      `SELECT status, display_name, mobile, email, password_hash, age_band, demographics_consent_at FROM account WHERE id = $1`,
      [accountId],
    );
    expect(account).toEqual({
      status: 'deleted',
      display_name: 'deleted-account',
      mobile: null,
      email: null,
      password_hash: null,
      age_band: null,
      demographics_consent_at: null,
    });
    const memberships = await t.db.query(`SELECT roles FROM membership WHERE account_id = $1`, [accountId]);
    expect(memberships).toEqual([{ roles: ['citizen'] }]);

    // the number is free again: signing up with it makes a new account
    const again = await newSignedInPerson(t.url);
    expect(again.accountId).not.toBe(accountId);
    void mobile;
  });
});
