import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Less work in PostgreSQL per "me too" (issue 15, docs/benchmarks.md "Supports path"):
 *
 * - `ix_problem_support_account (account_id)` is a prefix of `ix_problem_support_account_created
 *   (account_id, created_at DESC, problem_id DESC)`, which answers every lookup by person (my
 *   supports, an account's deletion cascading): one index entry less per support.
 * - The demand weight of a problem followed its support count through the generic
 *   `demand_track_weight('problem', 'support_count')`, which turns the whole problem row (title,
 *   description, search text) into JSON on every support to read one number; the problem's own
 *   function reads the column. Comments and statements keep the generic one.
 *
 * A support no longer touches anything else: the map aggregates' triggers (`tr_problem_map_cell`,
 * `tr_problem_map_facets`) fire only on the columns that place or filter a problem, not on
 * `support_count`.
 */
export class LeanerSupportWrite1765410000000 implements MigrationInterface {
  name = 'LeanerSupportWrite1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_problem_support_account`);
    await q.query(`
      CREATE FUNCTION demand_track_problem_weight() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE demand SET weight = NEW.support_count
         WHERE organization_id = NEW.organization_id AND source_kind = 'problem' AND source_id = NEW.id AND coalesce(source_key, '') = '';
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER tr_problem_demand_weight ON problem`);
    await q.query(`
      CREATE TRIGGER tr_problem_demand_weight AFTER UPDATE OF support_count ON problem
      FOR EACH ROW WHEN (OLD.support_count IS DISTINCT FROM NEW.support_count) EXECUTE FUNCTION demand_track_problem_weight()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_problem_demand_weight ON problem`);
    await q.query(`
      CREATE TRIGGER tr_problem_demand_weight AFTER UPDATE OF support_count ON problem
      FOR EACH ROW WHEN (OLD.support_count IS DISTINCT FROM NEW.support_count) EXECUTE FUNCTION demand_track_weight('problem', 'support_count')`);
    await q.query(`DROP FUNCTION demand_track_problem_weight()`);
    await q.query(`CREATE INDEX ix_problem_support_account ON problem_support (account_id)`);
  }
}
