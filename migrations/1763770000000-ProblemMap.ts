import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed map clusters: per municipality, per grid level (0 = 0.08° cells, about 8 km; each
 * level halves the cell, down to level 8, about 30 m) and per theme, how many visible problems
 * lie in each cell and the sums of their coordinates (so a cluster sits at its problems' centroid).
 *
 * Kept by a row-level trigger on problem in the writing transaction: every change is an atomic
 * upsert of +1/-1, so counts are exact the moment the problem commits, whichever API process
 * wrote it, and roll back with it. Bulk loads disable the trigger and call
 * problem_map_rebuild(organization_id) afterwards (one GROUP BY per level).
 */
export class ProblemMap1763770000000 implements MigrationInterface {
  name = 'ProblemMap1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE problem_map_cell (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        zoom_level smallint NOT NULL,
        cell_x integer NOT NULL,
        cell_y integer NOT NULL,
        theme_id uuid NOT NULL,
        count integer NOT NULL DEFAULT 0,
        sum_lat double precision NOT NULL DEFAULT 0,
        sum_lng double precision NOT NULL DEFAULT 0,
        -- no CHECK (count >= 0): PostgreSQL checks the proposed row of INSERT … ON CONFLICT (a -1)
        -- before it finds the existing cell to update
        CONSTRAINT pk_problem_map_cell PRIMARY KEY (organization_id, zoom_level, cell_x, cell_y, theme_id)
      )`);
    // The cell of a coordinate at a level: floor(coord / (0.08° / 2^level)). One definition for
    // the trigger, the rebuild and the queries.
    await q.query(`
      CREATE FUNCTION problem_map_cell_of(coord double precision, level integer) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT floor(coord * 12.5 * (1 << level))::integer $$`);
    await q.query(`
      CREATE FUNCTION problem_map_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_visible boolean := false;
        new_visible boolean := false;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          old_visible := OLD.lat IS NOT NULL AND NOT OLD.is_hidden AND OLD.merged_into_id IS NULL AND OLD.status <> 'merged';
        END IF;
        IF TG_OP <> 'DELETE' THEN
          new_visible := NEW.lat IS NOT NULL AND NOT NEW.is_hidden AND NEW.merged_into_id IS NULL AND NEW.status <> 'merged';
        END IF;
        IF old_visible AND new_visible AND OLD.lat = NEW.lat AND OLD.lng = NEW.lng
           AND OLD.theme_id = NEW.theme_id AND OLD.organization_id = NEW.organization_id THEN
          RETURN NULL;
        END IF;
        IF NOT old_visible AND NOT new_visible THEN
          RETURN NULL;
        END IF;
        -- One statement, keys summed and sorted: a small move that stays in a coarse cell touches
        -- it once, and concurrent writers lock cells in the same order (no deadlock).
        INSERT INTO problem_map_cell AS c (organization_id, zoom_level, cell_x, cell_y, theme_id, count, sum_lat, sum_lng)
        SELECT d.organization_id, d.level, d.x, d.y, d.theme_id, sum(d.n), sum(d.n * d.lat), sum(d.n * d.lng)
          FROM (
            SELECT OLD.organization_id, l AS level, problem_map_cell_of(OLD.lng, l) AS x, problem_map_cell_of(OLD.lat, l) AS y,
                   OLD.theme_id, -1 AS n, OLD.lat, OLD.lng
              FROM generate_series(0, 8) l WHERE old_visible
            UNION ALL
            SELECT NEW.organization_id, l, problem_map_cell_of(NEW.lng, l), problem_map_cell_of(NEW.lat, l),
                   NEW.theme_id, 1, NEW.lat, NEW.lng
              FROM generate_series(0, 8) l WHERE new_visible
          ) d
         GROUP BY 1, 2, 3, 4, 5
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ON CONSTRAINT pk_problem_map_cell DO UPDATE
          SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_problem_map_cell
      AFTER INSERT OR DELETE OR UPDATE OF lat, lng, is_hidden, status, merged_into_id, theme_id, organization_id ON problem
      FOR EACH ROW EXECUTE FUNCTION problem_map_track()`);
    await q.query(`
      CREATE FUNCTION problem_map_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM problem_map_cell WHERE organization_id = org;
        FOR level IN 0..8 LOOP
          INSERT INTO problem_map_cell (organization_id, zoom_level, cell_x, cell_y, theme_id, count, sum_lat, sum_lng)
          SELECT org, level, problem_map_cell_of(lng, level), problem_map_cell_of(lat, level), theme_id, count(*), sum(lat), sum(lng)
            FROM problem
           WHERE organization_id = org AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged'
           GROUP BY 3, 4, 5;
        END LOOP;
      END $$`);
    await q.query(`SELECT problem_map_rebuild(id) FROM organization`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_problem_map_cell ON problem`);
    await q.query(`DROP FUNCTION problem_map_rebuild(uuid)`);
    await q.query(`DROP FUNCTION problem_map_track()`);
    await q.query(`DROP TABLE problem_map_cell`);
    await q.query(`DROP FUNCTION problem_map_cell_of(double precision, integer)`);
  }
}
