import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One demand per input, never lost: every source's rows become demand rows in the writer's own
 * transaction, by triggers, and a catch-up function repairs anything missed (a bulk load with
 * triggers off, a restore): `demands_catch_up(org)`, run daily by the `demands.catch_up` job.
 *
 * Each source is described ONCE, as a view `demand_from_<source>` with the demand's columns
 * (`DEMAND_SOURCE_COLUMNS`); the sync function, the trigger and the catch-up are generated from
 * that view. ADDING A SOURCE (think-tank statements: `thinktank_statement`) is a new migration
 * that creates its view, calls `demandSourceSql('thinktank_statement', …)` below for its sync
 * function and trigger, and replaces `demands_catch_up` with the longer list of sources.
 *
 * A source row that is edited updates the demand's text (state `edited`); hidden or merged sets
 * `source_state` (the demand stays, marked); deleted marks it `deleted`. Nothing heard is lost.
 *
 * `demand_theme_count` keeps the theme × (capacity, district, stage, source, kind, priority) counts
 * of each plan, so the matrices over a million demands are sums over a few hundred rows.
 */
export class DemandSources1765110000000 implements MigrationInterface {
  name = 'DemandSources1765110000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- the sources, one view each ------------------------------------------------------------
    await q.query(`
      CREATE VIEW demand_from_problem AS
      SELECT p.organization_id, p.plan_id, p.stage_id, 'problem'::text AS source_kind, p.id AS source_id, NULL::text AS source_key,
             left(p.title || E'\\n' || p.description, 10000) AS text, p.capacity, p.author_id, p.district_id, p.lat, p.lng,
             p.created_at AS occurred_at, p.support_count AS weight,
             CASE WHEN p.merged_into_id IS NOT NULL OR p.status = 'merged' THEN 'merged' WHEN p.is_hidden THEN 'hidden' ELSE 'live' END AS source_state
        FROM problem p`);
    // Comments on problems, paragraphs and documents (replies too); the municipality's official
    // answers are not stakeholder input. A comment belongs to its target's plan and stage.
    await q.query(`
      CREATE VIEW demand_from_comment AS
      SELECT c.organization_id, coalesce(p.plan_id, a.plan_id) AS plan_id, coalesce(p.stage_id, a.stage_id) AS stage_id,
             'comment'::text AS source_kind, c.id AS source_id, NULL::text AS source_key, left(c.body, 10000) AS text,
             c.author_capacity AS capacity, c.author_id, p.district_id, NULL::double precision AS lat, NULL::double precision AS lng,
             c.created_at AS occurred_at, c.upvotes AS weight,
             CASE WHEN c.is_hidden THEN 'hidden' ELSE 'live' END AS source_state
        FROM comment c
        LEFT JOIN problem p ON c.target_type = 'problem' AND p.id = c.target_id
        LEFT JOIN consultation_block b ON c.target_type = 'paragraph' AND b.id = c.target_id
        LEFT JOIN consultation_edition e ON e.id = CASE WHEN c.target_type = 'document' THEN c.target_id ELSE b.edition_id END
        LEFT JOIN activity a ON a.id = e.activity_id
       WHERE NOT c.is_official AND coalesce(p.plan_id, a.plan_id) IS NOT NULL AND btrim(c.body) <> ''`);
    // Open-text answers (short and long text questions): one demand per response and question.
    await q.query(`CREATE VIEW demand_from_survey_answer AS ${surveyAnswerDemandRows('survey_answer_fact')}`);

    for (const source of SOURCES) for (const sql of demandSourceSql(source)) await q.query(sql);

