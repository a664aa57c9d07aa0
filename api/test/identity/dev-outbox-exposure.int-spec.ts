import { networkInterfaces } from 'node:os';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { lastCode, newMobile } from './identity-helpers';

/** This machine's first non-loopback address: how a neighbour on the network reaches it. */
function networkAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  throw new Error('this test needs a non-loopback IPv4 interface');
}

describe('the dev outbox on a server open to the network', () => {
  let t: TestApp;
  let fromNetwork: string;

  beforeAll(async () => {
    // TRUST_PROXY on: the check must still use the TCP peer, not a forgeable X-Forwarded-For.
    t = await startTestApp({ TRUST_PROXY: 'true', NODE_ENV: 'development' }, undefined, { host: '0.0.0.0' });
    fromNetwork = t.url.replace('127.0.0.1', networkAddress());
  });
  afterAll(() => t.close());

  it('refuses a neighbour who asks for a code and then reads the outbox', async () => {
    const neighbour = new TestClient(fromNetwork);
    const mobile = newMobile();
    expect((await neighbour.post('/api/auth/code', { mobile })).status).toBe(200);
    const forgeries: Record<string, string>[] = [{}, { 'x-forwarded-for': '127.0.0.1' }, { 'x-real-ip': '::1' }];
    for (const forged of forgeries) {
      const res = await neighbour.get(`/api/dev/outbox?recipient=${mobile}`, { headers: forged });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('common.route_not_found');
    }
    // the same request from this machine still works: the e2e harness and developers rely on it
    expect(await lastCode(new TestClient(t.url), mobile)).toMatch(/^\d{6}$/);
  });

  it('refuses a request forwarded by a proxy on this machine', async () => {
    const res = await new TestClient(t.url).get(`/api/dev/outbox?recipient=${newMobile()}`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.status).toBe(404);
  });
});

describe('the dev outbox in production', () => {
  it('does not exist even when DEV_OUTBOX=true', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', DEV_OUTBOX: 'true', COOKIE_SECURE: 'false' });
    try {
      const res = await new TestClient(t.url).get('/api/dev/outbox?recipient=09121234567');
      expect(res.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
