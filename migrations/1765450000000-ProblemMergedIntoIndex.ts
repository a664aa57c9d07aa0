import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `problem.merged_into_id` references `problem(id)` without an index, so deleting a problem (an
 * account's erasure, a municipality's clean-up) checked the reference by reading the whole table:
 * 335 ms per delete at 1,000,000 problems (docs/benchmarks.md, "Street-level filtered maps").
 * Merged problems are few, so a partial index answers the check and costs ordinary writes nothing.
 */
export class ProblemMergedIntoIndex1765450000000 implements MigrationInterface {
  name = 'ProblemMergedIntoIndex1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_problem_merged_into ON problem (merged_into_id) WHERE merged_into_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_problem_merged_into`);
  }
}
