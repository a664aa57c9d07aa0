import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

const newEmail = () => `Person.${randomBytes(4).toString('hex')}@Example.org`;
const PASSWORD = 'correct horse battery';

describe('signing up and in with email and password', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs up, stores an argon2id hash, and signs in with any letter case', async () => {
    const email = newEmail();
    const client = new TestClient(t.url);
    const up = await client.post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
    expect(up.status).toBe(201);
    expect(up.body.account).toMatchObject({ email: email.toLowerCase(), mobile: null, displayName: 'Sara' });
    const [row] = await t.db.query(`SELECT password_hash FROM account WHERE email = $1`, [email.toLowerCase()]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const other = new TestClient(t.url);
    const signedIn = await other.post('/api/auth/email/sign-in', { email: email.toUpperCase(), password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(up.body.account.id);
  });

  it('answers 409 identity.email_taken for an email that has an account', async () => {
    const email = newEmail();
    await new TestClient(t.url).post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
    const again = await new TestClient(t.url).post('/api/auth/email/sign-up', {
      email,
      password: 'another password',
      displayName: 'Eve',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('identity.email_taken');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const email = newEmail();
    await new TestClient(t.url).post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
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

  it('locks the account for 15 minutes after five wrong passwords, even for the right one', async () => {
    const email = newEmail();
    await new TestClient(t.url).post('/api/auth/email/sign-up', { email, password: PASSWORD, displayName: 'Sara' });
    const attacker = new TestClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attacker.post('/api/auth/email/sign-in', { email, password: `guess number ${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const owner = await new TestClient(t.url).post('/api/auth/email/sign-in', { email, password: PASSWORD });
    expect(owner.status).toBe(423);
    expect(owner.body.code).toBe('identity.account_locked');

    await t.db.query(`UPDATE account SET locked_until = now() - interval '1 second' WHERE email = $1`, [
      email.toLowerCase(),
    ]);
    expect((await new TestClient(t.url).post('/api/auth/email/sign-in', { email, password: PASSWORD })).status).toBe(
      200,
    );
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

  it('limits sign-in attempts for one email to 10 in 10 minutes', async () => {
    const client = new TestClient(t.url);
    const email = newEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await client.post('/api/auth/email/sign-in', { email, password: 'whatever it is' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
