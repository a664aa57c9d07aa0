import type { DataSource } from 'typeorm';

/** A job still to run (waiting or waiting for a retry), as pg-boss keeps it. */
export type WaitingJob = { id: string; data: Record<string, unknown>; startAfter: Date; retryCount: number };

/** The jobs of `queue` still to run, optionally only those whose payload contains `match`. */
export async function waitingJobs(
  db: DataSource,
  queue: string,
  match: Record<string, unknown> = {},
): Promise<WaitingJob[]> {
  return db.query(
    `SELECT id, data, start_after AS "startAfter", retry_count AS "retryCount" FROM pgboss.job
     WHERE name = $1 AND state IN ('created', 'retry') AND data @> $2::jsonb ORDER BY start_after`,
    [queue, JSON.stringify(match)],
  );
}

/** Time passes: the waiting jobs of `queue` (matching `match`, starting before `before`) become due now. */
export async function makeJobsDue(
  db: DataSource,
  queue: string,
  match: Record<string, unknown> = {},
  before?: Date,
): Promise<void> {
  await db.query(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
     WHERE name = $1 AND state IN ('created', 'retry') AND data @> $2::jsonb AND ($3::timestamptz IS NULL OR start_after < $3)`,
    [queue, JSON.stringify(match), before ?? null],
  );
}
