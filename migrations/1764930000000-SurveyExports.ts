import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey exports run as background jobs. The file is kept in the database in chunks (written as
 * the job streams, read back one chunk at a time by the download), so every API process can
 * serve it, a retried job replaces it, and the hourly cleanup deletes it with its row.
 */
export class SurveyExports1764930000000 implements MigrationInterface {
  name = 'SurveyExports1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        requested_by uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        format text NOT NULL,
        locale text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        rows_done integer NOT NULL DEFAULT 0,
        rows_total integer,
        byte_size bigint,
        error_code text,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_survey_export_format CHECK (format IN ('csv', 'xlsx', 'geojson')),
        CONSTRAINT ck_survey_export_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_survey_export_locale CHECK (locale IN ('fa', 'ar', 'en'))
      )`);
    await q.query(
      `CREATE INDEX ix_survey_export_requester ON survey_export (organization_id, survey_id, requested_by, created_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_survey_export_expires ON survey_export (expires_at) WHERE expires_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE survey_export_chunk (
        export_id uuid NOT NULL REFERENCES survey_export(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        data bytea NOT NULL,
        CONSTRAINT pk_survey_export_chunk PRIMARY KEY (export_id, seq)
      )`);
    // Exports read submitted responses in id order (keyset); the index keeps each page a range scan.
    await q.query(
      `CREATE INDEX ix_survey_response_submitted_keyset ON survey_response (survey_id, id) WHERE status = 'submitted'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_survey_response_submitted_keyset`);
    await q.query(`DROP TABLE survey_export_chunk`);
    await q.query(`DROP TABLE survey_export`);
  }
}
