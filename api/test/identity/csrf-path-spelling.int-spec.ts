import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { newSignedInPerson } from './identity-helpers';

// The router decodes and tidies a path before matching it; the CSRF check must not be fooled by
// a spelling the router still understands.
const SPELLINGS = ['/%61pi/me', '/api/%6De', '//api/me', '/api//me', '/%2561pi/me', '/api/me;', '/API/me', '/api%2Fme'];

describe('CSRF protection whatever the spelling of the path', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(SPELLINGS)('refuses PATCH %s without the header and leaves the name alone', async (path) => {
    const { client, accountId } = await newSignedInPerson(t.url, { displayName: 'Before' });
    const res = await client.patch(path, { displayName: 'After' }, { headers: { 'x-csrf-token': null } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('common.csrf_invalid');
    const [row] = await t.db.query(`SELECT display_name FROM account WHERE id = $1`, [accountId]);
    expect(row.display_name).toBe('Before');
  });

  it('does not let a forged sign-out through /%61pi end the session', async () => {
    const { client } = await newSignedInPerson(t.url);
    const res = await client.post('/%61pi/auth/sign-out', undefined, { headers: { 'x-csrf-token': null } });
    expect(res.status).toBe(403);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('refuses a no-cors style form post (text/plain, no header, cookies sent) on any spelling', async () => {
    const { client } = await newSignedInPerson(t.url);
    for (const path of ['/api/auth/sign-out', '/%61pi/auth/sign-out', '//api/auth/sign-out']) {
      const res = await client.raw('POST', path, 'x=1', { 'content-type': 'text/plain', 'x-csrf-token': null });
      expect(res.status).toBe(403);
    }
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('still lets the web app change the profile with the header, on the canonical path', async () => {
    const { client } = await newSignedInPerson(t.url, { displayName: 'Before' });
    const res = await client.patch('/api/me', { displayName: 'After' });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('After');
  });

  it('mints the CSRF cookie on API reads but not on the web app or missing files', async () => {
    const client = new TestClient(t.url);
    const page = await client.get('/isfahan/problems');
    expect(page.headers.getSetCookie().some((c) => c.startsWith('hm_csrf='))).toBe(false);
    const api = await client.get('/api/auth/session');
    expect(api.headers.getSetCookie().some((c) => c.startsWith('hm_csrf='))).toBe(true);
  });
});
