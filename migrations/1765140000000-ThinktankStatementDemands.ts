import type { MigrationInterface, QueryRunner } from 'typeorm';
import { catchUpSql, demandSourceSql } from './1765110000000-DemandSources';

/**
 * Think-tank statements become demands, like every other input: the statement's view, its sync
 * function and triggers (the way `DemandSources` describes adding a source), and a catch-up that
 * covers four sources. A statement's capacity is the kind of the stakeholder its author was
 * invited for or acts for, else `expert` (who think-tank sessions are for); its weight is its
 * up-votes; a hidden statement's demand stays, marked hidden.
 */
export class ThinktankStatementDemands1765140000000 implements MigrationInterface {
  name = 'ThinktankStatementDemands1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW demand_from_thinktank_statement AS
      SELECT st.organization_id, ts.plan_id, ts.stage_id, 'thinktank_statement'::text AS source_kind, st.id AS source_id,
             NULL::text AS source_key, left(st.text, 10000) AS text,
             coalesce(
               (SELECT sh.kind FROM thinktank_invitation i JOIN stakeholder sh ON sh.id = i.stakeholder_id
                 WHERE i.session_id = st.session_id AND i.account_id = st.author_id LIMIT 1),
               (SELECT sh.kind FROM stakeholder_account sa JOIN stakeholder sh ON sh.id = sa.stakeholder_id
                 WHERE sa.organization_id = st.organization_id AND sa.account_id = st.author_id AND sh.archived_at IS NULL
                 ORDER BY sh.created_at LIMIT 1),
               'expert') AS capacity,
             st.author_id, NULL::uuid AS district_id, NULL::double precision AS lat, NULL::double precision AS lng,
             st.created_at AS occurred_at, st.upvote_count AS weight,
             CASE WHEN st.is_hidden THEN 'hidden' ELSE 'live' END AS source_state
        FROM thinktank_statement st
        JOIN thinktank_session ts ON ts.id = st.session_id
       WHERE btrim(st.text) <> ''`);
    for (const sql of demandSourceSql({ kind: 'thinktank_statement' })) await q.query(sql);
    await q.query(`
      CREATE FUNCTION demand_track_thinktank_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM demand_source_gone(OLD.organization_id, 'thinktank_statement', OLD.id, NULL);
        ELSE
          PERFORM demand_sync_thinktank_statement(NEW.id, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_thinktank_statement_demand AFTER INSERT OR DELETE OR UPDATE OF text, is_hidden ON thinktank_statement
      FOR EACH ROW EXECUTE FUNCTION demand_track_thinktank_statement()`);
    // An up-vote only moves the weight.
    await q.query(`
      CREATE TRIGGER tr_thinktank_statement_demand_weight AFTER UPDATE OF upvote_count ON thinktank_statement
      FOR EACH ROW WHEN (OLD.upvote_count IS DISTINCT FROM NEW.upvote_count)
      EXECUTE FUNCTION demand_track_weight('thinktank_statement', 'upvote_count')`);
    await q.query(catchUpSql(['problem', 'comment', 'survey_answer', 'thinktank_statement']));
    await q.query(`SELECT demands_catch_up(id) FROM organization`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(catchUpSql(['problem', 'comment', 'survey_answer']));
    await q.query(`DROP TRIGGER tr_thinktank_statement_demand_weight ON thinktank_statement`);
    await q.query(`DROP TRIGGER tr_thinktank_statement_demand ON thinktank_statement`);
    await q.query(`DROP FUNCTION demand_track_thinktank_statement()`);
    await q.query(`DROP FUNCTION demand_sync_thinktank_statement(uuid, text)`);
    await q.query(`DROP VIEW demand_from_thinktank_statement`);
  }
}
