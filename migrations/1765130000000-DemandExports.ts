import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of the filtered demands (CSV, XLSX, JSON, GeoJSON) and the supporting-document report
 * (PDF, DOCX) run as background jobs. As for survey exports, the file is kept in the database in
 * chunks written as the job streams, so every API process can serve it, a retried job replaces
 * it, and the hourly cleanup deletes it. The filter is kept as asked so a retry after a restart
 * exports the same demands.
 */
export class DemandExports1765130000000 implements MigrationInterface {
  name = 'DemandExports1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        requested_by uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        format text NOT NULL,
        locale text NOT NULL,
        filter jsonb NOT NULL,
        include_personal boolean NOT NULL DEFAULT false,
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
        CONSTRAINT fk_demand_export_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_demand_export_format CHECK (format IN ('csv', 'xlsx', 'json', 'geojson', 'pdf', 'docx')),
        CONSTRAINT ck_demand_export_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_demand_export_locale CHECK (locale IN ('fa', 'ar', 'en'))
      )`);
    await q.query(
      `CREATE INDEX ix_demand_export_requester ON demand_export (organization_id, plan_id, requested_by, created_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_demand_export_expires ON demand_export (expires_at) WHERE expires_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE demand_export_chunk (
        export_id uuid NOT NULL REFERENCES demand_export(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        data bytea NOT NULL,
        CONSTRAINT pk_demand_export_chunk PRIMARY KEY (export_id, seq)
      )`);
    // Stored as written: XLSX, PDF and DOCX are compressed already, and compressing a CSV of a
    // million demands on the way in would cost more time than its export.
    await q.query(`ALTER TABLE demand_export_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demand_export_chunk`);
    await q.query(`DROP TABLE demand_export`);
  }
}
