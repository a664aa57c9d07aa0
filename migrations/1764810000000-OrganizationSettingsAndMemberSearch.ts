import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A municipality's settings and pages (1:1 with organization, in their own table), and the index
 * behind the members screen's Persian-normalised search of names.
 */
export class OrganizationSettingsAndMemberSearch1764810000000 implements MigrationInterface {
  name = 'OrganizationSettingsAndMemberSearch1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_settings (
        organization_id uuid PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
        primary_color text NOT NULL,
        accent_color text NOT NULL,
        welcome jsonb NOT NULL DEFAULT '{}',
        about jsonb NOT NULL DEFAULT '{}',
        terms jsonb NOT NULL DEFAULT '{}',
        privacy jsonb NOT NULL DEFAULT '{}',
        sign_in_methods text[] NOT NULL DEFAULT '{mobile_code,email}',
        locales text[] NOT NULL DEFAULT '{fa,ar,en}',
        logo bytea,
        logo_type text,
        logo_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_organization_settings_colors CHECK (primary_color ~ '^#[0-9a-f]{6}$' AND accent_color ~ '^#[0-9a-f]{6}$'),
        CONSTRAINT ck_organization_settings_sign_in CHECK (
          cardinality(sign_in_methods) >= 1 AND sign_in_methods <@ ARRAY['mobile_code', 'email']::text[]),
        CONSTRAINT ck_organization_settings_locales CHECK (
          cardinality(locales) >= 1 AND locales <@ ARRAY['fa', 'ar', 'en']::text[]),
        CONSTRAINT ck_organization_settings_logo CHECK ((logo IS NULL) = (logo_type IS NULL) AND (logo IS NULL) = (logo_id IS NULL))
      )`);
    // Members are searched by name with the same folding as comments (hamandishi_search_key).
    await q.query(
      `CREATE INDEX ix_account_display_name_search ON account USING gin (hamandishi_search_key(display_name) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_account_display_name_search`);
    await q.query(`DROP TABLE organization_settings`);
  }
}
