import { RealtimeService } from '../../src/realtime/realtime.service';
import { buildOrganization } from '../factories/organization.factory';
import { connectSocket, nextEvent, type TestSocket } from '../support/socket';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Two API processes on one database, as behind a load balancer: an event raised on one must
// reach a browser connected to the other.
describe.each([
  ['PostgreSQL adapter', { REALTIME_ADAPTER: 'postgres' }],
  ['Redis adapter', { REALTIME_ADAPTER: 'redis', REDIS_URL }],
])('realtime across two API processes (%s)', (_name, env) => {
  let database: { url: string; drop: () => Promise<void> };
  let first: TestApp;
  let second: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp(env, database);
    second = await startTestApp(env, database);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await first.close();
    await second.close();
    await database.drop();
  });

  it('delivers an organisation event raised on one process to a watcher on the other', async () => {
    const org = await buildOrganization(first.db);
    const socket = await connectSocket(first.url);
    sockets.push(socket);
    expect(await socket.emitWithAck('organization.watch', { organizationSlug: org.slug })).toBe(true);

    const received = nextEvent(socket, 'organization.broadcast');
    // Give the adapter's subscription a moment to settle before publishing.
    await new Promise((r) => setTimeout(r, 300));
    second.app.get(RealtimeService).toOrganization(org.id, 'organization.broadcast', {
      organizationId: org.id,
      kind: 'stage.opened',
      params: { stage: 'شناخت' },
    });
    await expect(received).resolves.toEqual({ organizationId: org.id, kind: 'stage.opened', params: { stage: 'شناخت' } });
  });

  it('refuses to watch a municipality that does not exist', async () => {
    const socket = await connectSocket(second.url);
    sockets.push(socket);
    expect(await socket.emitWithAck('organization.watch', { organizationSlug: 'nowhere' })).toBe(false);
  });

  it('treats a socket without a session as anonymous', async () => {
    const socket = io_ready(await connectSocket(first.url, 'hm_session=forged-token'));
    sockets.push(socket);
    expect(socket.connected).toBe(true);
  });
});

function io_ready(socket: TestSocket): TestSocket {
  return socket;
}
