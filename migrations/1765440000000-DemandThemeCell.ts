import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A demand's themes kept on the demand itself (`demand.theme_ids`, sorted), so an export of a
 * million demands is a plain scan: aggregating `demand_theme` per demand cost about five times a
 * bare `COPY` (api/bench/demands-export.bench.ts). The cell holds ids, never names: a theme
 * renamed or moved changes no demand row, and the export looks the names up per distinct set of
 * themes (`demand_theme_set`, one row per set ever used in the organisation: a few hundred, however
 * many demands).
 *
 * Kept by statement-level triggers on `demand_theme` (a bulk tag of 100,000 demands is one update,
 * not 100,000): the statement's added and removed pairs are applied to the cell. Exact under
 * concurrent tagging: the demands are locked in id order first (no deadlock between two bulk tags),
 * and the update then reads the cell as the last committed writer left it, in the same transaction
 * that changed `demand_theme`. A theme deleted cascades to `demand_theme`, so the same triggers see
 * it; `demand_theme_ids_rebuild(org)` repairs a load made with triggers off.
 */
export class DemandThemeCell1765440000000 implements MigrationInterface {
  name = 'DemandThemeCell1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE demand ADD COLUMN theme_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE TABLE demand_theme_set (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        theme_ids uuid[] NOT NULL,
        CONSTRAINT pk_demand_theme_set PRIMARY KEY (organization_id, theme_ids)
      )`);
    // `cur` less `removed`, plus `added`: sorted, each once (an update of a pair removes and adds it).
    await q.query(`
      CREATE FUNCTION demand_theme_ids_apply(cur uuid[], removed uuid[], added uuid[]) RETURNS uuid[] LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(array_agg(x ORDER BY x), '{}')
          FROM (SELECT x FROM unnest(cur) x WHERE x <> ALL (coalesce(removed, '{}'))
                UNION SELECT unnest(coalesce(added, '{}'))) s $$`);
    for (const op of OPS) await q.query(trackFunctionSql(op));
    await q.query(`
      CREATE TRIGGER tr_demand_theme_ids_insert AFTER INSERT ON demand_theme REFERENCING NEW TABLE AS new_pairs
      FOR EACH STATEMENT EXECUTE FUNCTION demand_theme_ids_track_insert()`);
    await q.query(`
      CREATE TRIGGER tr_demand_theme_ids_delete AFTER DELETE ON demand_theme REFERENCING OLD TABLE AS old_pairs
      FOR EACH STATEMENT EXECUTE FUNCTION demand_theme_ids_track_delete()`);
    await q.query(`
      CREATE TRIGGER tr_demand_theme_ids_update AFTER UPDATE ON demand_theme REFERENCING OLD TABLE AS old_pairs NEW TABLE AS new_pairs
      FOR EACH STATEMENT EXECUTE FUNCTION demand_theme_ids_track_update()`);
    await q.query(`
      CREATE FUNCTION demand_theme_ids_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        UPDATE demand d SET theme_ids = coalesce(t.ids, '{}')
          FROM demand d2 LEFT JOIN (SELECT demand_id, array_agg(theme_id ORDER BY theme_id) AS ids FROM demand_theme
                                     WHERE organization_id = org GROUP BY demand_id) t ON t.demand_id = d2.id
         WHERE d.id = d2.id AND d2.organization_id = org AND d.theme_ids IS DISTINCT FROM coalesce(t.ids, '{}');
        INSERT INTO demand_theme_set (organization_id, theme_ids)
        SELECT DISTINCT organization_id, theme_ids FROM demand WHERE organization_id = org AND cardinality(theme_ids) > 0
        ON CONFLICT DO NOTHING $$`);
    await q.query(`SELECT demand_theme_ids_rebuild(id) FROM organization`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_demand_theme_ids_update ON demand_theme`);
    await q.query(`DROP TRIGGER tr_demand_theme_ids_delete ON demand_theme`);
    await q.query(`DROP TRIGGER tr_demand_theme_ids_insert ON demand_theme`);
    await q.query(`DROP FUNCTION demand_theme_ids_rebuild(uuid)`);
    for (const op of OPS) await q.query(`DROP FUNCTION demand_theme_ids_track_${op}()`);
    await q.query(`DROP FUNCTION demand_theme_ids_apply(uuid[], uuid[], uuid[])`);
    await q.query(`DROP TABLE demand_theme_set`);
    await q.query(`ALTER TABLE demand DROP COLUMN theme_ids`);
  }
}

type Op = 'insert' | 'delete' | 'update';
const OPS: Op[] = ['insert', 'delete', 'update'];

/** Per demand touched by the statement: the themes it lost and gained (transition tables). */
const CHANGES: Record<Op, string> = {
  insert: `SELECT demand_id, NULL::uuid[] AS removed, array_agg(theme_id) AS added FROM new_pairs GROUP BY demand_id`,
  delete: `SELECT demand_id, array_agg(theme_id) AS removed, NULL::uuid[] AS added FROM old_pairs GROUP BY demand_id`,
  update: `SELECT coalesce(o.demand_id, n.demand_id) AS demand_id, o.removed, n.added
             FROM (SELECT demand_id, array_agg(theme_id) AS removed FROM old_pairs GROUP BY demand_id) o
             FULL JOIN (SELECT demand_id, array_agg(theme_id) AS added FROM new_pairs GROUP BY demand_id) n USING (demand_id)`,
};

/**
 * The statement trigger of one operation. The demands are locked in id order first (two bulk tags
 * cannot deadlock); the update, a statement of its own, then starts from the cell as the last
 * committed writer left it, and applies this statement's change to it.
 */
function trackFunctionSql(op: Op): string {
  const pairs = op === 'delete' ? 'old_pairs' : 'new_pairs';
  const touched = op === 'update' ? `SELECT demand_id FROM old_pairs UNION SELECT demand_id FROM new_pairs` : `SELECT demand_id FROM ${pairs}`;
  return `
    CREATE FUNCTION demand_theme_ids_track_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM demand WHERE id IN (${touched}) ORDER BY id FOR NO KEY UPDATE;
      WITH c AS (${CHANGES[op]}),
      changed AS (
        UPDATE demand d SET theme_ids = demand_theme_ids_apply(d.theme_ids, c.removed, c.added)
          FROM c WHERE d.id = c.demand_id
        RETURNING d.organization_id, d.theme_ids)
      INSERT INTO demand_theme_set (organization_id, theme_ids)
      SELECT DISTINCT organization_id, theme_ids FROM changed WHERE cardinality(theme_ids) > 0 ORDER BY 1, 2
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`;
}
