import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintained aggregates for the filtered map, so "what is addressed now in my district" and "what
 * is new this month" are answered from kept counts instead of grouping a city's raw rows
 * (5.6 s city-wide at 1M problems).
 *
 * - `problem_map_facet`: per grid cell and level, counts keyed by status, district, capacity,
 *   activity (a stage is its activities) and theme — any combination of those filters is a sum
 *   over a few keys of the viewport's cells. Kept apart from `problem_map_cell` (theme only), so the
 *   unfiltered map still reads 12 rows per cell, not hundreds.
 * - `problem_map_day`: per grid cell and level, counts per Tehran calendar day of submission, for a
 *   date range alone.
 *
 * Levels 0–6 only (street level, zoom 16, is level 6): a viewport finer than that holds a few
 * hundred problems at most, which the GiST index groups faster than the two finest levels would
 * cost every write (they hold a row per problem and more than half of the aggregates' rows).
 *
 * Both are kept by one trigger on problem in the writer's own transaction (upserts of summed,
 * sorted keys: exact under concurrent writers, from any number of API processes), and can be
 * rebuilt from scratch by `problem_map_facets_rebuild(org)`.
 */
export class ProblemMapFacets1765300000000 implements MigrationInterface {
  name = 'ProblemMapFacets1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE problem_map_facet (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        zoom_level smallint NOT NULL,
        cell_x integer NOT NULL,
        cell_y integer NOT NULL,
        status text NOT NULL,
        -- the nil UUID for a problem with no district (a primary key column cannot be null)
        district_id uuid NOT NULL,
        capacity text NOT NULL,
        activity_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        count integer NOT NULL DEFAULT 0,
        sum_lat double precision NOT NULL DEFAULT 0,
        sum_lng double precision NOT NULL DEFAULT 0,
        CONSTRAINT pk_problem_map_facet PRIMARY KEY (organization_id, zoom_level, cell_x, cell_y, status, district_id, capacity, activity_id, theme_id)
      )`);
    await q.query(`
      CREATE TABLE problem_map_day (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        zoom_level smallint NOT NULL,
        day date NOT NULL,
        cell_x integer NOT NULL,
        cell_y integer NOT NULL,
        count integer NOT NULL DEFAULT 0,
        sum_lat double precision NOT NULL DEFAULT 0,
        sum_lng double precision NOT NULL DEFAULT 0,
        -- day first: a month is a short range, then the viewport's columns are probed within it
        CONSTRAINT pk_problem_map_day PRIMARY KEY (organization_id, zoom_level, day, cell_x, cell_y)
      )`);
    await q.query(`
      CREATE FUNCTION problem_map_facets_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_visible boolean := false;
        new_visible boolean := false;
        nil constant uuid := '00000000-0000-0000-0000-000000000000';
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          old_visible := OLD.lat IS NOT NULL AND NOT OLD.is_hidden AND OLD.merged_into_id IS NULL AND OLD.status <> 'merged';
        END IF;
        IF TG_OP <> 'DELETE' THEN
          new_visible := NEW.lat IS NOT NULL AND NOT NEW.is_hidden AND NEW.merged_into_id IS NULL AND NEW.status <> 'merged';
        END IF;
        IF NOT old_visible AND NOT new_visible THEN
          RETURN NULL;
        END IF;
        IF old_visible AND new_visible AND OLD.lat = NEW.lat AND OLD.lng = NEW.lng AND OLD.theme_id = NEW.theme_id
           AND OLD.status = NEW.status AND OLD.district_id IS NOT DISTINCT FROM NEW.district_id
           AND OLD.capacity = NEW.capacity AND OLD.activity_id = NEW.activity_id
           AND OLD.organization_id = NEW.organization_id AND OLD.created_at = NEW.created_at THEN
          RETURN NULL;
        END IF;
        -- One statement per table, keys summed and sorted: an unchanged key nets to nothing, and
        -- concurrent writers lock rows in the same order (no deadlock).
        INSERT INTO problem_map_facet AS c (organization_id, zoom_level, cell_x, cell_y, status, district_id, capacity, activity_id, theme_id, count, sum_lat, sum_lng)
        SELECT d.organization_id, d.level, d.x, d.y, d.status, d.district_id, d.capacity, d.activity_id, d.theme_id, sum(d.n), sum(d.n * d.lat), sum(d.n * d.lng)
          FROM (
            SELECT OLD.organization_id, l AS level, problem_map_cell_of(OLD.lng, l) AS x, problem_map_cell_of(OLD.lat, l) AS y,
                   OLD.status, coalesce(OLD.district_id, nil) AS district_id, OLD.capacity, OLD.activity_id, OLD.theme_id,
                   -1 AS n, OLD.lat, OLD.lng
              FROM generate_series(0, 6) l WHERE old_visible
            UNION ALL
            SELECT NEW.organization_id, l, problem_map_cell_of(NEW.lng, l), problem_map_cell_of(NEW.lat, l),
                   NEW.status, coalesce(NEW.district_id, nil), NEW.capacity, NEW.activity_id, NEW.theme_id, 1, NEW.lat, NEW.lng
              FROM generate_series(0, 6) l WHERE new_visible
          ) d
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        HAVING sum(d.n) <> 0 OR sum(d.n * d.lat) <> 0 OR sum(d.n * d.lng) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ON CONFLICT ON CONSTRAINT pk_problem_map_facet DO UPDATE
          SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng;
        INSERT INTO problem_map_day AS c (organization_id, zoom_level, day, cell_x, cell_y, count, sum_lat, sum_lng)
        SELECT d.organization_id, d.level, d.day, d.x, d.y, sum(d.n), sum(d.n * d.lat), sum(d.n * d.lng)
          FROM (
            SELECT OLD.organization_id, l AS level, (OLD.created_at AT TIME ZONE 'Asia/Tehran')::date AS day,
                   problem_map_cell_of(OLD.lng, l) AS x, problem_map_cell_of(OLD.lat, l) AS y, -1 AS n, OLD.lat, OLD.lng
              FROM generate_series(0, 6) l WHERE old_visible
            UNION ALL
            SELECT NEW.organization_id, l, (NEW.created_at AT TIME ZONE 'Asia/Tehran')::date,
                   problem_map_cell_of(NEW.lng, l), problem_map_cell_of(NEW.lat, l), 1, NEW.lat, NEW.lng
              FROM generate_series(0, 6) l WHERE new_visible
          ) d
         GROUP BY 1, 2, 3, 4, 5
        HAVING sum(d.n) <> 0 OR sum(d.n * d.lat) <> 0 OR sum(d.n * d.lng) <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT pk_problem_map_day DO UPDATE
          SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_problem_map_facets
      AFTER INSERT OR DELETE OR UPDATE OF lat, lng, is_hidden, status, merged_into_id, theme_id, organization_id,
        district_id, capacity, activity_id, created_at ON problem
      FOR EACH ROW EXECUTE FUNCTION problem_map_facets_track()`);
    await q.query(`
      CREATE FUNCTION problem_map_facets_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM problem_map_facet WHERE organization_id = org;
        DELETE FROM problem_map_day WHERE organization_id = org;
        FOR level IN 0..6 LOOP
          INSERT INTO problem_map_facet (organization_id, zoom_level, cell_x, cell_y, status, district_id, capacity, activity_id, theme_id, count, sum_lat, sum_lng)
          SELECT org, level, problem_map_cell_of(lng, level), problem_map_cell_of(lat, level), status,
                 coalesce(district_id, '00000000-0000-0000-0000-000000000000'), capacity, activity_id, theme_id, count(*), sum(lat), sum(lng)
            FROM problem
           WHERE organization_id = org AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged'
           GROUP BY 3, 4, 5, 6, 7, 8, 9;
          INSERT INTO problem_map_day (organization_id, zoom_level, day, cell_x, cell_y, count, sum_lat, sum_lng)
          SELECT org, level, (created_at AT TIME ZONE 'Asia/Tehran')::date, problem_map_cell_of(lng, level), problem_map_cell_of(lat, level),
                 count(*), sum(lat), sum(lng)
            FROM problem
           WHERE organization_id = org AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged'
           GROUP BY 3, 4, 5;
        END LOOP;
      END $$`);
    await q.query(`SELECT problem_map_facets_rebuild(id) FROM organization`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_problem_map_facets ON problem`);
    await q.query(`DROP FUNCTION problem_map_facets_rebuild(uuid)`);
    await q.query(`DROP FUNCTION problem_map_facets_track()`);
    await q.query(`DROP TABLE problem_map_day`);
    await q.query(`DROP TABLE problem_map_facet`);
  }
}
