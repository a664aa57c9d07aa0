import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultations: a consultation activity's document in editions, each edition split into
 * sections and blocks with stable anchors; amendments (proposed rewordings) and their supports.
 * Comments gain an optional quoted passage and a planner's outcome (incorporated or not).
 */
export class Consultations1763800000000 implements MigrationInterface {
  name = 'Consultations1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_edition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        number integer NOT NULL,
        title text NOT NULL,
        change_summary text,
        status text NOT NULL DEFAULT 'draft',
        source text NOT NULL,
        source_attachment_id uuid,
        block_count integer NOT NULL DEFAULT 0,
        -- visible comments on the edition as a whole (target type 'document')
        comment_count integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        published_by uuid REFERENCES account(id) ON DELETE SET NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_consultation_edition_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_consultation_edition_number UNIQUE (activity_id, number),
        CONSTRAINT fk_consultation_edition_activity FOREIGN KEY (organization_id, activity_id)
          REFERENCES activity(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_consultation_edition_status CHECK (status IN ('draft', 'published')),
        CONSTRAINT ck_consultation_edition_source CHECK (source IN ('editor', 'docx')),
        CONSTRAINT ck_consultation_edition_published CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CONSTRAINT ck_consultation_edition_number CHECK (number >= 1)
      )`);
    // At most one draft per consultation: the next edition being prepared.
    await q.query(
      `CREATE UNIQUE INDEX uq_consultation_edition_draft ON consultation_edition (activity_id) WHERE status = 'draft'`,
    );

    await q.query(`
      CREATE TABLE consultation_section (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        edition_id uuid NOT NULL,
        position integer NOT NULL,
        anchor text NOT NULL,
        heading text,
        level smallint NOT NULL,
        CONSTRAINT uq_consultation_section_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_consultation_section_anchor UNIQUE (edition_id, anchor),
        CONSTRAINT fk_consultation_section_edition FOREIGN KEY (organization_id, edition_id)
          REFERENCES consultation_edition(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_consultation_section_edition ON consultation_section (edition_id, position)`);

    await q.query(`
      CREATE TABLE consultation_block (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        edition_id uuid NOT NULL,
        section_id uuid NOT NULL,
        position integer NOT NULL,
        anchor text NOT NULL,
        kind text NOT NULL,
        -- the block's plain text: what passages and diffs refer to (list items and table rows one per line)
        text text NOT NULL,
        -- the structure the reader sees: {ordered, items} | {rows} | {attachmentId, alt}
        content jsonb NOT NULL DEFAULT '{}',
        -- the block where this paragraph first appeared; the same in every edition it survives into
        lineage_id uuid NOT NULL,
        previous_block_id uuid REFERENCES consultation_block(id) ON DELETE SET NULL,
        change text,
        comment_count integer NOT NULL DEFAULT 0,
        amendment_count integer NOT NULL DEFAULT 0,
        CONSTRAINT uq_consultation_block_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_consultation_block_anchor UNIQUE (edition_id, anchor),
        CONSTRAINT fk_consultation_block_edition FOREIGN KEY (organization_id, edition_id)
          REFERENCES consultation_edition(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_consultation_block_section FOREIGN KEY (organization_id, section_id)
          REFERENCES consultation_section(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_consultation_block_kind CHECK (kind IN ('paragraph', 'list', 'table', 'image')),
        CONSTRAINT ck_consultation_block_change CHECK (change IN ('new', 'modified', 'unchanged')),
        CONSTRAINT ck_consultation_block_counts CHECK (comment_count >= 0 AND amendment_count >= 0)
      )`);
    await q.query(`CREATE INDEX ix_consultation_block_edition ON consultation_block (edition_id, position)`);
    await q.query(`CREATE INDEX ix_consultation_block_lineage ON consultation_block (lineage_id)`);

    await q.query(`
      CREATE TABLE amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        block_id uuid NOT NULL,
        author_id uuid REFERENCES account(id) ON DELETE SET NULL,
        passage_start integer,
        passage_end integer,
        passage_quote text,
        proposed_text text NOT NULL,
        reason text,
        support_count integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'open',
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_amendment_block FOREIGN KEY (organization_id, block_id)
          REFERENCES consultation_block(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_amendment_status CHECK (status IN ('open', 'accepted', 'rejected')),
        CONSTRAINT ck_amendment_passage CHECK (
          (passage_start IS NULL AND passage_end IS NULL AND passage_quote IS NULL)
          OR (passage_start >= 0 AND passage_end > passage_start AND passage_quote IS NOT NULL)),
        CONSTRAINT ck_amendment_support CHECK (support_count >= 0)
      )`);
    await q.query(`CREATE INDEX ix_amendment_block ON amendment (block_id, support_count DESC, created_at)`);
    await q.query(`
      CREATE TABLE amendment_support (
        amendment_id uuid NOT NULL REFERENCES amendment(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_amendment_support PRIMARY KEY (amendment_id, account_id)
      )`);

    // A top-level comment may quote a passage of its target; a planner records its outcome.
    await q.query(`
      ALTER TABLE comment
        ADD COLUMN passage_start integer,
        ADD COLUMN passage_end integer,
        ADD COLUMN passage_quote text,
        ADD COLUMN outcome text,
        ADD COLUMN outcome_reason text,
        ADD COLUMN outcome_by uuid REFERENCES account(id) ON DELETE SET NULL,
        ADD COLUMN outcome_at timestamptz,
        ADD CONSTRAINT ck_comment_passage CHECK (
          (passage_start IS NULL AND passage_end IS NULL AND passage_quote IS NULL)
          OR (depth = 0 AND passage_start >= 0 AND passage_end > passage_start AND passage_quote IS NOT NULL)),
        ADD CONSTRAINT ck_comment_outcome CHECK (
          (outcome IS NULL AND outcome_reason IS NULL AND outcome_at IS NULL)
          OR (outcome IN ('incorporated', 'not_incorporated') AND outcome_reason IS NOT NULL AND outcome_at IS NOT NULL))`);
    // Every comment of a target (replies too), for the consultation report's counts.
    await q.query(`CREATE INDEX ix_comment_target ON comment (organization_id, target_type, target_id)`);

    // Consultation activities own their imported .docx files and their images.
    await q.query(`ALTER TABLE attachment DROP CONSTRAINT ck_attachment_owner_type`);
    await q.query(`
      ALTER TABLE attachment ADD CONSTRAINT ck_attachment_owner_type CHECK (owner_type IN ('plan', 'stage', 'upstream_document', 'activity'))`);

    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_kind`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT ck_notification_kind CHECK (kind IN (
        'stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed', 'problem.status_changed', 'problem.merged',
        'comment.outcome', 'consultation.edition_published', 'amendment.accepted', 'amendment.rejected'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind IN ('comment.outcome', 'consultation.edition_published', 'amendment.accepted', 'amendment.rejected')`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_kind`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT ck_notification_kind CHECK (kind IN (
        'stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed', 'problem.status_changed', 'problem.merged'))`);
    await q.query(`DELETE FROM attachment WHERE owner_type = 'activity'`);
    await q.query(`ALTER TABLE attachment DROP CONSTRAINT ck_attachment_owner_type`);
    await q.query(`
      ALTER TABLE attachment ADD CONSTRAINT ck_attachment_owner_type CHECK (owner_type IN ('plan', 'stage', 'upstream_document'))`);
    await q.query(`DROP INDEX ix_comment_target`);
    await q.query(`
      ALTER TABLE comment
        DROP CONSTRAINT ck_comment_outcome, DROP CONSTRAINT ck_comment_passage,
        DROP COLUMN outcome_at, DROP COLUMN outcome_by, DROP COLUMN outcome_reason, DROP COLUMN outcome,
        DROP COLUMN passage_quote, DROP COLUMN passage_end, DROP COLUMN passage_start`);
    await q.query(`DROP TABLE amendment_support`);
    await q.query(`DROP TABLE amendment`);
    await q.query(`DROP TABLE consultation_block`);
    await q.query(`DROP TABLE consultation_section`);
    await q.query(`DROP TABLE consultation_edition`);
  }
}
