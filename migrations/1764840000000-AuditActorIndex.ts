import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit screen filters by actor ("what did this person change?") and lists the actors for its
 * filter: one index serves both, and keeps each page of one actor's entries a short range scan.
 */
export class AuditActorIndex1764840000000 implements MigrationInterface {
  name = 'AuditActorIndex1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_audit_entry_actor ON audit_entry (organization_id, actor_id, created_at DESC, id DESC) WHERE actor_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_audit_entry_actor`);
  }
}
