import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My activity" on the profile lists one person's problems and comments newest first, keyset by
 * (created_at, id): these indexes make each page a short range scan instead of a walk over the
 * organisation's rows. Neither covers a column a support or a vote updates, so those stay HOT.
 */
export class MyActivity1764500000710 implements MigrationInterface {
  name = 'MyActivity1764500000710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_problem_author ON problem (organization_id, author_id, created_at DESC, id DESC) WHERE author_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_comment_author_created ON comment (organization_id, author_id, created_at DESC, id DESC) WHERE author_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_problem_support_account_created ON problem_support (account_id, created_at DESC, problem_id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_problem_support_account_created`);
    await q.query(`DROP INDEX IF EXISTS ix_comment_author_created`);
    await q.query(`DROP INDEX IF EXISTS ix_problem_author`);
  }
}
