import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter on each consultation block and edition, kept by triggers in the writer's own
 * transaction, so the consultation report is computed once per change rather than per reader.
 *
 * Anything the report shows bumps the counter of the row it belongs to: a comment on a paragraph
 * (or on the document) inserted, hidden or restored, answered officially, given an outcome, edited
 * or re-aligned bumps its block (or edition); an amendment proposed, supported, withdrawn or
 * decided bumps its block; a section's committee and an edition's publication bump the edition.
 * Votes do not (the report does not show them).
 *
 * The report's version is the sum of these counters over the consultation's published editions
 * and their blocks, read in the same snapshot as the report itself: every committed change adds
 * one, nothing takes one away (published editions are never deleted; drafts are left out), and
 * snapshots see committed transactions in one order, so two different states never share a sum. The counters live on rows the same transactions already lock (a comment moves its block's
 * comment_count; an amendment its block's amendment_count), so they add no new hot row. Only an
 * amendment's support now also locks its block for the rest of its (short) transaction.
 */
export class ConsultationChangeCounts1765420000000 implements MigrationInterface {
  name = 'ConsultationChangeCounts1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation_block ADD COLUMN change_count bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE consultation_edition ADD COLUMN change_count bigint NOT NULL DEFAULT 0`);

    await q.query(`
      CREATE FUNCTION consultation_comment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r comment;
      BEGIN
        r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        IF r.target_type = 'paragraph' THEN
          UPDATE consultation_block SET change_count = change_count + 1 WHERE id = r.target_id;
        ELSIF r.target_type = 'document' THEN
          UPDATE consultation_edition SET change_count = change_count + 1 WHERE id = r.target_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER consultation_comment_inserted AFTER INSERT ON comment
      FOR EACH ROW WHEN (NEW.target_type IN ('paragraph', 'document'))
      EXECUTE FUNCTION consultation_comment_changed()`);
    await q.query(`
      CREATE TRIGGER consultation_comment_deleted AFTER DELETE ON comment
      FOR EACH ROW WHEN (OLD.target_type IN ('paragraph', 'document'))
      EXECUTE FUNCTION consultation_comment_changed()`);
    await q.query(`
      CREATE TRIGGER consultation_comment_updated AFTER UPDATE ON comment
      FOR EACH ROW WHEN (NEW.target_type IN ('paragraph', 'document') AND
        (OLD.is_hidden, OLD.outcome, OLD.is_official, OLD.alignment, OLD.body, OLD.author_capacity, OLD.target_id, OLD.created_at)
        IS DISTINCT FROM
        (NEW.is_hidden, NEW.outcome, NEW.is_official, NEW.alignment, NEW.body, NEW.author_capacity, NEW.target_id, NEW.created_at))
      EXECUTE FUNCTION consultation_comment_changed()`);

    await q.query(`
      CREATE FUNCTION consultation_amendment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE consultation_block SET change_count = change_count + 1
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.block_id ELSE NEW.block_id END;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER consultation_amendment_written AFTER INSERT OR DELETE ON amendment
      FOR EACH ROW EXECUTE FUNCTION consultation_amendment_changed()`);
    await q.query(`
      CREATE TRIGGER consultation_amendment_updated AFTER UPDATE ON amendment
      FOR EACH ROW WHEN ((OLD.status, OLD.support_count, OLD.proposed_text, OLD.block_id)
                         IS DISTINCT FROM (NEW.status, NEW.support_count, NEW.proposed_text, NEW.block_id))
      EXECUTE FUNCTION consultation_amendment_changed()`);

    await q.query(`
      CREATE FUNCTION consultation_section_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE consultation_edition SET change_count = change_count + 1 WHERE id = NEW.edition_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER consultation_section_committee AFTER UPDATE ON consultation_section
      FOR EACH ROW WHEN (OLD.committee_id IS DISTINCT FROM NEW.committee_id)
      EXECUTE FUNCTION consultation_section_changed()`);

    // An edition's own change (publication, title) bumps its counter in the same row.
    await q.query(`
      CREATE FUNCTION consultation_edition_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_count := NEW.change_count + 1;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER consultation_edition_changed BEFORE UPDATE ON consultation_edition
      FOR EACH ROW WHEN ((OLD.status, OLD.title, OLD.change_summary, OLD.published_at, OLD.number)
                         IS DISTINCT FROM (NEW.status, NEW.title, NEW.change_summary, NEW.published_at, NEW.number))
      EXECUTE FUNCTION consultation_edition_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS consultation_edition_changed ON consultation_edition`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_section_committee ON consultation_section`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_amendment_updated ON amendment`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_amendment_written ON amendment`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_comment_updated ON comment`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_comment_deleted ON comment`);
    await q.query(`DROP TRIGGER IF EXISTS consultation_comment_inserted ON comment`);
    await q.query(`DROP FUNCTION IF EXISTS consultation_edition_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS consultation_section_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS consultation_amendment_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS consultation_comment_changed()`);
    await q.query(`ALTER TABLE consultation_edition DROP COLUMN change_count`);
    await q.query(`ALTER TABLE consultation_block DROP COLUMN change_count`);
  }
}
