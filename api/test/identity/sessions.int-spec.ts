import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { ageCodes, newSignedInPerson, signInByMobile } from './identity-helpers';

describe('sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sets an httpOnly, SameSite=Lax session cookie and stores only its hash', async () => {
    const client = new TestClient(t.url);
    await client.post('/api/auth/code', { mobile: '09120000001' });
    const outbox = await client.get('/api/dev/outbox?recipient=09120000001');
    const code = /(\d{6})/.exec(outbox.body[0].body)![1];
    const res = await client.post('/api/auth/code/verify', { mobile: '09120000001', code, displayName: 'Ali' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hm_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    const token = client.cookies.get('hm_session')!;
    const rows = await t.db.query(`SELECT encode(token_hash, 'hex') AS hash FROM session WHERE account_id = $1`, [
      res.body.account.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).not.toContain(Buffer.from(token).toString('hex'));
  });

  it('answers /api/auth/session for anonymous visitors with the CSRF token', async () => {
    const client = new TestClient(t.url);
    const res = await client.get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ account: null, memberships: [], csrfToken: client.cookies.get('hm_csrf') });
  });

  it('starts a new session on every sign-in; the old cookie stops working', async () => {
    const { client, mobile } = await newSignedInPerson(t.url);
    const oldToken = client.cookies.get('hm_session')!;
    await ageCodes(t.db, mobile, 120);
    expect((await signInByMobile(client, mobile, {})).status).toBe(200);
    const newToken = client.cookies.get('hm_session')!;
    expect(newToken).not.toBe(oldToken);
    expect((await client.get('/api/me')).status).toBe(200);

    const thief = new TestClient(t.url);
    thief.cookies.set('hm_session', oldToken);
    const res = await thief.get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('identity.session_expired');
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const { client } = await newSignedInPerson(t.url);
    const token = client.cookies.get('hm_session')!;
    const res = await client.post('/api/auth/sign-out');
    expect(res.status).toBe(204);
    expect(client.cookies.has('hm_session')).toBe(false);
    expect((await client.get('/api/me')).body.code).toBe('identity.unauthenticated');
    const replay = new TestClient(t.url);
    replay.cookies.set('hm_session', token);
    expect((await replay.get('/api/me')).status).toBe(401);
    // a public route treats the dead cookie as anonymous
    const session = await replay.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.account).toBeNull();
  });

  it('refuses an expired or made-up cookie on protected routes', async () => {
    const { client, accountId } = await newSignedInPerson(t.url);
    await t.db.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [accountId]);
    const expired = await client.get('/api/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('identity.session_expired');

    const forger = new TestClient(t.url);
    forger.cookies.set('hm_session', 'A'.repeat(43));
    expect((await forger.get('/api/me')).status).toBe(401);
  });

  it('ends every session of an account a superadmin disables, and lets it back when enabled', async () => {
    const admin = await newSignedInPerson(t.url);
    await t.db.query(`UPDATE account SET is_superadmin = true WHERE id = $1`, [admin.accountId]);
    const person = await newSignedInPerson(t.url);
    const secondTab = new TestClient(t.url);
    secondTab.cookies.set('hm_session', person.client.cookies.get('hm_session')!);

    const forbidden = await person.client.post(`/api/admin/accounts/${admin.accountId}/disable`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('identity.forbidden');

    expect((await admin.client.post(`/api/admin/accounts/${person.accountId}/disable`)).status).toBe(204);
    expect((await person.client.get('/api/me')).status).toBe(401);
    expect((await secondTab.get('/api/me')).status).toBe(401);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM session WHERE account_id = $1`, [
      person.accountId,
    ]);
    expect(count).toBe(0);

    expect((await admin.client.post(`/api/admin/accounts/${person.accountId}/enable`)).status).toBe(204);
    await ageCodes(t.db, person.mobile, 120);
    expect((await signInByMobile(person.client, person.mobile, {})).status).toBe(200);
  });

  it('answers 404 for disabling an account that does not exist', async () => {
    const admin = await newSignedInPerson(t.url);
    await t.db.query(`UPDATE account SET is_superadmin = true WHERE id = $1`, [admin.accountId]);
    const res = await admin.client.post(`/api/admin/accounts/00000000-0000-4000-8000-000000000000/disable`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('identity.account_not_found');
  });
});

describe('request hygiene on identity routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a profile change without the CSRF header and changes nothing', async () => {
    const { client, accountId } = await newSignedInPerson(t.url, { displayName: 'Before' });
    const res = await client.patch('/api/me', { displayName: 'After' }, { headers: { 'x-csrf-token': null } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('common.csrf_invalid');
    const [row] = await t.db.query(`SELECT display_name FROM account WHERE id = $1`, [accountId]);
    expect(row.display_name).toBe('Before');
  });

  it('rejects unknown fields with a field map', async () => {
    const res = await new TestClient(t.url).post('/api/auth/code', { mobile: '09121234567', isSuperadmin: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'common.validation_failed', fields: { isSuperadmin: 'unknown_field' } });
  });

  it('answers malformed JSON with 400 common.malformed_json', async () => {
    const client = new TestClient(t.url);
    await client.get('/api/auth/session');
    const res = await client.raw('POST', '/api/auth/code', '{"mobile": "0912', {
      'x-csrf-token': client.cookies.get('hm_csrf')!,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('common.malformed_json');
  });

  it('answers a body over 1 MiB with 413', async () => {
    const client = new TestClient(t.url);
    await client.get('/api/auth/session');
    const body = JSON.stringify({ mobile: '09121234567', padding: 'x'.repeat(1024 * 1024 + 10) });
    const res = await client.raw('POST', '/api/auth/code', body, { 'x-csrf-token': client.cookies.get('hm_csrf')! });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('common.payload_too_large');
  });

  it('runs a POST with an Idempotency-Key once and replays its answer', async () => {
    const { client, accountId } = await newSignedInPerson(t.url);
    const [org] = await t.db.query(
      `INSERT INTO organization (slug, name, map_center_lat, map_center_lng) VALUES ('idem-city', '{"fa":"x"}', 32, 51) RETURNING id`,
    );
    const first = await client.post('/api/orgs/idem-city/join', undefined, {
      headers: { 'idempotency-key': 'join-1' },
    });
    const second = await client.post('/api/orgs/idem-city/join', undefined, {
      headers: { 'idempotency-key': 'join-1' },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const rows = await t.db.query(`SELECT 1 FROM membership WHERE organization_id = $1 AND account_id = $2`, [
      org.id,
      accountId,
    ]);
    expect(rows).toHaveLength(1);
  });
});
