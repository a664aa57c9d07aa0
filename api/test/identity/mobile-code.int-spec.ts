import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildOrganization } from '../factories/organization.factory';
import { ageCodes, ageRateLimits, e164, lastCode, newMobile, signInByMobile } from './identity-helpers';

describe('signing up and in with an SMS code', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs a new number up, then signs the same number in', async () => {
    const org = await buildOrganization(t.db);
    const client = new TestClient(t.url);
    const mobile = newMobile();

    const requested = await client.post('/api/auth/code', {
      mobile: mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]),
    });
    expect(requested.status).toBe(200);
    expect(requested.body).toEqual({
      maskedMobile: expect.stringMatching(/^\+98912\*+\d{4}$/),
      expiresInSeconds: 300,
      resendInSeconds: 60,
    });

    const outbox = await client.get(`/api/dev/outbox?recipient=${e164(mobile)}`);
    expect(outbox.body[0].body).toMatch(/^کد ورود شما به هم‌اندیشی: \d{6}$/);
    const code = await lastCode(client, mobile);

    const signedUp = await client.post('/api/auth/code/verify', {
      mobile,
      code,
      displayName: 'مریم',
      organization: org.slug,
    });
    expect(signedUp.status).toBe(200);
    expect(signedUp.body.account).toMatchObject({
      displayName: 'مریم',
      mobile: e164(mobile),
      email: null,
      isSuperadmin: false,
    });
    expect(signedUp.body.memberships).toEqual([
      { organizationId: org.id, organizationSlug: org.slug, roles: ['citizen'], districtId: null },
    ]);
    expect(client.cookies.get('hm_session')).toBeTruthy();

    const other = new TestClient(t.url);
    await ageCodes(t.db, mobile, 120);
    const signedIn = await signInByMobile(other, mobile, {});
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(signedUp.body.account.id);
    expect((await other.get('/api/me')).body.account.displayName).toBe('مریم');
  });

  it('asks a new number for a display name without using the code up', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    await client.post('/api/auth/code', { mobile });
    const code = await lastCode(client, mobile);
    const missing = await client.post('/api/auth/code/verify', { mobile, code });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'common.validation_failed', fields: { displayName: 'required' } });
    const retried = await client.post('/api/auth/code/verify', { mobile, code, displayName: 'علی' });
    expect(retried.status).toBe(200);
  });

  it('refuses a wrong code and counts the attempt', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    await client.post('/api/auth/code', { mobile });
    const code = await lastCode(client, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await client.post('/api/auth/code/verify', { mobile, code: wrong, displayName: 'علی' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('identity.code_invalid');
    const [row] = await t.db.query(`SELECT attempts FROM one_time_code WHERE recipient = $1`, [e164(mobile)]);
    expect(row.attempts).toBe(1);
    expect(client.cookies.has('hm_session')).toBe(false);
  });

  it('refuses an expired code', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    await client.post('/api/auth/code', { mobile });
    const code = await lastCode(client, mobile);
    await t.db.query(`UPDATE one_time_code SET expires_at = now() - interval '1 second' WHERE recipient = $1`, [
      e164(mobile),
    ]);
    const res = await client.post('/api/auth/code/verify', { mobile, code, displayName: 'علی' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('identity.code_expired');
  });

  it('accepts a code only once', async () => {
    const mobile = newMobile();
    const first = new TestClient(t.url);
    await first.post('/api/auth/code', { mobile });
    const code = await lastCode(first, mobile);
    expect((await first.post('/api/auth/code/verify', { mobile, code, displayName: 'علی' })).status).toBe(200);
    const second = new TestClient(t.url);
    const reused = await second.post('/api/auth/code/verify', { mobile, code });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('identity.code_invalid');
    expect(second.cookies.has('hm_session')).toBe(false);
  });

  it('only the newest code works after asking again', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    await client.post('/api/auth/code', { mobile });
    const oldCode = await lastCode(client, mobile);
    await ageCodes(t.db, mobile, 61);
    await client.post('/api/auth/code', { mobile });
    const newCode = await lastCode(client, mobile);
    if (oldCode !== newCode) {
      expect(
        (await client.post('/api/auth/code/verify', { mobile, code: oldCode, displayName: 'علی' })).body.code,
      ).toBe('identity.code_invalid');
    }
    expect((await client.post('/api/auth/code/verify', { mobile, code: newCode, displayName: 'علی' })).status).toBe(
      200,
    );
  });

  it('burns the code after five wrong attempts and locks this client out of the number for about 15 minutes', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    await client.post('/api/auth/code', { mobile });
    const code = await lastCode(client, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++)
      answers.push((await client.post('/api/auth/code/verify', { mobile, code: wrong, displayName: 'علی' })).body.code);
    expect(answers).toEqual([...Array(4).fill('identity.code_invalid'), 'identity.code_too_many_attempts']);

    const right = await client.post('/api/auth/code/verify', { mobile, code, displayName: 'علی' });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('identity.account_locked');
    await ageCodes(t.db, mobile, 120);
    const again = await client.post('/api/auth/code', { mobile });
    expect(again.status).toBe(423);

    // later the same client can ask again
    await ageRateLimits(t.db, 31 * 60);
    expect((await client.post('/api/auth/code', { mobile })).status).toBe(200);
  });

  it('makes a person wait a minute before the next code', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    expect((await client.post('/api/auth/code', { mobile })).status).toBe(200);
    const res = await client.post('/api/auth/code', { mobile });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('identity.code_resend_too_soon');
  });

  it('rejects a malformed number with a field error', async () => {
    const client = new TestClient(t.url);
    const res = await client.post('/api/auth/code', { mobile: '12' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'common.validation_failed', fields: { mobile: 'invalid_format' } });
  });

  it('refuses a disabled account', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    const res = await signInByMobile(client, mobile);
    await t.db.query(`UPDATE account SET status = 'disabled' WHERE id = $1`, [res.body.account.id]);
    await ageCodes(t.db, mobile, 120);
    const again = await signInByMobile(new TestClient(t.url), mobile, {});
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('identity.account_disabled');
  });
});

describe('rate limits on code requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1' });
  });
  afterAll(() => t.close());

  it('limits one number to 3 codes in 10 minutes', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await client.post('/api/auth/code', { mobile })).status);
      await ageCodes(t.db, mobile, 61);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limits one address to 90 code requests in 10 minutes: a meeting hall fits, a flood does not', async () => {
    const client = new TestClient(t.url);
    // the first test already spent 4 of this address's window
    const statuses: number[] = [];
    for (let i = 0; i < 95; i++) statuses.push((await client.post('/api/auth/code', { mobile: newMobile() })).status);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(80);
    const last = await client.post('/api/auth/code', { mobile: newMobile() });
    expect(last.status).toBe(429);
    expect(last.body.code).toBe('common.rate_limited');
  });
});
