import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan's structure (issue 14): vision, mission and values; focus points; strategic goals →
 * effective outputs → indicators (formula, variables, baseline, yearly targets) and projects →
 * actions; portfolios; yearly budget allocations; frozen versions for the annual revision; council
 * approval and conformity-check records.
 *
 * Every row carries organization_id and plan_id, and a child points at its parent through
 * (organization_id, plan_id, parent_id): a row can never hang under another tenant's or another
 * plan's parent. Parents are NOT NULL and deleting a parent with children fails (NO ACTION), so the
 * tree has no orphans; the levels are fixed, so it has no cycles. Codes are unique per plan and
 * level (they link rows of the XLSX sheets); the uniqueness is deferred so an import may swap codes.
 *
 * The live tables always hold the plan's working structure, so ids stay stable for monitoring and
 * traceability; a revision freezes a snapshot of it in strategy_version.
 */
export class Strategy1765200000000 implements MigrationInterface {
  name = 'Strategy1765200000000';

  async up(q: QueryRunner): Promise<void> {
    // one row per plan: vision, mission and values
    await q.query(`
      CREATE TABLE strategy_statement (
        plan_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        vision text NOT NULL DEFAULT '',
        mission text NOT NULL DEFAULT '',
        "values" text[] NOT NULL DEFAULT '{}',
        updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_strategy_statement_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_statement_values CHECK (cardinality("values") <= 50)
      )`);

    await q.query(`
      CREATE TABLE strategy_focus_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        description text,
        -- the demand group it was made from, if any
        demand_group_id uuid,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_focus_point_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_focus_point_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_focus_point_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_focus_point_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_focus_point_group FOREIGN KEY (organization_id, demand_group_id) REFERENCES demand_group(organization_id, id) ON DELETE SET NULL (demand_group_id),
        CONSTRAINT ck_strategy_focus_point_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_focus_point_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_focus_point_plan ON strategy_focus_point (plan_id, position)`);

    await q.query(`
      CREATE TABLE strategy_goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        description text,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_goal_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_goal_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_goal_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_goal_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_goal_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_goal_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_goal_plan ON strategy_goal (plan_id, position)`);

    await q.query(`
      CREATE TABLE strategy_output (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        goal_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        description text,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_output_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_output_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_output_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_output_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_output_goal FOREIGN KEY (organization_id, plan_id, goal_id) REFERENCES strategy_goal(organization_id, plan_id, id),
        CONSTRAINT ck_strategy_output_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_output_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_output_goal ON strategy_output (goal_id, position)`);
    await q.query(`CREATE INDEX ix_strategy_output_plan ON strategy_output (plan_id)`);

    await q.query(`
      CREATE TABLE strategy_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        output_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        unit text NOT NULL,
        -- which way is better: the value should rise, fall, or stay within the target
        direction text NOT NULL DEFAULT 'increase',
        -- arithmetic over the named variables (libs/contracts strategy-formula), never eval'd
        formula text NOT NULL,
        -- [{ "name": "a", "label": "...", "unit": "..." }]
        variables jsonb NOT NULL DEFAULT '[]',
        data_source text,
        responsible_unit text,
        baseline_year integer,
        baseline_value numeric,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_indicator_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_indicator_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_indicator_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_indicator_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_indicator_output FOREIGN KEY (organization_id, plan_id, output_id) REFERENCES strategy_output(organization_id, plan_id, id),
        CONSTRAINT ck_strategy_indicator_direction CHECK (direction IN ('increase', 'decrease', 'maintain')),
        CONSTRAINT ck_strategy_indicator_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_indicator_title CHECK (char_length(title) BETWEEN 1 AND 500),
        CONSTRAINT ck_strategy_indicator_formula CHECK (char_length(formula) BETWEEN 1 AND 1000),
        CONSTRAINT ck_strategy_indicator_variables CHECK (jsonb_typeof(variables) = 'array'),
        CONSTRAINT ck_strategy_indicator_baseline_year CHECK (baseline_year IS NULL OR baseline_year BETWEEN 1300 AND 1500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_indicator_output ON strategy_indicator (output_id, position)`);
    await q.query(`CREATE INDEX ix_strategy_indicator_plan ON strategy_indicator (plan_id)`);

    // the target of an indicator for one Jalali year of the plan's horizon
    await q.query(`
      CREATE TABLE strategy_indicator_target (
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        indicator_id uuid NOT NULL,
        year integer NOT NULL,
        value numeric NOT NULL,
        CONSTRAINT pk_strategy_indicator_target PRIMARY KEY (indicator_id, year),
        CONSTRAINT fk_strategy_indicator_target_indicator FOREIGN KEY (organization_id, plan_id, indicator_id)
          REFERENCES strategy_indicator(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_indicator_target_year CHECK (year BETWEEN 1300 AND 1500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_indicator_target_plan ON strategy_indicator_target (plan_id, year)`);

    await q.query(`
      CREATE TABLE strategy_portfolio (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        description text,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_portfolio_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_portfolio_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_portfolio_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_portfolio_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_portfolio_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_portfolio_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_portfolio_plan ON strategy_portfolio (plan_id, position)`);

    await q.query(`
      CREATE TABLE strategy_project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        output_id uuid NOT NULL,
        portfolio_id uuid,
        committee_id uuid,
        code text NOT NULL,
        title text NOT NULL,
        description text,
        responsible_unit text,
        lat double precision,
        lng double precision,
        starts_on date,
        ends_on date,
        -- integer rials
        total_cost bigint NOT NULL DEFAULT 0,
        funding_sources text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'planned',
        progress smallint NOT NULL DEFAULT 0,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_project_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_project_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_project_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_project_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_project_output FOREIGN KEY (organization_id, plan_id, output_id) REFERENCES strategy_output(organization_id, plan_id, id),
        CONSTRAINT fk_strategy_project_portfolio FOREIGN KEY (organization_id, plan_id, portfolio_id)
          REFERENCES strategy_portfolio(organization_id, plan_id, id) ON DELETE SET NULL (portfolio_id),
        CONSTRAINT fk_strategy_project_committee FOREIGN KEY (organization_id, committee_id)
          REFERENCES committee(organization_id, id) ON DELETE SET NULL (committee_id),
        CONSTRAINT ck_strategy_project_status CHECK (status IN ('planned', 'in_progress', 'completed', 'suspended', 'cancelled')),
        CONSTRAINT ck_strategy_project_progress CHECK (progress BETWEEN 0 AND 100),
        CONSTRAINT ck_strategy_project_cost CHECK (total_cost >= 0),
        CONSTRAINT ck_strategy_project_point CHECK ((lat IS NULL) = (lng IS NULL)),
        CONSTRAINT ck_strategy_project_dates CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT ck_strategy_project_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_project_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_project_output ON strategy_project (output_id, position)`);
    await q.query(`CREATE INDEX ix_strategy_project_plan ON strategy_project (plan_id)`);
    await q.query(`CREATE INDEX ix_strategy_project_portfolio ON strategy_project (portfolio_id) WHERE portfolio_id IS NOT NULL`);

    // the districts a project serves (none: city-wide)
    await q.query(`
      CREATE TABLE strategy_project_district (
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        project_id uuid NOT NULL,
        district_id uuid NOT NULL,
        CONSTRAINT pk_strategy_project_district PRIMARY KEY (project_id, district_id),
        CONSTRAINT fk_strategy_project_district_project FOREIGN KEY (organization_id, plan_id, project_id)
          REFERENCES strategy_project(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_project_district_district FOREIGN KEY (organization_id, district_id)
          REFERENCES district(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_strategy_project_district_district ON strategy_project_district (district_id)`);

    await q.query(`
      CREATE TABLE strategy_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        project_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        responsible_unit text,
        starts_on date,
        ends_on date,
        status text NOT NULL DEFAULT 'planned',
        progress smallint NOT NULL DEFAULT 0,
        position integer NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_action_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_action_plan_id UNIQUE (organization_id, plan_id, id),
        CONSTRAINT uq_strategy_action_code UNIQUE (plan_id, code) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT fk_strategy_action_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_action_project FOREIGN KEY (organization_id, plan_id, project_id) REFERENCES strategy_project(organization_id, plan_id, id),
        CONSTRAINT ck_strategy_action_status CHECK (status IN ('planned', 'in_progress', 'completed', 'suspended', 'cancelled')),
        CONSTRAINT ck_strategy_action_progress CHECK (progress BETWEEN 0 AND 100),
        CONSTRAINT ck_strategy_action_dates CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT ck_strategy_action_code CHECK (char_length(code) BETWEEN 1 AND 40),
        CONSTRAINT ck_strategy_action_title CHECK (char_length(title) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX ix_strategy_action_project ON strategy_action (project_id, position)`);
    await q.query(`CREATE INDEX ix_strategy_action_plan ON strategy_action (plan_id)`);

    // A yearly budget allocation (integer rials) of a project or of a portfolio as a whole, per
    // funding source: the annual budget is the sum of these rows for one Jalali year.
    await q.query(`
      CREATE TABLE strategy_budget_allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        project_id uuid,
        portfolio_id uuid,
        year integer NOT NULL,
        funding_source text NOT NULL DEFAULT '',
        amount bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_budget_allocation_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_strategy_budget_allocation_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_budget_allocation_project FOREIGN KEY (organization_id, plan_id, project_id)
          REFERENCES strategy_project(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_budget_allocation_portfolio FOREIGN KEY (organization_id, plan_id, portfolio_id)
          REFERENCES strategy_portfolio(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_budget_allocation_owner CHECK ((project_id IS NULL) <> (portfolio_id IS NULL)),
        CONSTRAINT ck_strategy_budget_allocation_amount CHECK (amount >= 0),
        CONSTRAINT ck_strategy_budget_allocation_year CHECK (year BETWEEN 1300 AND 1500),
        CONSTRAINT ck_strategy_budget_allocation_source CHECK (char_length(funding_source) <= 200)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_strategy_budget_allocation_project ON strategy_budget_allocation (project_id, year, funding_source)
      WHERE project_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_strategy_budget_allocation_portfolio ON strategy_budget_allocation (portfolio_id, year, funding_source)
      WHERE portfolio_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_strategy_budget_allocation_plan ON strategy_budget_allocation (plan_id, year)`);

    // A frozen version of the structure (the annual revision): number 1, 2, ... per plan; the
    // snapshot is the whole structure as the editor loads it.
    await q.query(`
      CREATE TABLE strategy_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        number integer NOT NULL,
        year integer NOT NULL,
        label text NOT NULL,
        note text,
        snapshot jsonb NOT NULL,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_version_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_strategy_version_number UNIQUE (plan_id, number),
        CONSTRAINT fk_strategy_version_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_version_year CHECK (year BETWEEN 1300 AND 1500),
        CONSTRAINT ck_strategy_version_label CHECK (char_length(label) BETWEEN 1 AND 200)
      )`);

    // The council's approval and the governorate's conformity check, with date and document.
    await q.query(`
      CREATE TABLE strategy_approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        kind text NOT NULL,
        outcome text NOT NULL,
        decided_on date NOT NULL,
        reference text,
        note text,
        attachment_id uuid REFERENCES attachment(id) ON DELETE SET NULL,
        version_id uuid,
        recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_approval_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_strategy_approval_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_approval_version FOREIGN KEY (organization_id, version_id)
          REFERENCES strategy_version(organization_id, id) ON DELETE SET NULL (version_id),
        CONSTRAINT ck_strategy_approval_kind CHECK (kind IN ('council_approval', 'conformity_check')),
        CONSTRAINT ck_strategy_approval_outcome CHECK (outcome IN ('approved', 'rejected', 'conforming', 'non_conforming', 'changes_requested')),
        CONSTRAINT ck_strategy_approval_reference CHECK (reference IS NULL OR char_length(reference) <= 200)
      )`);
    await q.query(`CREATE INDEX ix_strategy_approval_plan ON strategy_approval (plan_id, decided_on, created_at)`);

    // public comments on goals as well as projects (the generic comments module)
    await q.query(`ALTER TABLE comment DROP CONSTRAINT ck_comment_target_type`);
    await q.query(`
      ALTER TABLE comment ADD CONSTRAINT ck_comment_target_type
        CHECK (target_type IN ('problem', 'paragraph', 'document', 'project', 'goal'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM comment WHERE target_type = 'goal'`);
    await q.query(`ALTER TABLE comment DROP CONSTRAINT ck_comment_target_type`);
    await q.query(`
      ALTER TABLE comment ADD CONSTRAINT ck_comment_target_type
        CHECK (target_type IN ('problem', 'paragraph', 'document', 'project'))`);
    await q.query(`DROP TABLE strategy_approval`);
    await q.query(`DROP TABLE strategy_version`);
    await q.query(`DROP TABLE strategy_budget_allocation`);
    await q.query(`DROP TABLE strategy_action`);
    await q.query(`DROP TABLE strategy_project_district`);
    await q.query(`DROP TABLE strategy_project`);
    await q.query(`DROP TABLE strategy_portfolio`);
    await q.query(`DROP TABLE strategy_indicator_target`);
    await q.query(`DROP TABLE strategy_indicator`);
    await q.query(`DROP TABLE strategy_output`);
    await q.query(`DROP TABLE strategy_goal`);
    await q.query(`DROP TABLE strategy_focus_point`);
    await q.query(`DROP TABLE strategy_statement`);
  }
}
