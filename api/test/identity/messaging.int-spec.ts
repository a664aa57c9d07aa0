import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobsService } from '../../src/jobs/jobs.service';
import { makeJobsDue } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { e164, newMobile } from './identity-helpers';

describe('SMS through an HTTP gateway', () => {
  let t: TestApp;
  let gateway: Server;
  const received: { auth: string | undefined; body: { to: string; text: string } }[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(503).end('busy');
          return;
        }
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = (gateway.address() as AddressInfo).port;
    t = await startTestApp({
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: `http://127.0.0.1:${port}/send`,
      SMS_HTTP_TOKEN: 'secret-token',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('writes the message to the outbox first, then delivers it with retries', async () => {
    const client = new TestClient(t.url);
    const mobile = newMobile();
    expect((await client.post('/api/auth/code', { mobile })).status).toBe(200);
    const jobs = t.app.get(JobsService);

    const [pending] = await t.db.query(`SELECT id, provider, status FROM outbox_message WHERE recipient = $1`, [
      e164(mobile),
    ]);
    expect(pending).toMatchObject({ provider: 'http' });

    // first try: the gateway is busy; the message waits for a retry
    await jobs.drain();
    await makeJobsDue(t.db, 'messaging.deliver');
    await jobs.drain();

    const [row] = await t.db.query(`SELECT status, attempts, sent_at FROM outbox_message WHERE id = $1`, [pending.id]);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(received).toHaveLength(1);
    expect(received[0].auth).toBe('Bearer secret-token');
    expect(received[0].body.to).toBe(e164(mobile));
    expect(received[0].body.text).toMatch(/^کد ورود شما به هم‌اندیشی: \d{6}$/);
  });
});

describe('the dev outbox', () => {
  it('does not exist when turned off', async () => {
    const t = await startTestApp({ DEV_OUTBOX: 'false' });
    try {
      const res = await new TestClient(t.url).get('/api/dev/outbox?recipient=09121234567');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('common.route_not_found');
    } finally {
      await t.close();
    }
  });
});
