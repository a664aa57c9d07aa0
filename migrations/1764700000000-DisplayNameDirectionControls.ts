import type { MigrationInterface, QueryRunner } from 'typeorm';

// The controls ZDisplayName now refuses: embeddings and overrides (U+202A–U+202E), isolates
// (U+2066–U+2069) and the marks LRM, RLM, ALM. Written as E'' escapes so the file stays readable.
const DIRECTION_CONTROLS = `E'[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]'`;

/**
 * Display names could carry direction controls until the shared text schemas refused them; a
 * name with U+202E reversed the text shown after it wherever it appeared. New names cannot, and
 * this removes the controls from the names already stored. A name that was nothing but controls
 * becomes "—", which its owner can change on their profile. Nothing to undo: the controls only
 * ever disguised a name.
 */
export class DisplayNameDirectionControls1764700000000 implements MigrationInterface {
  name = 'DisplayNameDirectionControls1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE account
         SET display_name = coalesce(nullif(btrim(regexp_replace(display_name, ${DIRECTION_CONTROLS}, '', 'g')), ''), '—')
       WHERE display_name ~ ${DIRECTION_CONTROLS}`);
  }

  async down(): Promise<void> {
    // The removed controls carried no meaning; there is nothing to restore.
  }
}