    // Problems: a "me too" only moves the weight (the support hot path stays one small update).
    await q.query(`
      CREATE FUNCTION demand_track_problem() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM demand_source_gone(OLD.organization_id, 'problem', OLD.id, NULL);
        ELSE
          PERFORM demand_sync_problem(NEW.id, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_problem_demand AFTER INSERT OR DELETE OR UPDATE OF title, description, is_hidden, merged_into_id, status,
        district_id, lat, lng, capacity, plan_id, stage_id, author_id ON problem
      FOR EACH ROW EXECUTE FUNCTION demand_track_problem()`);
    await q.query(`
      CREATE FUNCTION demand_track_weight() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE demand SET weight = (to_jsonb(NEW) ->> TG_ARGV[1])::int
         WHERE organization_id = NEW.organization_id AND source_kind = TG_ARGV[0] AND source_id = NEW.id AND coalesce(source_key, '') = '';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_problem_demand_weight AFTER UPDATE OF support_count ON problem
      FOR EACH ROW WHEN (OLD.support_count IS DISTINCT FROM NEW.support_count) EXECUTE FUNCTION demand_track_weight('problem', 'support_count')`);

    await q.query(`
      CREATE FUNCTION demand_track_comment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM demand_source_gone(OLD.organization_id, 'comment', OLD.id, NULL);
        ELSE
          PERFORM demand_sync_comment(NEW.id, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_comment_demand AFTER INSERT OR DELETE OR UPDATE OF body, is_hidden, is_official, author_capacity, target_id ON comment
      FOR EACH ROW EXECUTE FUNCTION demand_track_comment()`);
    await q.query(`
      CREATE TRIGGER tr_comment_demand_weight AFTER UPDATE OF upvotes ON comment
      FOR EACH ROW WHEN (OLD.upvotes IS DISTINCT FROM NEW.upvotes) EXECUTE FUNCTION demand_track_weight('comment', 'upvotes')`);

    // An edited response's facts are deleted and inserted again in one transaction: the delete
    // marks the demand, the insert brings it back (edited when the text changed).
    await q.query(`
      CREATE FUNCTION demand_track_survey_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM demand_source_gone(OLD.organization_id, 'survey_answer', OLD.response_id, OLD.question_id);
        ELSE
          PERFORM demand_sync_survey_answer(NEW.response_id, NEW.question_id);
        END IF;
        RETURN NULL;
      END $$`);
    for (const sql of SURVEY_ANSWER_ROW_TRIGGERS) await q.query(sql);

    // ---- the catch-up ----------------------------------------------------------------------------
    await q.query(catchUpSql(SOURCES.map((s) => s.kind)));

