import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds `kinds` to a `kind IN (...)` check constraint, keeping whatever kinds it holds now. */
async function addToInCheck(q: QueryRunner, table: string, constraint: string, column: string, kinds: string[]): Promise<void> {
  const present = await inCheckValues(q, constraint);
  const all = [...present, ...kinds.filter((k) => !present.includes(k))];
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
  await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (${column} IN (${all.map((k) => `'${k}'`).join(', ')}))`);
}

async function removeFromInCheck(q: QueryRunner, table: string, constraint: string, column: string, kinds: string[]): Promise<void> {
  const kept = (await inCheckValues(q, constraint)).filter((k) => !kinds.includes(k));
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
  await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (${column} IN (${kept.map((k) => `'${k}'`).join(', ')}))`);
}

// Other migrations widen these lists too: read the list the database holds rather than repeat it,
// so the order in which branches land cannot drop another branch's kinds.
async function inCheckValues(q: QueryRunner, constraint: string): Promise<string[]> {
  const [row] = await q.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [constraint]);
  return [...String(row.def).matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/**
 * Monitoring (پایش) and traceability of the plan's structure (issue 14, second part):
 * indicator measurements and project progress reports per Jalali year or quarter with evidence,
 * the planner's status thresholds, closed years, who is alerted for a responsible unit, alerts
 * sent (once per figure and period, by constraint), links from demands, demand groups and focus
 * points to goals, outputs and projects, and a log of project status changes (written by a trigger,
 * whatever path changed the status) from which citizens whose demands are linked are notified.
 */
export class StrategyMonitoring1765210000000 implements MigrationInterface {
  name = 'StrategyMonitoring1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE strategy_monitoring_rule (
        plan_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        indicator_on_track numeric NOT NULL DEFAULT 0.9,
        indicator_at_risk numeric NOT NULL DEFAULT 0.7,
        project_on_track numeric NOT NULL DEFAULT 0.9,
        project_at_risk numeric NOT NULL DEFAULT 0.7,
        overspend_margin numeric NOT NULL DEFAULT 0.2,
        updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_strategy_monitoring_rule_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_monitoring_rule_indicator CHECK (indicator_at_risk >= 0 AND indicator_at_risk <= indicator_on_track AND indicator_on_track <= 10),
        CONSTRAINT ck_strategy_monitoring_rule_project CHECK (project_at_risk >= 0 AND project_at_risk <= project_on_track AND project_on_track <= 10),
        CONSTRAINT ck_strategy_monitoring_rule_overspend CHECK (overspend_margin >= 0 AND overspend_margin <= 1)
      )`);

    await q.query(`
      CREATE TABLE strategy_monitoring_year (
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        year integer NOT NULL,
        closed_by uuid REFERENCES account(id) ON DELETE SET NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_strategy_monitoring_year PRIMARY KEY (plan_id, year),
        CONSTRAINT fk_strategy_monitoring_year_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_monitoring_year CHECK (year BETWEEN 1300 AND 1500)
      )`);

    // who is alerted when a figure of a responsible unit (the indicator's or project's text) goes off track
    await q.query(`
      CREATE TABLE strategy_unit_contact (
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        unit text NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_strategy_unit_contact PRIMARY KEY (plan_id, unit, account_id),
        CONSTRAINT fk_strategy_unit_contact_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_unit_contact_unit CHECK (char_length(unit) BETWEEN 1 AND 200)
      )`);

    await q.query(`
      CREATE TABLE strategy_measurement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        indicator_id uuid NOT NULL,
        year integer NOT NULL,
        -- 1..4, or null for the whole year
        quarter smallint,
        -- the formula's variables as measured: { "a": 12, "b": 40 }
        "values" jsonb NOT NULL,
        -- the formula evaluated over "values" when recorded
        value numeric NOT NULL,
        comment text,
        evidence_attachment_id uuid REFERENCES attachment(id) ON DELETE SET NULL,
        recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_measurement_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_strategy_measurement_indicator FOREIGN KEY (organization_id, plan_id, indicator_id)
          REFERENCES strategy_indicator(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_measurement_year CHECK (year BETWEEN 1300 AND 1500),
        CONSTRAINT ck_strategy_measurement_quarter CHECK (quarter IS NULL OR quarter BETWEEN 1 AND 4),
        CONSTRAINT ck_strategy_measurement_values CHECK (jsonb_typeof("values") = 'object'),
        CONSTRAINT ck_strategy_measurement_comment CHECK (comment IS NULL OR char_length(comment) <= 2000)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_strategy_measurement_period ON strategy_measurement (indicator_id, year, (coalesce(quarter, 0)))`);
    await q.query(`CREATE INDEX ix_strategy_measurement_plan ON strategy_measurement (plan_id, year, quarter)`);

    await q.query(`
      CREATE TABLE strategy_project_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        project_id uuid NOT NULL,
        year integer NOT NULL,
        quarter smallint,
        progress smallint NOT NULL,
        -- integer rials spent up to the end of the period
        spent bigint,
        comment text,
        evidence_attachment_id uuid REFERENCES attachment(id) ON DELETE SET NULL,
        recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_project_report_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_strategy_project_report_project FOREIGN KEY (organization_id, plan_id, project_id)
          REFERENCES strategy_project(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_project_report_year CHECK (year BETWEEN 1300 AND 1500),
        CONSTRAINT ck_strategy_project_report_quarter CHECK (quarter IS NULL OR quarter BETWEEN 1 AND 4),
        CONSTRAINT ck_strategy_project_report_progress CHECK (progress BETWEEN 0 AND 100),
        CONSTRAINT ck_strategy_project_report_spent CHECK (spent IS NULL OR spent >= 0),
        CONSTRAINT ck_strategy_project_report_comment CHECK (comment IS NULL OR char_length(comment) <= 2000)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_strategy_project_report_period ON strategy_project_report (project_id, year, (coalesce(quarter, 0)))`);
    await q.query(`CREATE INDEX ix_strategy_project_report_plan ON strategy_project_report (plan_id, year, quarter)`);

    // One alert per figure and period: a figure that goes off track again in the same period is not announced twice.
    await q.query(`
      CREATE TABLE strategy_alert (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        year integer NOT NULL,
        quarter smallint,
        unit text,
        recipients integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_strategy_alert_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_alert_subject CHECK (subject_type IN ('indicator', 'project'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_strategy_alert_period ON strategy_alert (subject_type, subject_id, year, (coalesce(quarter, 0)))`);

    // A link from what was asked (exactly one of demand, demand group, focus point) to what the plan does (exactly one of goal, output, project).
    await q.query(`
      CREATE TABLE strategy_trace_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        demand_id uuid,
        demand_group_id uuid,
        focus_point_id uuid,
        goal_id uuid,
        output_id uuid,
        project_id uuid,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_strategy_trace_link_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_strategy_trace_link_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_demand FOREIGN KEY (organization_id, demand_id) REFERENCES demand(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_group FOREIGN KEY (organization_id, demand_group_id) REFERENCES demand_group(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_focus FOREIGN KEY (organization_id, plan_id, focus_point_id)
          REFERENCES strategy_focus_point(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_goal FOREIGN KEY (organization_id, plan_id, goal_id)
          REFERENCES strategy_goal(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_output FOREIGN KEY (organization_id, plan_id, output_id)
          REFERENCES strategy_output(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_strategy_trace_link_project FOREIGN KEY (organization_id, plan_id, project_id)
          REFERENCES strategy_project(organization_id, plan_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_strategy_trace_link_source CHECK (num_nonnulls(demand_id, demand_group_id, focus_point_id) = 1),
        CONSTRAINT ck_strategy_trace_link_target CHECK (num_nonnulls(goal_id, output_id, project_id) = 1)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_strategy_trace_link ON strategy_trace_link
        (plan_id, (coalesce(demand_id, demand_group_id, focus_point_id)), (coalesce(goal_id, output_id, project_id)))`);
    await q.query(`CREATE INDEX ix_strategy_trace_link_project ON strategy_trace_link (project_id) WHERE project_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_strategy_trace_link_demand ON strategy_trace_link (demand_id) WHERE demand_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_strategy_trace_link_group ON strategy_trace_link (demand_group_id) WHERE demand_group_id IS NOT NULL`);

    // Every change of a project's status, by whichever path (editor, import, monitoring): the
    // traceability job notifies the citizens behind its linked demands once per row.
    await q.query(`
      CREATE TABLE strategy_project_status_change (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        project_id uuid NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        notified_at timestamptz,
        recipients integer
      )`);
    await q.query(`CREATE INDEX ix_strategy_project_status_change_pending ON strategy_project_status_change (id) WHERE notified_at IS NULL`);
    await q.query(`
      CREATE FUNCTION strategy_project_status_logged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO strategy_project_status_change (organization_id, plan_id, project_id, from_status, to_status)
        VALUES (NEW.organization_id, NEW.plan_id, NEW.id, OLD.status, NEW.status);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_strategy_project_status AFTER UPDATE OF status ON strategy_project
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION strategy_project_status_logged()`);

    await addToInCheck(q, 'notification', 'ck_notification_kind', 'kind', ['strategy.off_track', 'strategy.project_status_changed']);
    await addToInCheck(q, 'attachment', 'ck_attachment_owner_type', 'owner_type', ['strategy_evidence']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind IN ('strategy.off_track', 'strategy.project_status_changed')`);
    await removeFromInCheck(q, 'notification', 'ck_notification_kind', 'kind', ['strategy.off_track', 'strategy.project_status_changed']);
    await q.query(`DELETE FROM attachment WHERE owner_type = 'strategy_evidence'`);
    await removeFromInCheck(q, 'attachment', 'ck_attachment_owner_type', 'owner_type', ['strategy_evidence']);
    await q.query(`DROP TRIGGER tr_strategy_project_status ON strategy_project`);
    await q.query(`DROP FUNCTION strategy_project_status_logged()`);
    await q.query(`DROP TABLE strategy_project_status_change`);
    await q.query(`DROP TABLE strategy_trace_link`);
    await q.query(`DROP TABLE strategy_alert`);
    await q.query(`DROP TABLE strategy_project_report`);
    await q.query(`DROP TABLE strategy_measurement`);
    await q.query(`DROP TABLE strategy_unit_contact`);
    await q.query(`DROP TABLE strategy_monitoring_year`);
    await q.query(`DROP TABLE strategy_monitoring_rule`);
  }
}
