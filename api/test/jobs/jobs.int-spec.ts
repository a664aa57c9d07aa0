import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { JobsService } from '../../src/jobs/jobs.service';
import { MessagingService } from '../../src/modules/messaging/messaging.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

// Background work shared by several API processes on one database.

const FAST = { JOB_POLL_SECONDS: '0.5', JOB_MAINTENANCE_SECONDS: '1' };

async function eventually<T>(check: () => Promise<T>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type JobRow = { id: string; state: string; retryCount: number };
const jobsOf = (app: TestApp, queue: string): Promise<JobRow[]> =>
  app.db.query(
    `SELECT id, state::text, retry_count AS "retryCount" FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
    [queue],
  );

describe('background jobs', () => {
  let database: { url: string; drop: () => Promise<void> };
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ ...FAST, ...env }, database);
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    // The real clock's schedules stay out of the way (the cron check counts as just done) unless
    // a test moves the clock; no job the template may hold from its own start-up.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`UPDATE pgboss.version SET cron_on = now() + interval '1 day'`);
    await client.query(`DELETE FROM pgboss.job`);
    await client.end();
  });
  afterEach(async () => {
    jest.useRealTimers();
    for (const app of [...apps]) await stop(app);
    await database.drop();
  });

  it('keeps running recurring work from its schedule after six failed runs and a restart', async () => {
    let app = await start();
    const schedules = await app.db.query(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: 'demands.catch_up', cron: '43 2 * * *' },
      { name: 'demands.classifier_sweep', cron: '7,22,37,52 * * * *' },
      { name: 'demands.prune_exports', cron: '55 * * * *' },
      { name: 'housekeeping', cron: '5 * * * *' },
      { name: 'notifications.digest', cron: '0 * * * *' },
      { name: 'problems.prune_photos', cron: '35 * * * *' },
      { name: 'strategy.project_status_notify', cron: '*/5 * * * *' },
      { name: 'surveys.prune_exports', cron: '50 * * * *' },
      { name: 'thinktank.remind', cron: '12,27,42,57 * * * *' },
    ]);

    // Housekeeping breaks (a table it prunes is gone) for six runs in a row: two scheduled runs, each tried three times.
    await app.db.query(`ALTER TABLE idempotency_key RENAME TO idempotency_key_away`);
    const jobs = app.app.get(JobsService);
    for (let run = 0; run < 2; run++) {
      await jobs.enqueue('housekeeping', {});
      for (let attempt = 0; attempt < 3; attempt++) {
        await app.db.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'housekeeping' AND state = 'retry'`);
        await jobs.drain();
      }
    }
    expect(await jobsOf(app, 'housekeeping')).toEqual([
      expect.objectContaining({ state: 'failed', retryCount: 2 }),
      expect.objectContaining({ state: 'failed', retryCount: 2 }),
    ]);

    // Repaired, and restarted (twice); something for the next run to prune.
    await app.db.query(`ALTER TABLE idempotency_key_away RENAME TO idempotency_key`);
    await stop(app);
    await stop(await start());
    app = await start();
    await app.db.query(
      `INSERT INTO socket_io_attachments (created_at, payload) VALUES (now() - interval '2 hours', '\\x00')`,
    );

    // The clock reaches the schedule's minute (5 past the hour); pg-boss's cron check, which
    // runs every second here and last ran "long ago", starts the next run.
    const next = new Date();
    next.setUTCHours(next.getUTCHours() + 1, 5, 10, 0);
    jest.useFakeTimers({
      now: next,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    await app.db.query(`UPDATE pgboss.version SET cron_on = now() - interval '1 hour'`);

    await eventually(async () => {
      const all = await jobsOf(app, 'housekeeping');
      expect(all).toHaveLength(3);
      expect(all[2].state).toBe('completed');
    });
    const [{ remaining }] = await app.db.query(`SELECT count(*)::int AS remaining FROM socket_io_attachments`);
    expect(remaining).toBe(0);
  });

  it('runs a job that outlasts its expiry once, across two processes, while its process lives', async () => {
    const first = await start();
    const second = await start();
    // The queue's expiry ("lock") is 2 s and a failed-over job is retried at once; each run takes 5 s.
    await first.db.query(
      `UPDATE pgboss.queue SET expire_seconds = 2, retry_delay = 0, retry_backoff = false WHERE name = 'problems.prune_photos'`,
    );
    const runs: string[] = [];
    for (const [name, app] of [
      ['first', first],
      ['second', second],
    ] as const) {
      app.app.get(JobsService).register('problems.prune_photos', async () => {
        runs.push(name);
        await sleep(5000);
      });
    }

    await first.app.get(JobsService).enqueue('problems.prune_photos', {});
    await eventually(
      async () => expect((await jobsOf(first, 'problems.prune_photos'))[0]?.state).toBe('completed'),
      20_000,
    );
    await sleep(1500);

    expect(runs).toHaveLength(1);
    expect(await jobsOf(first, 'problems.prune_photos')).toEqual([
      expect.objectContaining({ state: 'completed', retryCount: 0 }),
    ]);
  }, 40_000);

  it('hands a job left running by a dead process to another after its expiry', async () => {
    const survivor = await start();
    const runs: string[] = [];
    survivor.app.get(JobsService).register('problems.prune_photos', async () => {
      runs.push('survivor');
    });
    await survivor.db.query(
      `UPDATE pgboss.queue SET retry_delay = 0, retry_backoff = false WHERE name = 'problems.prune_photos'`,
    );
    // A process claimed the job two minutes ago with a one-minute expiry and was never heard of again.
    await survivor.app
      .get(JobsService)
      .enqueue('problems.prune_photos', {}, { runAt: new Date(Date.now() + 3600_000) });
    await survivor.db.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - interval '2 minutes', expire_in = interval '1 minute'
       WHERE name = 'problems.prune_photos'`,
    );
    await survivor.db.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'problems.prune_photos'`);

    await eventually(async () => expect((await jobsOf(survivor, 'problems.prune_photos'))[0]?.state).toBe('completed'));
    expect(runs).toEqual(['survivor']);
  });

  describe('with an SMS gateway', () => {
    let gateway: Server;
    let url: string;
    const received: string[] = [];

    beforeEach(async () => {
      received.length = 0;
      gateway = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          received.push(JSON.parse(body).text);
          res.writeHead(200).end('{}');
        });
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
    });
    afterEach(async () => {
      await new Promise((resolve) => gateway.close(resolve));
    });

    it('shares the work of two processes, each job done exactly once', async () => {
      const env = { SMS_PROVIDER: 'http', SMS_HTTP_URL: url, SMS_HTTP_TOKEN: 't' };
      const first = await start(env);
      const second = await start(env);
      const texts = Array.from({ length: 40 }, (_, i) => `message ${i}`);
      await Promise.all(
        texts.map((text, i) =>
          (i % 2 ? second : first).app
            .get(MessagingService)
            .send({ channel: 'sms', recipient: `+98912000${String(i).padStart(4, '0')}`, body: text }),
        ),
      );

      await eventually(async () => {
        const [{ sent }] = await first.db.query(
          `SELECT count(*)::int AS sent FROM outbox_message WHERE status = 'sent'`,
        );
        expect(sent).toBe(40);
      });
      await sleep(1000);
      expect([...received].sort()).toEqual([...texts].sort());
      const attempts = await first.db.query(`SELECT DISTINCT attempts FROM outbox_message`);
      expect(attempts).toEqual([{ attempts: 1 }]);
    });
  });
});
