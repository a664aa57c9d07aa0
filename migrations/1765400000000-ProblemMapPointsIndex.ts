import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Street-level filtered maps: when a filtered viewport holds at most MAX_POINTS problems the map
 * lists them, and with only the location GiST index a dense 1 km box read every problem in it
 * (10,000-30,000 rows at 1M problems) to keep the few of this status or this month (p95 83-432 ms).
 * btree_gist lets one GiST index hold the box, the status and the submission time together, so
 * the scan keeps only matching entries before it touches the table (a few ms).
 *
 * Why these columns: a status (addressed is 3 % of the rows) and a date range ("new this month")
 * are the selective filters inside a street-sized box. A district is left out on purpose: a 1 km
 * box lies in one district or two, so inside the box it keeps all or none (none is answered from
 * the aggregates without reading rows); theme, capacity and stage are 8 % or more of the rows, so
 * a box with at most 300 of them holds a few thousand rows at most. Each column widens every
 * entry, and this index takes an entry on every write of problem (a support's counter update is
 * not HOT, since support_count is indexed): see docs/benchmarks.md for that cost, measured.
 *
 * ix_problem_location stays: the similar-problems lookup scans whole boxes, and the compact
 * single-column index (sorted build) reads them several times faster than this wider one.
 *
 * Built CONCURRENTLY (outside a transaction), so a live city keeps taking problems and supports
 * during the minute the build takes at 1M problems.
 */
export class ProblemMapPointsIndex1765400000000 implements MigrationInterface {
  name = 'ProblemMapPointsIndex1765400000000';
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    // A concurrent build that failed leaves an invalid index behind; build it again.
    const [invalid] = await q.query(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_problem_map_points' AND NOT i.indisvalid`,
    );
    if (invalid) await q.query(`DROP INDEX CONCURRENTLY ix_problem_map_points`);
    await q.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_problem_map_points ON problem USING gist (location, status, created_at) WHERE location IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_problem_map_points`);
  }
}
