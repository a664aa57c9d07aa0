import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys: one questionnaire per survey activity (its definition is data, validated by the shared
 * contracts), older definitions kept when a wording fix bumps the version, personal invite links
 * (only a hash of the token is stored), and responses. One response per person and one per
 * invite link are partial unique indexes, so concurrent submissions cannot make a second row.
 */
export class Surveys1764900000000 implements MigrationInterface {
  name = 'Surveys1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        activity_id uuid NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
        definition jsonb NOT NULL DEFAULT '{"sections": []}',
        version integer NOT NULL DEFAULT 1,
        frozen_at timestamptz,
        audience jsonb NOT NULL DEFAULT '{"audience": "signed_in"}',
        anonymous boolean NOT NULL DEFAULT false,
        ask_demographics boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_survey_activity UNIQUE (activity_id),
        CONSTRAINT ck_survey_version CHECK (version >= 1)
      )`);
    await q.query(`CREATE INDEX ix_survey_organization ON survey (organization_id)`);

    await q.query(`
      CREATE TABLE survey_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        survey_id uuid NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid REFERENCES account (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_survey_version UNIQUE (survey_id, version)
      )`);

    await q.query(`
      CREATE TABLE survey_invite (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        survey_id uuid NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
        label text NOT NULL,
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_by uuid REFERENCES account (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_survey_invite_token UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_survey_invite_survey ON survey_invite (survey_id, created_at DESC)`);

    // respondent_key: a hash of (survey, account) or (survey, browser) that stays even when the
    // survey is anonymous and account_id is not kept; one response per key and per invite. (No
    // second unique index on account_id: the key already derives from it, and ON CONFLICT can
    // name only one arbiter.)
    await q.query(`
      CREATE TABLE survey_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        survey_id uuid NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
        account_id uuid REFERENCES account (id) ON DELETE SET NULL,
        invite_id uuid REFERENCES survey_invite (id) ON DELETE SET NULL,
        respondent_key text,
        status text NOT NULL DEFAULT 'draft',
        answers jsonb NOT NULL DEFAULT '{}',
        draft_answers jsonb,
        definition_version integer NOT NULL DEFAULT 1,
        idempotency_key text,
        demographics_consent boolean NOT NULL DEFAULT false,
        capacity text,
        district_id uuid REFERENCES district (id) ON DELETE SET NULL,
        age_band text,
        gender text,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_survey_response_status CHECK (status IN ('draft', 'submitted')),
        CONSTRAINT ck_survey_response_submitted CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
        CONSTRAINT ck_survey_response_respondent CHECK (respondent_key IS NOT NULL OR invite_id IS NOT NULL),
        CONSTRAINT ck_survey_response_demographics CHECK (demographics_consent OR (capacity IS NULL AND district_id IS NULL AND age_band IS NULL AND gender IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_survey_response_person ON survey_response (survey_id, respondent_key) WHERE respondent_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_survey_response_invite ON survey_response (survey_id, invite_id) WHERE invite_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_survey_response_submitted ON survey_response (survey_id, submitted_at) WHERE status = 'submitted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_response`);
    await q.query(`DROP TABLE survey_invite`);
    await q.query(`DROP TABLE survey_version`);
    await q.query(`DROP TABLE survey`);
  }
}
