import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { ageRateLimits, signUpByEmail } from './identity-helpers';

const newEmail = () => `Person.${randomBytes(4).toString('hex')}@Example.org`;
const PASSWORD = 'correct horse battery';

describe('signing up and in with email and password', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs up with the code from the e-mail, stores an argon2id hash, and signs in with any letter case', async () => {
    const email = newEmail();
    const client = new TestClient(t.url);
    const requested = await client.post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({ maskedEmail: 'p***@example.org', expiresInSeconds: 300, resendInSeconds: 60 });
    expect(await t.db.query(`SELECT 1 FROM account WHERE email = $1`, [email.toLowerCase()])).toHaveLength(0);

    const up = await signUpByEmail(new TestClient(t.url), {
      email: newEmail(),
      password: PASSWORD,
      displayName: 'Sara',
    });
    expect(up.status).toBe(201);
    const upEmail = up.body.account.email as string;
    expect(up.body.account).toMatchObject({ mobile: null, displayName: 'Sara' });
    const [row] = await t.db.query(`SELECT password_hash FROM account WHERE email = $1`, [upEmail]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const [code] = await t.db.query(`SELECT payload FROM one_time_code WHERE recipient = $1`, [upEmail]);
    expect(code.payload).toBeNull();

    const other = new TestClient(t.url);
    const signedIn = await other.post('/api/auth/email/sign-in', { email: upEmail.toUpperCase(), password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(up.body.account.id);
  });

  it('refuses a wrong sign-up code and creates nothing', async () => {
    const email = newEmail();
    const client = new TestClient(t.url);
    await client.post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
    const res = await client.post('/api/auth/email/sign-up/verify', { email, code: '000000' });
    const again = await client.post('/api/auth/email/sign-up/verify', { email, code: '999999' });
    expect([res.body.code, again.body.code]).toContain('identity.code_invalid');
    expect(await t.db.query(`SELECT 1 FROM account WHERE email = $1`, [email.toLowerCase()])).toHaveLength(0);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const email = newEmail();
    await signUpByEmail(new TestClient(t.url), { email, password: PASSWORD, displayName: 'Sara' });
    const client = new TestClient(t.url);
    const wrong = await client.post('/api/auth/email/sign-in', { email, password: 'not the password' });
    const unknown = await client.post('/api/auth/email/sign-in', { email: newEmail(), password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('identity.credentials_invalid');
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(client.cookies.has('hm_session')).toBe(false);
  });

  it('locks the guessing client out after five wrong passwords, for about 15 minutes', async () => {
    const email = newEmail();
    await signUpByEmail(new TestClient(t.url), { email, password: PASSWORD, displayName: 'Sara' });
    const attacker = new TestClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attacker.post('/api/auth/email/sign-in', { email, password: `guess number ${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await attacker.post('/api/auth/email/sign-in', { email, password: PASSWORD });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('identity.account_locked');

    await ageRateLimits(t.db, 31 * 60);
    expect((await attacker.post('/api/auth/email/sign-in', { email, password: PASSWORD })).status).toBe(200);
  });

  it('rejects a short password with a field error', async () => {
    const res = await new TestClient(t.url).post('/api/auth/email/sign-up', {
      email: newEmail(),
      password: 'short',
      displayName: 'Sara',
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ password: 'too_short' });
  });
});

describe('rate limits on password sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1' });
  });
  afterAll(() => t.close());

  it('limits one address to 60 password attempts in 10 minutes, whatever the e-mails', async () => {
    const client = new TestClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 63; i++)
      statuses.push(
        (await client.post('/api/auth/email/sign-in', { email: newEmail(), password: 'whatever it is' })).status,
      );
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    // one or two more may pass if a window boundary falls mid-way (the sliding estimate), never fewer
    expect(statuses.slice(62)).toEqual([429]);
    // 63 argon2 verifications: slow on a busy machine
  }, 120_000);
});
