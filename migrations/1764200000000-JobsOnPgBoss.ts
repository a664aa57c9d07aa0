import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Recurring work now comes from pg-boss schedules; their old self-rescheduling rows are dropped.
const RECURRING = ['housekeeping', 'notifications.digest', 'problems.prune_photos'];

/**
 * Background jobs move from the hand-written `job` table to pg-boss 10 (schema `pgboss`).
 * The schema is installed here rather than by pg-boss at start, so that it is created once
 * under the migration lock when several processes start together, and every database cloned
 * from the test template already has it. Jobs still waiting (message deliveries, stage
 * openings weeks ahead, notification fan-outs) move over with their due time and the tries
 * they had left.
 */
export class JobsOnPgBoss1764200000000 implements MigrationInterface {
  name = 'JobsOnPgBoss1764200000000';
  // pg-boss's construction plan holds its own BEGIN/COMMIT (and advisory lock).
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    const [{ installed }] = await q.query(`SELECT to_regclass('pgboss.version') IS NOT NULL AS installed`);
    if (!installed) await q.query(PgBoss.getConstructionPlans('pgboss'));

    await q.startTransaction();
    try {
      const [{ present }] = await q.query(`SELECT to_regclass('public.job') IS NOT NULL AS present`);
      if (present) {
        const waiting = `done_at IS NULL AND attempts < max_attempts AND NOT (queue = ANY($1))`;
        // The queue's own rules (policy, retries, expiry) are written by the app at start.
        await q.query(
          `SELECT pgboss.create_queue(queue, '{}'::json) FROM (SELECT DISTINCT queue FROM job WHERE ${waiting}) q`,
          [RECURRING],
        );
        await q.query(
          `INSERT INTO pgboss.job (id, name, data, start_after, retry_limit, retry_delay, retry_backoff, keep_until)
           SELECT id, queue, payload, greatest(run_at, now()), max_attempts - attempts - 1, 5, true, greatest(run_at, now()) + interval '14 days'
           FROM job WHERE ${waiting}`,
          [RECURRING],
        );
        await q.query(`DROP TABLE job`);
      }
      await q.commitTransaction();
    } catch (error) {
      await q.rollbackTransaction();
      throw error;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        run_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 5,
        locked_until timestamptz,
        last_error text,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_job_due ON job (queue, run_at) WHERE done_at IS NULL`);
    await q.query(
      `INSERT INTO job (id, queue, payload, run_at, attempts, max_attempts)
       SELECT id, name, coalesce(data, '{}'), start_after, retry_count, retry_limit + 1
       FROM pgboss.job WHERE state IN ('created', 'retry') AND name NOT LIKE '\\_\\_pgboss%'`,
    );
    await q.query(`DROP SCHEMA pgboss CASCADE`);
  }
}