    // ---- the matrices' maintained counts -------------------------------------------------------
    await q.query(`
      CREATE TABLE demand_theme_count (
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        -- '' / the nil UUID / 0 stand for "none" (a primary key column cannot be null)
        capacity text NOT NULL,
        district_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        source_kind text NOT NULL,
        kind text NOT NULL,
        priority smallint NOT NULL,
        count integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_demand_theme_count PRIMARY KEY (organization_id, plan_id, theme_id, capacity, district_id, stage_id, source_kind, kind, priority),
        CONSTRAINT fk_demand_theme_count_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE
      )`);
    // Adds `n` to the counts of (demand's attributes × its themes): `themes` null means all of the demand's themes.
    await q.query(`
      CREATE FUNCTION demand_theme_count_add(d demand, themes uuid[], n integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO demand_theme_count AS c (organization_id, plan_id, theme_id, capacity, district_id, stage_id, source_kind, kind, priority, count)
        SELECT d.organization_id, d.plan_id, t.theme_id, coalesce(d.capacity, ''), coalesce(d.district_id, '00000000-0000-0000-0000-000000000000'),
               coalesce(d.stage_id, '00000000-0000-0000-0000-000000000000'), d.source_kind, coalesce(d.kind, ''), coalesce(d.priority, 0), n
          FROM (SELECT unnest(themes) AS theme_id WHERE themes IS NOT NULL
                UNION ALL SELECT dt.theme_id FROM demand_theme dt WHERE themes IS NULL AND dt.demand_id = d.id) t
         ORDER BY t.theme_id
        ON CONFLICT ON CONSTRAINT pk_demand_theme_count DO UPDATE SET count = c.count + excluded.count $$`);
    await q.query(`
      CREATE FUNCTION demand_theme_count_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE d demand;
      BEGIN
        IF TG_TABLE_NAME = 'demand_theme' THEN
          SELECT * INTO d FROM demand WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.demand_id ELSE NEW.demand_id END;
          -- the demand itself is being deleted: its BEFORE DELETE trigger took its counts away
          IF NOT FOUND THEN RETURN NULL; END IF;
          IF TG_OP = 'DELETE' THEN PERFORM demand_theme_count_add(d, ARRAY[OLD.theme_id], -1);
          ELSIF TG_OP = 'INSERT' THEN PERFORM demand_theme_count_add(d, ARRAY[NEW.theme_id], 1);
          ELSIF OLD.theme_id <> NEW.theme_id THEN
            PERFORM demand_theme_count_add(d, ARRAY[OLD.theme_id], -1);
            PERFORM demand_theme_count_add(d, ARRAY[NEW.theme_id], 1);
          END IF;
          RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN
          PERFORM demand_theme_count_add(OLD, NULL, -1);
          RETURN OLD;
        END IF;
        IF (OLD.plan_id, OLD.capacity, OLD.district_id, OLD.stage_id, OLD.source_kind, OLD.kind, OLD.priority)
           IS DISTINCT FROM (NEW.plan_id, NEW.capacity, NEW.district_id, NEW.stage_id, NEW.source_kind, NEW.kind, NEW.priority) THEN
          PERFORM demand_theme_count_add(OLD, NULL, -1);
          PERFORM demand_theme_count_add(NEW, NULL, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_demand_theme_count AFTER INSERT OR DELETE OR UPDATE OF theme_id ON demand_theme
      FOR EACH ROW EXECUTE FUNCTION demand_theme_count_track()`);
    await q.query(`
      CREATE TRIGGER tr_demand_count_attrs AFTER UPDATE OF plan_id, capacity, district_id, stage_id, source_kind, kind, priority ON demand
      FOR EACH ROW EXECUTE FUNCTION demand_theme_count_track()`);
    await q.query(`CREATE TRIGGER tr_demand_count_gone BEFORE DELETE ON demand FOR EACH ROW EXECUTE FUNCTION demand_theme_count_track()`);
    await q.query(`
      CREATE FUNCTION demand_theme_count_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM demand_theme_count WHERE organization_id = org;
        INSERT INTO demand_theme_count (organization_id, plan_id, theme_id, capacity, district_id, stage_id, source_kind, kind, priority, count)
        SELECT d.organization_id, d.plan_id, dt.theme_id, coalesce(d.capacity, ''), coalesce(d.district_id, '00000000-0000-0000-0000-000000000000'),
               coalesce(d.stage_id, '00000000-0000-0000-0000-000000000000'), d.source_kind, coalesce(d.kind, ''), coalesce(d.priority, 0), count(*)
          FROM demand d JOIN demand_theme dt ON dt.demand_id = d.id
         WHERE d.organization_id = org
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 $$`);

    // Views: the located demands of a plan, and the full-text search over the normalised text.
    await q.query(`CREATE INDEX ix_demand_plan_located ON demand (organization_id, plan_id) INCLUDE (lat, lng) WHERE lat IS NOT NULL`);
    await q.query(`CREATE INDEX ix_demand_source_state ON demand (organization_id, source_kind, source_state)`);

