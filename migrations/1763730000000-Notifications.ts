import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follows of plans and stages, the bell's notifications and digest preferences. Targets are
 * (target_type, target_id) without a foreign key: the owning module registers its target types.
 */
export class Notifications1763730000000 implements MigrationInterface {
  name = 'Notifications1763730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follow (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_follow_target UNIQUE (account_id, target_type, target_id),
        CONSTRAINT ck_follow_target_type CHECK (target_type IN ('plan', 'stage'))
      )`);
    // fan-out and follower counts go from the target to its followers
    await q.query(`CREATE INDEX ix_follow_target ON follow (target_type, target_id)`);

    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_kind CHECK (kind IN ('stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed'))
      )`);
    await q.query(`CREATE INDEX ix_notification_account ON notification (account_id, created_at DESC, id DESC)`);
    // unread counts and the digest look only at unread rows
    await q.query(`CREATE INDEX ix_notification_unread ON notification (account_id, created_at) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_preference (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        digest text NOT NULL DEFAULT 'daily',
        channel text NOT NULL DEFAULT 'sms',
        last_digest_at timestamptz,
        CONSTRAINT ck_notification_preference_digest CHECK (digest IN ('none', 'daily', 'weekly')),
        CONSTRAINT ck_notification_preference_channel CHECK (channel IN ('email', 'sms'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE follow`);
  }
}
