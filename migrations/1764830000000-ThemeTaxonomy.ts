import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The theme taxonomy becomes editable: each theme gets a colour and an icon, and can be archived
 * (kept on the items that carry it, no longer offered for new ones). The taxonomy has two levels
 * only (theme → sub-theme); the service checks it with a readable error, and a trigger keeps the
 * rule true whatever writes the table. (organization_id, slug) is already unique (uq_theme_slug).
 */
export class ThemeTaxonomy1764830000000 implements MigrationInterface {
  name = 'ThemeTaxonomy1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE theme
        ADD COLUMN colour text NOT NULL DEFAULT '#607d8b',
        ADD COLUMN icon text NOT NULL DEFAULT 'tag',
        ADD COLUMN archived_at timestamptz,
        ADD CONSTRAINT ck_theme_colour CHECK (colour ~ '^#[0-9a-f]{6}$'),
        ADD CONSTRAINT ck_theme_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)`);
    // A parent must be at the top level, and a theme with sub-themes cannot become one.
    await q.query(`
      CREATE FUNCTION theme_two_levels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.parent_id IS NOT NULL THEN
          IF EXISTS (SELECT 1 FROM theme WHERE id = NEW.parent_id AND parent_id IS NOT NULL) THEN
            RAISE EXCEPTION 'a sub-theme cannot have sub-themes' USING ERRCODE = '23514', CONSTRAINT = 'ck_theme_two_levels';
          END IF;
          IF EXISTS (SELECT 1 FROM theme WHERE parent_id = NEW.id) THEN
            RAISE EXCEPTION 'a theme with sub-themes cannot become one' USING ERRCODE = '23514', CONSTRAINT = 'ck_theme_two_levels';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_theme_two_levels AFTER INSERT OR UPDATE OF parent_id ON theme
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION theme_two_levels()`);
    // Colours and icons for the themes that exist, after what their slugs name (the demo's taxonomy).
    await q.query(`
      UPDATE theme SET icon = CASE
        WHEN slug IN ('transport', 'public-transport') THEN 'transport'
        WHEN slug = 'traffic' THEN 'traffic'
        WHEN slug = 'road-paving' THEN 'road'
        WHEN slug = 'walking-cycling' THEN 'bicycle'
        WHEN slug IN ('waste', 'waste-collection') THEN 'waste'
        WHEN slug = 'recycling' THEN 'recycling'
        WHEN slug IN ('green-space', 'parks') THEN 'park'
        WHEN slug = 'urban-trees' THEN 'tree'
        WHEN slug = 'surface-water' THEN 'water'
        WHEN slug IN ('worn-out-fabric', 'urban-planning') THEN 'building'
        WHEN slug = 'urban-landscape' THEN 'landscape'
        WHEN slug = 'citizenship-culture' THEN 'culture'
        WHEN slug = 'social-cultural' THEN 'community'
        WHEN slug = 'finance' THEN 'finance'
        WHEN slug = 'smart-city' THEN 'smart-city'
        WHEN slug = 'environment-crisis' THEN 'environment'
        ELSE 'tag' END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_theme_two_levels ON theme`);
    await q.query(`DROP FUNCTION theme_two_levels()`);
    await q.query(`
      ALTER TABLE theme DROP CONSTRAINT ck_theme_not_own_parent, DROP CONSTRAINT ck_theme_colour,
        DROP COLUMN archived_at, DROP COLUMN icon, DROP COLUMN colour`);
  }
}
