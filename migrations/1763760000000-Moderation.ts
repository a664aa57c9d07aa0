import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Members blocked from taking part in one organisation; notification kinds for problems. */
export class Moderation1763760000000 implements MigrationInterface {
  name = 'Moderation1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_block (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        reason text NOT NULL,
        blocked_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- one block per person per organisation
        CONSTRAINT pk_member_block PRIMARY KEY (organization_id, account_id)
      )`);
    // The problems module notifies a problem's submitter and supporters.
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_kind`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT ck_notification_kind CHECK (kind IN (
        'stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed', 'problem.status_changed', 'problem.merged'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind IN ('problem.status_changed', 'problem.merged')`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_kind`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT ck_notification_kind CHECK (kind IN ('stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed'))`);
    await q.query(`DROP TABLE member_block`);
  }
}
