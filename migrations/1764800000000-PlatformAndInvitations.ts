import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Municipalities managed from the platform: a status (suspended municipalities accept no input,
 * nothing is ever deleted), a contact e-mail and a time zone. Invitations: a personal link that
 * grants roles in one municipality. Only the token's sha256 is stored; one pending invitation
 * per contact and municipality (a new one replaces it); acceptance is single use in the database.
 */
export class PlatformAndInvitations1764800000000 implements MigrationInterface {
  name = 'PlatformAndInvitations1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organization
        ADD COLUMN status text NOT NULL DEFAULT 'active',
        ADD COLUMN suspended_at timestamptz,
        ADD COLUMN contact_email text,
        ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Tehran',
        ADD CONSTRAINT ck_organization_status CHECK (status IN ('active', 'suspended')),
        ADD CONSTRAINT ck_organization_suspended_at CHECK ((status = 'suspended') = (suspended_at IS NOT NULL))`);

    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        channel text NOT NULL,
        contact text NOT NULL,
        roles text[] NOT NULL,
        district_id uuid,
        token_hash bytea NOT NULL,
        invited_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES account(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES account(id) ON DELETE SET NULL,
        CONSTRAINT uq_invitation_token UNIQUE (token_hash),
        CONSTRAINT uq_invitation_org_id UNIQUE (organization_id, id),
        CONSTRAINT ck_invitation_channel CHECK (channel IN ('sms', 'email')),
        CONSTRAINT ck_invitation_roles CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['ngo', 'expert', 'manager', 'planner', 'moderator', 'admin']::text[]),
        CONSTRAINT ck_invitation_manager_district CHECK (NOT ('manager' = ANY(roles)) OR district_id IS NOT NULL),
        CONSTRAINT ck_invitation_settled CHECK (accepted_at IS NULL OR revoked_at IS NULL),
        -- the district must belong to the same organisation
        CONSTRAINT fk_invitation_district FOREIGN KEY (organization_id, district_id)
          REFERENCES district(organization_id, id) ON DELETE SET NULL (district_id)
      )`);
    // A pending invitation for the same person and municipality is replaced, never duplicated.
    await q.query(`
      CREATE UNIQUE INDEX uq_invitation_pending ON invitation (organization_id, contact)
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX ix_invitation_org ON invitation (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_invitation_contact ON invitation (contact) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation`);
    await q.query(`
      ALTER TABLE organization
        DROP CONSTRAINT ck_organization_suspended_at,
        DROP CONSTRAINT ck_organization_status,
        DROP COLUMN time_zone,
        DROP COLUMN contact_email,
        DROP COLUMN suspended_at,
        DROP COLUMN status`);
  }
}
