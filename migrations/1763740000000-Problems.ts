import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Problem statements on the map, their supports ("me too"), photos and public status history. */
export class Problems1763740000000 implements MigrationInterface {
  name = 'Problems1763740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE problem (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        author_id uuid REFERENCES account(id) ON DELETE SET NULL,
        capacity text NOT NULL DEFAULT 'citizen',
        on_behalf_of text,
        is_anonymous boolean NOT NULL DEFAULT false,
        title text NOT NULL,
        description text NOT NULL,
        -- normalizeForSearch(title || ' ' || description): what trigram search and duplicates use
        search_text text NOT NULL,
        theme_id uuid NOT NULL,
        district_id uuid,
        lat double precision,
        lng double precision,
        -- vanilla PostgreSQL geometry (no PostGIS): x = longitude, y = latitude
        location point GENERATED ALWAYS AS (CASE WHEN lat IS NULL THEN NULL ELSE point(lng, lat) END) STORED,
        status text NOT NULL DEFAULT 'submitted',
        status_reason text,
        committee_id uuid,
        merged_into_id uuid REFERENCES problem(id),
        is_hidden boolean NOT NULL DEFAULT false,
        hidden_reason text,
        support_count integer NOT NULL DEFAULT 0,
        comment_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_problem_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_problem_activity FOREIGN KEY (organization_id, activity_id) REFERENCES activity(organization_id, id),
        CONSTRAINT fk_problem_theme FOREIGN KEY (organization_id, theme_id) REFERENCES theme(organization_id, id),
        CONSTRAINT fk_problem_district FOREIGN KEY (organization_id, district_id) REFERENCES district(organization_id, id),
        CONSTRAINT fk_problem_committee FOREIGN KEY (organization_id, committee_id) REFERENCES committee(organization_id, id),
        CONSTRAINT ck_problem_capacity CHECK (capacity IN ('citizen', 'ngo', 'expert', 'manager')),
        CONSTRAINT ck_problem_status CHECK (status IN ('submitted', 'under_review', 'accepted', 'merged', 'out_of_scope', 'addressed')),
        CONSTRAINT ck_problem_title CHECK (char_length(title) BETWEEN 1 AND 150),
        CONSTRAINT ck_problem_description CHECK (char_length(description) <= 5000),
        CONSTRAINT ck_problem_place CHECK (lat IS NOT NULL OR district_id IS NOT NULL),
        CONSTRAINT ck_problem_point CHECK ((lat IS NULL) = (lng IS NULL)),
        CONSTRAINT ck_problem_merged CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
        CONSTRAINT ck_problem_counts CHECK (support_count >= 0 AND comment_count >= 0)
      )`);
    await q.query(`CREATE INDEX ix_problem_newest ON problem (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_problem_supported ON problem (organization_id, support_count DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_problem_location ON problem USING gist (location) WHERE location IS NOT NULL`);
    await q.query(`CREATE INDEX ix_problem_search ON problem USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_problem_theme ON problem (organization_id, theme_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_problem_district ON problem (organization_id, district_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_problem_status ON problem (organization_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_problem_activity ON problem (activity_id)`);

    await q.query(`
      CREATE TABLE problem_support (
        problem_id uuid NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- one "me too" per person per problem
        CONSTRAINT pk_problem_support PRIMARY KEY (problem_id, account_id)
      )`);
    await q.query(`CREATE INDEX ix_problem_support_account ON problem_support (account_id)`);

    await q.query(`
      CREATE TABLE problem_photo (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        problem_id uuid REFERENCES problem(id) ON DELETE CASCADE,
        uploader_id uuid REFERENCES account(id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        width integer NOT NULL,
        height integer NOT NULL,
        content bytea NOT NULL,
        thumb bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_problem_photo_problem ON problem_photo (problem_id, position)`);

    await q.query(`
      CREATE TABLE problem_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        problem_id uuid NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        committee_id uuid,
        changed_by uuid REFERENCES account(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_problem_status_change ON problem_status_change (problem_id, changed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE problem_status_change`);
    await q.query(`DROP TABLE problem_photo`);
    await q.query(`DROP TABLE problem_support`);
    await q.query(`DROP TABLE problem`);
  }
}
