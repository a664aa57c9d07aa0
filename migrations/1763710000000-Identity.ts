import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, memberships, sessions, one-time codes and the message outbox. */
export class Identity1763710000000 implements MigrationInterface {
  name = 'Identity1763710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mobile text,
        email text,
        password_hash text,
        display_name text NOT NULL,
        locale text NOT NULL DEFAULT 'fa',
        status text NOT NULL DEFAULT 'active',
        is_superadmin boolean NOT NULL DEFAULT false,
        demographics_consent_at timestamptz,
        age_band text,
        gender text,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_account_mobile UNIQUE (mobile),
        CONSTRAINT uq_account_email UNIQUE (email),
        CONSTRAINT ck_account_mobile CHECK (mobile ~ '^\\+[0-9]{8,15}$'),
        CONSTRAINT ck_account_email CHECK (email = lower(email)),
        CONSTRAINT ck_account_locale CHECK (locale IN ('fa', 'ar', 'en')),
        CONSTRAINT ck_account_status CHECK (status IN ('active', 'disabled', 'deleted')),
        CONSTRAINT ck_account_age_band CHECK (age_band IN ('under_18', '18_29', '30_44', '45_59', '60_plus')),
        CONSTRAINT ck_account_gender CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
        -- demographics exist only while the person consents to them
        CONSTRAINT ck_account_demographics_consent CHECK (
          demographics_consent_at IS NOT NULL OR (age_band IS NULL AND gender IS NULL)),
        -- an active account can be reached: it has a mobile or an email
        CONSTRAINT ck_account_identifier CHECK (status <> 'active' OR mobile IS NOT NULL OR email IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        roles text[] NOT NULL DEFAULT '{citizen}',
        district_id uuid,
        joined_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_membership_account UNIQUE (organization_id, account_id),
        CONSTRAINT ck_membership_roles CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['citizen', 'ngo', 'expert', 'manager', 'planner', 'moderator', 'admin']::text[]),
        -- the district must belong to the same organisation
        CONSTRAINT fk_membership_district FOREIGN KEY (organization_id, district_id)
          REFERENCES district(organization_id, id) ON DELETE SET NULL (district_id)
      )`);
    await q.query(`CREATE INDEX ix_membership_account ON membership (account_id)`);
    await q.query(`CREATE INDEX ix_membership_joined ON membership (organization_id, joined_at, id)`);

    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        CONSTRAINT uq_session_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_session_account ON session (account_id)`);
    await q.query(`CREATE INDEX ix_session_expires ON session (expires_at)`);

    await q.query(`
      CREATE TABLE one_time_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL,
        purpose text NOT NULL,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_one_time_code_purpose CHECK (purpose IN ('sign_in')),
        CONSTRAINT ck_one_time_code_attempts CHECK (attempts >= 0)
      )`);
    await q.query(`CREATE INDEX ix_one_time_code_recipient ON one_time_code (recipient, purpose, created_at DESC)`);

    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        provider text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT ck_outbox_message_channel CHECK (channel IN ('sms', 'email')),
        CONSTRAINT ck_outbox_message_status CHECK (status IN ('pending', 'sent', 'failed'))
      )`);
    await q.query(`CREATE INDEX ix_outbox_message_recipient ON outbox_message (recipient, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP TABLE one_time_code`);
    await q.query(`DROP TABLE session`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE account`);
  }
}
