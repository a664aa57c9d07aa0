import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of plans, stages and upstream documents. The owner is (owner_type, owner_id)
 * without a foreign key: the owning module registers its owner types and removes their files.
 * The bytes sit in their own table so listing never reads them.
 */
export class Attachments1763725000000 implements MigrationInterface {
  name = 'Attachments1763725000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        owner_type text NOT NULL,
        owner_id uuid NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_attachment_owner_type CHECK (owner_type IN ('plan', 'stage', 'upstream_document')),
        CONSTRAINT ck_attachment_content_type CHECK (content_type IN (
          'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'image/png', 'image/jpeg', 'image/webp')),
        CONSTRAINT ck_attachment_size CHECK (size_bytes > 0 AND size_bytes <= 26214400),
        CONSTRAINT ck_attachment_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_attachment_filename CHECK (char_length(filename) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX ix_attachment_owner ON attachment (organization_id, owner_type, owner_id, created_at)`);

    await q.query(`
      CREATE TABLE attachment_blob (
        attachment_id uuid PRIMARY KEY REFERENCES attachment(id) ON DELETE CASCADE,
        data bytea NOT NULL
      )`);
    // PDFs, images and DOCX are compressed already; uncompressed TOAST lets substring() read
    // only the slice being streamed.
    await q.query(`ALTER TABLE attachment_blob ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_blob`);
    await q.query(`DROP TABLE attachment`);
  }
}
