import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The images that answer a survey's file questions are attachments owned by the survey. */
export class SurveyImageAnswers1764901000000 implements MigrationInterface {
  name = 'SurveyImageAnswers1764901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachment DROP CONSTRAINT ck_attachment_owner_type`);
    await q.query(`
      ALTER TABLE attachment ADD CONSTRAINT ck_attachment_owner_type CHECK (owner_type IN ('plan', 'stage', 'upstream_document', 'activity', 'survey'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM attachment WHERE owner_type = 'survey'`);
    await q.query(`ALTER TABLE attachment DROP CONSTRAINT ck_attachment_owner_type`);
    await q.query(`
      ALTER TABLE attachment ADD CONSTRAINT ck_attachment_owner_type CHECK (owner_type IN ('plan', 'stage', 'upstream_document', 'activity'))`);
  }
}
