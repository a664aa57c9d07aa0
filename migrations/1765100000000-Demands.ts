import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demands hub's core: one demand per input (a problem, a comment, an open-text survey answer,
 * a think-tank statement, or a demand entered by hand or imported from a meeting), its themes with
 * who decided them, the classifier's suggestions and models, and the planners' groups. How demands
 * are created from each source, the views and the exports build on these tables.
 */
export class Demands1765100000000 implements MigrationInterface {
  name = 'Demands1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        name text,
        is_focus_candidate boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_demand_group_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_demand_group_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE demand (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        stage_id uuid,
        -- where the input came from; source_id names the source row, source_key a part of it
        -- (the question of a survey response), meeting the paper meeting of a manual or imported one
        source_kind text NOT NULL,
        source_id uuid,
        source_key text,
        meeting text,
        text text NOT NULL,
        -- normalizeForSearch(text): search, trigram grouping and the classifier read this
        text_key text NOT NULL,
        -- the author's stakeholder capacity (citizen, ngo, expert, manager) or a stakeholder kind
        capacity text,
        stakeholder_id uuid,
        -- kept for the PII rules; the demand views never show it unless the viewer may see it
        author_id uuid REFERENCES account(id) ON DELETE SET NULL,
        district_id uuid,
        lat double precision,
        lng double precision,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        -- supports or votes of the source
        weight integer NOT NULL DEFAULT 0,
        kind text,
        priority smallint,
        group_id uuid,
        -- the source was hidden or merged; the demand stays (nothing heard is lost)
        source_state text NOT NULL DEFAULT 'live',
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_demand_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_demand_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_demand_stage FOREIGN KEY (organization_id, stage_id) REFERENCES stage(organization_id, id) ON DELETE SET NULL (stage_id),
        CONSTRAINT fk_demand_district FOREIGN KEY (organization_id, district_id) REFERENCES district(organization_id, id) ON DELETE SET NULL (district_id),
        CONSTRAINT fk_demand_stakeholder FOREIGN KEY (organization_id, stakeholder_id) REFERENCES stakeholder(organization_id, id) ON DELETE SET NULL (stakeholder_id),
        CONSTRAINT fk_demand_group FOREIGN KEY (organization_id, group_id) REFERENCES demand_group(organization_id, id) ON DELETE SET NULL (group_id),
        CONSTRAINT ck_demand_source_kind CHECK (source_kind IN ('problem', 'comment', 'survey_answer', 'thinktank_statement', 'manual', 'import')),
        CONSTRAINT ck_demand_source CHECK ((source_kind IN ('manual', 'import')) = (source_id IS NULL)),
        CONSTRAINT ck_demand_kind CHECK (kind IS NULL OR kind IN ('problem', 'suggestion', 'praise', 'question')),
        CONSTRAINT ck_demand_priority CHECK (priority IS NULL OR priority BETWEEN 1 AND 3),
        CONSTRAINT ck_demand_point CHECK ((lat IS NULL) = (lng IS NULL)),
        CONSTRAINT ck_demand_source_state CHECK (source_state IN ('live', 'edited', 'hidden', 'merged', 'deleted')),
        CONSTRAINT ck_demand_text CHECK (char_length(text) BETWEEN 1 AND 10000)
      )`);
    // One demand per input: a source row (and part) yields at most one demand, so a replayed sync adds nothing.
    await q.query(
      `CREATE UNIQUE INDEX uq_demand_source ON demand (organization_id, source_kind, source_id, (coalesce(source_key, ''))) WHERE source_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_demand_plan_keyset ON demand (organization_id, plan_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_demand_text_trgm ON demand USING gin (text_key gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_demand_group ON demand (group_id) WHERE group_id IS NOT NULL`);

    // A demand's themes (multi-label) and who decided each, by hand or by accepting a suggestion.
    await q.query(`
      CREATE TABLE demand_theme (
        organization_id uuid NOT NULL,
        demand_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        origin text NOT NULL DEFAULT 'planner',
        decided_by uuid REFERENCES account(id) ON DELETE SET NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_demand_theme PRIMARY KEY (demand_id, theme_id),
        CONSTRAINT fk_demand_theme_demand FOREIGN KEY (organization_id, demand_id) REFERENCES demand(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_demand_theme_theme FOREIGN KEY (organization_id, theme_id) REFERENCES theme(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_demand_theme_origin CHECK (origin IN ('planner', 'suggestion', 'import'))
      )`);
    await q.query(`CREATE INDEX ix_demand_theme_theme ON demand_theme (organization_id, theme_id)`);

    // Every categorisation decision (who, when, what), for the record and the classifier's training.
    await q.query(`
      CREATE TABLE demand_decision (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        demand_id uuid NOT NULL,
        actor_id uuid REFERENCES account(id) ON DELETE SET NULL,
        action text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_demand_decision_demand FOREIGN KEY (organization_id, demand_id) REFERENCES demand(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_demand_decision_demand ON demand_decision (demand_id, created_at)`);

    // A trained classifier per municipality: the model bytes, its labels and its held-out accuracy.
    await q.query(`
      CREATE TABLE demand_classifier_model (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'training',
        sample_count integer NOT NULL DEFAULT 0,
        label_count integer NOT NULL DEFAULT 0,
        macro_f1 real,
        metrics jsonb NOT NULL DEFAULT '{}',
        model bytea,
        error_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT ck_demand_classifier_status CHECK (status IN ('training', 'ready', 'too_little_data', 'failed', 'retired'))
      )`);
    await q.query(`CREATE INDEX ix_demand_classifier_model_org ON demand_classifier_model (organization_id, created_at DESC)`);

    // The classifier's suggested themes for a demand, and the planner's answer to each.
    await q.query(`
      CREATE TABLE demand_suggestion (
        organization_id uuid NOT NULL,
        demand_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        model_id uuid NOT NULL REFERENCES demand_classifier_model(id) ON DELETE CASCADE,
        confidence real NOT NULL,
        status text NOT NULL DEFAULT 'open',
        decided_by uuid REFERENCES account(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_demand_suggestion PRIMARY KEY (demand_id, theme_id),
        CONSTRAINT fk_demand_suggestion_demand FOREIGN KEY (organization_id, demand_id) REFERENCES demand(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_demand_suggestion_theme FOREIGN KEY (organization_id, theme_id) REFERENCES theme(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_demand_suggestion_status CHECK (status IN ('open', 'accepted', 'rejected')),
        CONSTRAINT ck_demand_suggestion_confidence CHECK (confidence >= 0 AND confidence <= 1)
      )`);
    await q.query(`CREATE INDEX ix_demand_suggestion_open ON demand_suggestion (organization_id, demand_id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demand_suggestion`);
    await q.query(`DROP TABLE demand_classifier_model`);
    await q.query(`DROP TABLE demand_decision`);
    await q.query(`DROP TABLE demand_theme`);
    await q.query(`DROP TABLE demand`);
    await q.query(`DROP TABLE demand_group`);
  }
}
