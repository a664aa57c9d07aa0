import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions, municipalities with districts and themes, and the shared infrastructure tables. */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name jsonb NOT NULL,
        default_locale text NOT NULL DEFAULT 'fa',
        map_center_lat double precision NOT NULL,
        map_center_lng double precision NOT NULL,
        map_zoom integer NOT NULL DEFAULT 12,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_organization_slug UNIQUE (slug),
        CONSTRAINT ck_organization_locale CHECK (default_locale IN ('fa', 'ar', 'en')),
        CONSTRAINT ck_organization_slug CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
        CONSTRAINT ck_organization_center CHECK (map_center_lat BETWEEN -90 AND 90 AND map_center_lng BETWEEN -180 AND 180)
      )`);

    await q.query(`
      CREATE TABLE district (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        number integer NOT NULL,
        name jsonb NOT NULL,
        boundary jsonb,
        min_lat double precision,
        min_lng double precision,
        max_lat double precision,
        max_lng double precision,
        CONSTRAINT uq_district_number UNIQUE (organization_id, number),
        CONSTRAINT uq_district_org_id UNIQUE (organization_id, id)
      )`);

    await q.query(`
      CREATE TABLE theme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        parent_id uuid,
        slug text NOT NULL,
        name jsonb NOT NULL,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT uq_theme_slug UNIQUE (organization_id, slug),
        CONSTRAINT uq_theme_org_id UNIQUE (organization_id, id),
        -- a parent must belong to the same organisation
        CONSTRAINT fk_theme_parent FOREIGN KEY (organization_id, parent_id)
          REFERENCES theme(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_theme_parent ON theme (organization_id, parent_id, position)`);

    await q.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL DEFAULT 'running',
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key),
        CONSTRAINT ck_idempotency_state CHECK (state IN ('running', 'done'))
      )`);
    await q.query(`CREATE INDEX ix_idempotency_created ON idempotency_key (created_at)`);

    await q.query(`
      CREATE TABLE rate_limit_counter (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL DEFAULT 1,
        PRIMARY KEY (bucket, window_start)
      )`);

    await q.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        run_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 5,
        locked_until timestamptz,
        last_error text,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_job_due ON job (queue, run_at) WHERE done_at IS NULL`);

    // Used by socket.io's PostgreSQL adapter (REALTIME_ADAPTER=postgres) for large payloads.
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachments`);
    await q.query(`DROP TABLE job`);
    await q.query(`DROP TABLE rate_limit_counter`);
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE theme`);
    await q.query(`DROP TABLE district`);
    await q.query(`DROP TABLE organization`);
  }
}