    // Anything that existed before this migration.
    await q.query(`SELECT demands_catch_up(id) FROM organization`);
    await q.query(`SELECT demand_theme_count_rebuild(id) FROM organization`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_demand_count_gone ON demand`);
    await q.query(`DROP TRIGGER tr_demand_count_attrs ON demand`);
    await q.query(`DROP TRIGGER tr_demand_theme_count ON demand_theme`);
    await q.query(`DROP FUNCTION demand_theme_count_rebuild(uuid)`);
    await q.query(`DROP FUNCTION demand_theme_count_track()`);
    await q.query(`DROP FUNCTION demand_theme_count_add(demand, uuid[], integer)`);
    await q.query(`DROP TABLE demand_theme_count`);
    await q.query(`DROP INDEX ix_demand_plan_located`);
    await q.query(`DROP INDEX ix_demand_source_state`);
    await q.query(`DROP FUNCTION demands_catch_up(uuid)`);
    await q.query(`DROP TRIGGER tr_survey_answer_demand_gone ON survey_answer_fact`);
    await q.query(`DROP TRIGGER tr_survey_answer_demand ON survey_answer_fact`);
    await q.query(`DROP TRIGGER tr_comment_demand_weight ON comment`);
    await q.query(`DROP TRIGGER tr_comment_demand ON comment`);
    await q.query(`DROP TRIGGER tr_problem_demand_weight ON problem`);
    await q.query(`DROP TRIGGER tr_problem_demand ON problem`);
    await q.query(`DROP FUNCTION demand_track_survey_answer()`);
    await q.query(`DROP FUNCTION demand_track_comment()`);
    await q.query(`DROP FUNCTION demand_track_weight()`);
    await q.query(`DROP FUNCTION demand_track_problem()`);
    for (const source of SOURCES) await q.query(`DROP FUNCTION demand_sync_${source.kind}(uuid, text)`);
    await q.query(`DROP FUNCTION demand_source_gone(uuid, text, uuid, text)`);
    await q.query(`DROP VIEW demand_from_survey_answer`);
    await q.query(`DROP VIEW demand_from_comment`);
    await q.query(`DROP VIEW demand_from_problem`);
  }
}

/** The row triggers that make open-text answers demands (replaced by statement triggers in migration 1765470000000). */
export const SURVEY_ANSWER_ROW_TRIGGERS = [
  `CREATE TRIGGER tr_survey_answer_demand AFTER INSERT ON survey_answer_fact
   FOR EACH ROW WHEN (NEW.text IS NOT NULL) EXECUTE FUNCTION demand_track_survey_answer()`,
  `CREATE TRIGGER tr_survey_answer_demand_gone AFTER DELETE ON survey_answer_fact
   FOR EACH ROW WHEN (OLD.text IS NOT NULL) EXECUTE FUNCTION demand_track_survey_answer()`,
];

/** A source of demands: its kind (as in `demand.source_kind`) and its view is `demand_from_<kind>`. */
export type DemandSourceSpec = { kind: string };

const SOURCES: DemandSourceSpec[] = [{ kind: 'problem' }, { kind: 'comment' }, { kind: 'survey_answer' }];

/**
 * The demand rows of open-text answers (short and long text questions), one per response and
 * question, from `facts` (the fact table, or a trigger's transition table of it).
 */
export function surveyAnswerDemandRows(facts: string): string {
  return `
      SELECT f.organization_id, a.plan_id, a.stage_id, 'survey_answer'::text AS source_kind, f.response_id AS source_id,
             f.question_id AS source_key, left(f.text, 10000) AS text, f.capacity, r.account_id AS author_id, f.district_id,
             NULL::double precision AS lat, NULL::double precision AS lng, coalesce(r.submitted_at, r.created_at) AS occurred_at,
             0 AS weight, 'live'::text AS source_state
        FROM ${facts} f
        JOIN survey_response r ON r.id = f.response_id
        JOIN survey s ON s.id = f.survey_id
        JOIN activity a ON a.id = s.activity_id
       WHERE f.text IS NOT NULL AND btrim(f.text) <> ''`;
}

/** The columns every `demand_from_<source>` view has, in this order. */
export const DEMAND_SOURCE_COLUMNS = `organization_id, plan_id, stage_id, source_kind, source_id, source_key, text, capacity, author_id,
  district_id, lat, lng, occurred_at, weight, source_state`;

/**
 * The upsert of demands from a source view's rows: new ones inserted, existing ones updated only
 * when something changed. A live source whose text changed (or changed before) is `edited`;
 * hidden and merged win. `where` selects the view's rows (alias v).
 */
export function upsertFromView(kind: string, where: string): string {
  return upsertFrom(`demand_from_${kind} v WHERE ${where}`);
}

/**
 * As `upsertFromView`, from any rows with the view's columns: `from` is what follows `FROM` in the
 * SELECT (its rows aliased v).
 */
export function upsertFrom(from: string): string {
  return `
    INSERT INTO demand AS d (organization_id, plan_id, stage_id, source_kind, source_id, source_key, text, text_key, capacity, author_id,
      district_id, lat, lng, occurred_at, weight, source_state)
    SELECT v.organization_id, v.plan_id, v.stage_id, v.source_kind, v.source_id, v.source_key, v.text, hamandishi_search_key(v.text),
           v.capacity, v.author_id, v.district_id, v.lat, v.lng, v.occurred_at, v.weight, v.source_state
      FROM ${from}
    ON CONFLICT (organization_id, source_kind, source_id, (coalesce(source_key, ''))) WHERE source_id IS NOT NULL DO UPDATE SET
      plan_id = excluded.plan_id, stage_id = excluded.stage_id, text = excluded.text, text_key = excluded.text_key,
      capacity = excluded.capacity, author_id = excluded.author_id, district_id = excluded.district_id, lat = excluded.lat, lng = excluded.lng,
      weight = excluded.weight,
      source_state = CASE WHEN excluded.source_state <> 'live' THEN excluded.source_state
                          WHEN d.source_state = 'edited' OR d.text <> excluded.text THEN 'edited' ELSE 'live' END,
      updated_at = now()
    WHERE (d.plan_id, d.stage_id, d.text, d.capacity, d.author_id, d.district_id, d.lat, d.lng, d.weight, d.source_state)
          IS DISTINCT FROM (excluded.plan_id, excluded.stage_id, excluded.text, excluded.capacity, excluded.author_id, excluded.district_id,
                            excluded.lat, excluded.lng, excluded.weight,
                            CASE WHEN excluded.source_state <> 'live' THEN excluded.source_state
                                 WHEN d.source_state = 'edited' OR d.text <> excluded.text THEN 'edited' ELSE 'live' END)`;
}

/**
 * The statements a source needs besides its view and trigger: `demand_sync_<kind>(id, key)`, which
 * brings one source row's demand up to date. `demand_source_gone` is shared (created with the first).
 */
export function demandSourceSql(source: DemandSourceSpec): string[] {
  const out: string[] = [];
  if (source === SOURCES[0]) {
    out.push(`
      CREATE FUNCTION demand_source_gone(p_org uuid, p_kind text, p_id uuid, p_key text) RETURNS void LANGUAGE sql AS $$
        UPDATE demand SET source_state = 'deleted', updated_at = now()
         WHERE organization_id = p_org AND source_kind = p_kind AND source_id = p_id AND coalesce(source_key, '') = coalesce(p_key, '')
           AND source_state <> 'deleted' $$`);
  }
  out.push(`
    CREATE FUNCTION demand_sync_${source.kind}(p_id uuid, p_key text) RETURNS void LANGUAGE sql AS $$
      ${upsertFromView(source.kind, `v.source_id = p_id AND coalesce(v.source_key, '') = coalesce(p_key, '')`)} $$`);
  return out;
}

/**
 * `demands_catch_up(org)`: every source row of the organisation has its demand, up to date, and a
 * demand whose source row is gone is marked `deleted`. Returns the demands inserted or changed.
 */
export function catchUpSql(kinds: string[]): string {
  const steps = kinds
    .map(
      (kind) => `
        WITH up AS (${upsertFromView(kind, 'v.organization_id = p_org')} RETURNING 1) SELECT changed + count(*) INTO changed FROM up;
        WITH gone AS (
          UPDATE demand d SET source_state = 'deleted', updated_at = now()
           WHERE d.organization_id = p_org AND d.source_kind = '${kind}' AND d.source_state <> 'deleted'
             AND NOT EXISTS (SELECT 1 FROM demand_from_${kind} v WHERE v.organization_id = p_org AND v.source_id = d.source_id
                               AND coalesce(v.source_key, '') = coalesce(d.source_key, ''))
           RETURNING 1) SELECT changed + count(*) INTO changed FROM gone;`,
    )
    .join('\n');
  return `
    CREATE OR REPLACE FUNCTION demands_catch_up(p_org uuid) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE changed integer := 0;
    BEGIN
      ${steps}
      RETURN changed;
    END $$`;
}
