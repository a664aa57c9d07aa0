import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { JobsOnPgBoss1764200000000 } from '../../../migrations/1764200000000-JobsOnPgBoss';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { withDatabase } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';

// An existing installation upgrades with jobs still waiting in the old `job` table.
describe('moving the job queue to pg-boss', () => {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const name = `hm_jobs_migration_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('keeps waiting deliveries and stage openings, drops finished and exhausted rows and the old self-rescheduling ones', async () => {
    const before = new DataSource(dataSourceOptions(url, { entities: [], migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(JobsOnPgBoss1764200000000)) }));
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    await before.query(
      `INSERT INTO job (queue, payload, run_at, attempts, max_attempts, done_at) VALUES
        ('messaging.deliver', '{"messageId":"m-waiting"}', now(), 2, 6, NULL),
        ('messaging.deliver', '{"messageId":"m-sent"}', now(), 1, 6, now()),
        ('messaging.deliver', '{"messageId":"m-exhausted"}', now(), 6, 6, NULL),
        ('plans.transition', '{"kind":"stage","stageId":"s-1"}', $1, 0, 5, NULL),
        ('housekeeping', '{}', now(), 5, 5, NULL),
        ('notifications.digest', '{}', now() + interval '1 hour', 0, 5, NULL)`,
      [inAWeek],
    );
    await before.destroy();

    await runMigrations(url);

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT name, data, state::text, retry_limit AS "retryLimit", start_after AS "startAfter" FROM pgboss.job ORDER BY name`,
      );
      expect(rows).toEqual([
        {
          name: 'messaging.deliver',
          data: { messageId: 'm-waiting' },
          state: 'created',
          retryLimit: 3,
          startAfter: expect.any(Date),
        },
        {
          name: 'plans.transition',
          data: { kind: 'stage', stageId: 's-1' },
          state: 'created',
          retryLimit: 4,
          startAfter: inAWeek,
        },
      ]);
      const { rows: old } = await client.query(`SELECT to_regclass('public.job') AS old`);
      expect(old).toEqual([{ old: null }]);
    } finally {
      await client.end();
    }
  });
});
