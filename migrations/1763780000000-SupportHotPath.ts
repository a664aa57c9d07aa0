import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets a "me too" update the problem row in place (a HOT update). An index over support_count
 * made every support rewrite all of problem's indexes, trigram and GiST included, and capped
 * supports at a few thousand a second. "Most supported" lists now sort the filtered rows; free
 * space on every page keeps the updated row on its page.
 */
export class SupportHotPath1763780000000 implements MigrationInterface {
  name = 'SupportHotPath1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_problem_supported`);
    await q.query(`ALTER TABLE problem SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE problem RESET (fillfactor)`);
    await q.query(`CREATE INDEX ix_problem_supported ON problem (organization_id, support_count DESC, id DESC)`);
  }
}
