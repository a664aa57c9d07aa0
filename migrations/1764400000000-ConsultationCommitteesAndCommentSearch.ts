import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee (working group) responsible for each section of a consultation's edition, and a
 * search key on comments so planners can find a word among hundreds of comments.
 */
export class ConsultationCommitteesAndCommentSearch1764400000000 implements MigrationInterface {
  name = 'ConsultationCommitteesAndCommentSearch1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // A committee of the same organisation; deleting it leaves its sections unassigned.
    await q.query(`ALTER TABLE consultation_section ADD COLUMN committee_id uuid`);
    await q.query(`
      ALTER TABLE consultation_section ADD CONSTRAINT fk_consultation_section_committee
        FOREIGN KEY (organization_id, committee_id) REFERENCES committee(organization_id, id) ON DELETE SET NULL (committee_id)`);
    await q.query(
      `CREATE INDEX ix_consultation_section_committee ON consultation_section (committee_id) WHERE committee_id IS NOT NULL`,
    );

    // The matching key of libs/text normalizeForSearch, in SQL, so that every way a comment is
    // written (the API, the seed, bulk loads) gets one and the search term is folded by the same
    // function: Arabic ي ى ك ة as Persian ی ی ک ه, hamza and madda forms as their base letter,
    // Persian and Arabic-Indic digits as ASCII, no diacritics, no tatweel, no ZWNJ or other
    // invisible marks (so «پارکینگ‌ها» and «پارکینگها» match), lower case, one space.
    await q.query(`
      CREATE FUNCTION hamandishi_search_key(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(
        regexp_replace(
          translate(lower(input),
            'يىكةۀأإآٱؤئ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩',
            'ییکههااااوی01234567890123456789'),
          '[\\u064B-\\u065F\\u0670\\u0640\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF\\u00AD]', '', 'g'),
        '\\s+', ' ', 'g')) $$`);
    await q.query(
      `ALTER TABLE comment ADD COLUMN search_key text GENERATED ALWAYS AS (hamandishi_search_key(body)) STORED`,
    );
    // Trigrams answer LIKE '%word%' from the index where the database's locale gives Persian
    // trigrams; elsewhere the search stays correct, scoped to one consultation's comments.
    await q.query(`CREATE INDEX ix_comment_search_key ON comment USING gin (search_key gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_comment_search_key`);
    await q.query(`ALTER TABLE comment DROP COLUMN search_key`);
    await q.query(`DROP FUNCTION hamandishi_search_key(text)`);
    await q.query(`DROP INDEX ix_consultation_section_committee`);
    await q.query(`ALTER TABLE consultation_section DROP CONSTRAINT fk_consultation_section_committee`);
    await q.query(`ALTER TABLE consultation_section DROP COLUMN committee_id`);
  }
}
