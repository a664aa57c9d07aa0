import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MonitoringRules } from './monitoring-status';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A plan as monitoring needs it. */
export type PlanRow = { id: string; title: Record<string, string>; status: string; operationalFrom: number; operationalTo: number };

/** An indicator with what it plans. */
export type IndicatorRow = {
  id: string;
  goalId: string;
  outputId: string;
  code: string;
  title: string;
  unit: string;
  direction: 'increase' | 'decrease' | 'maintain';
  formula: string;
  variables: { name: string; label?: string; unit?: string }[];
  responsibleUnit: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  targets: { year: number; value: number }[];
};

/** A recorded measurement. */
export type MeasurementRow = {
  id: string;
  indicatorId: string;
  year: number;
  quarter: number | null;
  values: Record<string, number>;
  value: number;
  comment: string | null;
  evidenceId: string | null;
  evidenceName: string | null;
  recordedAt: Date;
};

/** A project with what it plans. */
export type ProjectRow = {
  id: string;
  goalId: string;
  outputId: string;
  code: string;
  title: string;
  status: 'planned' | 'in_progress' | 'completed' | 'suspended' | 'cancelled';
  progress: number;
  totalCost: number;
  startsOn: string | null;
  endsOn: string | null;
  responsibleUnit: string | null;
  lat: number | null;
  lng: number | null;
  districtIds: string[];
};

/** A recorded progress report. */
export type ReportRow = {
  id: string;
  projectId: string;
  year: number;
  quarter: number | null;
  progress: number;
  spent: number | null;
  comment: string | null;
  evidenceId: string | null;
  evidenceName: string | null;
  recordedAt: Date;
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Monitoring's queries: its own tables (measurements, reports, rules, closed years, contacts,
 * alerts) and read-only views of the plan's structure (the strategy tables), which monitoring
 * never changes except a project's status and progress when a report says so.
 */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async plan(organizationId: string, planId: string): Promise<PlanRow | null> {
    const [row] = await this.db.query(
      `SELECT id, title, status, operational_from AS "operationalFrom", operational_to AS "operationalTo"
       FROM plan WHERE organization_id = $1 AND id = $2`,
      [organizationId, planId],
    );
    return row ?? null;
  }

  async rules(organizationId: string, planId: string): Promise<MonitoringRules | null> {
    const [row] = await this.db.query(
      `SELECT indicator_on_track AS "iOn", indicator_at_risk AS "iRisk", project_on_track AS "pOn", project_at_risk AS "pRisk", overspend_margin AS "over"
       FROM strategy_monitoring_rule WHERE organization_id = $1 AND plan_id = $2`,
      [organizationId, planId],
    );
    if (!row) return null;
    return {
      indicator: { onTrack: Number(row.iOn), atRisk: Number(row.iRisk) },
      project: { onTrack: Number(row.pOn), atRisk: Number(row.pRisk) },
      overspendMargin: Number(row.over),
    };
  }

  async saveRules(organizationId: string, planId: string, rules: MonitoringRules, accountId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO strategy_monitoring_rule (plan_id, organization_id, indicator_on_track, indicator_at_risk, project_on_track, project_at_risk, overspend_margin, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (plan_id) DO UPDATE SET indicator_on_track = $3, indicator_at_risk = $4, project_on_track = $5, project_at_risk = $6,
         overspend_margin = $7, updated_by = $8, updated_at = now()`,
      [planId, organizationId, rules.indicator.onTrack, rules.indicator.atRisk, rules.project.onTrack, rules.project.atRisk, rules.overspendMargin, accountId],
    );
  }

  async closedYears(organizationId: string, planId: string): Promise<number[]> {
    const rows: { year: number }[] = await this.db.query(
      `SELECT year FROM strategy_monitoring_year WHERE organization_id = $1 AND plan_id = $2 ORDER BY year`,
      [organizationId, planId],
    );
    return rows.map((r) => r.year);
  }

  async isYearClosed(q: Queryable, organizationId: string, planId: string, year: number): Promise<boolean> {
    const rows = await q.query(`SELECT 1 FROM strategy_monitoring_year WHERE organization_id = $1 AND plan_id = $2 AND year = $3 FOR SHARE`, [
      organizationId,
      planId,
      year,
    ]);
    return rows.length > 0;
  }

  async setYearClosed(organizationId: string, planId: string, year: number, isClosed: boolean, accountId: string): Promise<void> {
    if (isClosed) {
      await this.db.query(
        `INSERT INTO strategy_monitoring_year (organization_id, plan_id, year, closed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [organizationId, planId, year, accountId],
      );
    } else {
      await this.db.query(`DELETE FROM strategy_monitoring_year WHERE organization_id = $1 AND plan_id = $2 AND year = $3`, [organizationId, planId, year]);
    }
  }

  async contacts(organizationId: string, planId: string): Promise<{ unit: string; accountId: string; displayName: string | null }[]> {
    return this.db.query(
      `SELECT c.unit, c.account_id AS "accountId", a.display_name AS "displayName"
       FROM strategy_unit_contact c JOIN account a ON a.id = c.account_id
       WHERE c.organization_id = $1 AND c.plan_id = $2 ORDER BY c.unit, a.display_name`,
      [organizationId, planId],
    );
  }

  async addContact(organizationId: string, planId: string, unit: string, accountId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO strategy_unit_contact (organization_id, plan_id, unit, account_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [organizationId, planId, unit, accountId],
    );
  }

  async removeContact(organizationId: string, planId: string, unit: string, accountId: string): Promise<void> {
    await this.db.query(`DELETE FROM strategy_unit_contact WHERE organization_id = $1 AND plan_id = $2 AND unit = $3 AND account_id = $4`, [
      organizationId,
      planId,
      unit,
      accountId,
    ]);
  }

  /** Whether the account is a member of the organisation (contacts must be). */
  async isMember(organizationId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM membership WHERE organization_id = $1 AND account_id = $2`, [organizationId, accountId]);
    return rows.length > 0;
  }

  /** Who is alerted for a unit: its contacts, else the plan's planners and admins (nobody is left unwarned). */
  async alertRecipients(organizationId: string, planId: string, unit: string | null): Promise<string[]> {
    const rows: { accountId: string }[] = await this.db.query(
      `WITH contacts AS (
         SELECT account_id FROM strategy_unit_contact WHERE organization_id = $1 AND plan_id = $2 AND unit = $3
       )
       SELECT account_id AS "accountId" FROM contacts
       UNION
       SELECT account_id FROM membership
       WHERE organization_id = $1 AND NOT EXISTS (SELECT 1 FROM contacts) AND roles && '{planner,admin}'::text[]`,
      [organizationId, planId, unit ?? ''],
    );
    return rows.map((r) => r.accountId);
  }

  // ---- the structure, read only ------------------------------------------------------------

  /** Goals with their outputs, in the structure's order. */
  async goals(organizationId: string, planId: string): Promise<{ id: string; code: string; title: string; outputs: { id: string; code: string; title: string }[] }[]> {
    return this.db.query(
      `SELECT g.id, g.code, g.title,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'code', o.code, 'title', o.title) ORDER BY o.position, o.code)
                        FROM strategy_output o WHERE o.goal_id = g.id AND o.archived_at IS NULL), '[]') AS outputs
       FROM strategy_goal g WHERE g.organization_id = $1 AND g.plan_id = $2 AND g.archived_at IS NULL ORDER BY g.position, g.code`,
      [organizationId, planId],
    );
  }

  async indicators(organizationId: string, planId: string, indicatorId?: string): Promise<IndicatorRow[]> {
    const rows = await this.db.query(
      `SELECT i.id, o.goal_id AS "goalId", i.output_id AS "outputId", i.code, i.title, i.unit, i.direction, i.formula, i.variables,
              i.responsible_unit AS "responsibleUnit", i.baseline_year AS "baselineYear", i.baseline_value AS "baselineValue",
              coalesce((SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year)
                        FROM strategy_indicator_target t WHERE t.indicator_id = i.id), '[]') AS targets
       FROM strategy_indicator i
       JOIN strategy_output o ON o.id = i.output_id
       JOIN strategy_goal g ON g.id = o.goal_id
       WHERE i.organization_id = $1 AND i.plan_id = $2 AND i.archived_at IS NULL AND ($3::uuid IS NULL OR i.id = $3)
       ORDER BY g.position, g.code, o.position, o.code, i.position, i.code`,
      [organizationId, planId, indicatorId ?? null],
    );
    return rows.map((r: IndicatorRow & { baselineValue: unknown; targets: { year: number; value: unknown }[] }) => ({
      ...r,
      baselineValue: num(r.baselineValue),
      targets: r.targets.map((t) => ({ year: t.year, value: Number(t.value) })),
    }));
  }

  async measurements(organizationId: string, planId: string, indicatorId?: string): Promise<MeasurementRow[]> {
    const rows = await this.db.query(
      `SELECT m.id, m.indicator_id AS "indicatorId", m.year, m.quarter, m."values", m.value, m.comment,
              m.evidence_attachment_id AS "evidenceId", a.filename AS "evidenceName", m.recorded_at AS "recordedAt"
       FROM strategy_measurement m LEFT JOIN attachment a ON a.id = m.evidence_attachment_id
       WHERE m.organization_id = $1 AND m.plan_id = $2 AND ($3::uuid IS NULL OR m.indicator_id = $3)
       ORDER BY m.indicator_id, m.year, coalesce(m.quarter, 5)`,
      [organizationId, planId, indicatorId ?? null],
    );
    return rows.map((r: MeasurementRow) => ({ ...r, value: Number(r.value) }));
  }

  async projects(organizationId: string, planId: string, projectId?: string): Promise<ProjectRow[]> {
    const rows = await this.db.query(
      `SELECT p.id, o.goal_id AS "goalId", p.output_id AS "outputId", p.code, p.title, p.status, p.progress, p.total_cost AS "totalCost",
              to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn",
              p.responsible_unit AS "responsibleUnit", p.lat, p.lng,
              coalesce((SELECT array_agg(d.district_id ORDER BY d.district_id) FROM strategy_project_district d WHERE d.project_id = p.id), '{}') AS "districtIds"
       FROM strategy_project p
       JOIN strategy_output o ON o.id = p.output_id
       JOIN strategy_goal g ON g.id = o.goal_id
       WHERE p.organization_id = $1 AND p.plan_id = $2 AND p.archived_at IS NULL AND ($3::uuid IS NULL OR p.id = $3)
       ORDER BY g.position, g.code, o.position, o.code, p.position, p.code`,
      [organizationId, planId, projectId ?? null],
    );
    return rows.map((r: ProjectRow) => ({ ...r, totalCost: Number(r.totalCost) }));
  }

  async reports(organizationId: string, planId: string, projectId?: string): Promise<ReportRow[]> {
    const rows = await this.db.query(
      `SELECT r.id, r.project_id AS "projectId", r.year, r.quarter, r.progress, r.spent, r.comment,
              r.evidence_attachment_id AS "evidenceId", a.filename AS "evidenceName", r.recorded_at AS "recordedAt"
       FROM strategy_project_report r LEFT JOIN attachment a ON a.id = r.evidence_attachment_id
       WHERE r.organization_id = $1 AND r.plan_id = $2 AND ($3::uuid IS NULL OR r.project_id = $3)
       ORDER BY r.project_id, r.year, coalesce(r.quarter, 5)`,
      [organizationId, planId, projectId ?? null],
    );
    return rows.map((r: ReportRow) => ({ ...r, spent: num(r.spent) }));
  }

  /**
   * The measured values only (the dashboard's series): no variables, comment or evidence, one row
   * per indicator with its periods as a JSON array (parsed natively, far cheaper than 2,000 rows).
   */
  async measuredValues(organizationId: string, planId: string): Promise<MeasurementRow[]> {
    const rows: { indicatorId: string; series: [string, number, number | null, number][] }[] = await this.db.query(
      `SELECT m.indicator_id AS "indicatorId",
              json_agg(json_build_array(m.id, m.year, m.quarter, m.value) ORDER BY m.year, coalesce(m.quarter, 5)) AS series
       FROM strategy_measurement m
       WHERE m.organization_id = $1 AND m.plan_id = $2
       GROUP BY m.indicator_id`,
      [organizationId, planId],
    );
    const epoch = new Date(0);
    return rows.flatMap((r) =>
      r.series.map(([id, year, quarter, value]) => ({ id, indicatorId: r.indicatorId, year, quarter, value: Number(value), values: {}, comment: null, evidenceId: null, evidenceName: null, recordedAt: epoch })),
    );
  }

  /** Each project's latest report (the dashboard shows only that). */
  async latestReports(organizationId: string, planId: string): Promise<ReportRow[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT ON (r.project_id) r.id, r.project_id AS "projectId", r.year, r.quarter, r.progress, r.spent, NULL AS comment,
              NULL AS "evidenceId", NULL AS "evidenceName", r.recorded_at AS "recordedAt"
       FROM strategy_project_report r
       WHERE r.organization_id = $1 AND r.plan_id = $2
       ORDER BY r.project_id, r.year DESC, coalesce(r.quarter, 5) DESC`,
      [organizationId, planId],
    );
    return rows.map((r: ReportRow) => ({ ...r, spent: num(r.spent) }));
  }

  // ---- writes ------------------------------------------------------------------------------

  async upsertMeasurement(
    m: EntityManager,
    row: { organizationId: string; planId: string; indicatorId: string; year: number; quarter: number | null; values: Record<string, number>; value: number; comment: string | null; accountId: string },
  ): Promise<string> {
    const [saved] = await m.query(
      `INSERT INTO strategy_measurement (organization_id, plan_id, indicator_id, year, quarter, "values", value, comment, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (indicator_id, year, (coalesce(quarter, 0)))
       DO UPDATE SET "values" = EXCLUDED."values", value = EXCLUDED.value, comment = EXCLUDED.comment, recorded_by = EXCLUDED.recorded_by, updated_at = now()
       RETURNING id`,
      [row.organizationId, row.planId, row.indicatorId, row.year, row.quarter, row.values, row.value, row.comment, row.accountId],
    );
    return saved.id;
  }

  async upsertReport(
    m: EntityManager,
    row: { organizationId: string; planId: string; projectId: string; year: number; quarter: number | null; progress: number; spent: number | null; comment: string | null; accountId: string },
  ): Promise<string> {
    const [saved] = await m.query(
      `INSERT INTO strategy_project_report (organization_id, plan_id, project_id, year, quarter, progress, spent, comment, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (project_id, year, (coalesce(quarter, 0)))
       DO UPDATE SET progress = EXCLUDED.progress, spent = EXCLUDED.spent, comment = EXCLUDED.comment, recorded_by = EXCLUDED.recorded_by, updated_at = now()
       RETURNING id`,
      [row.organizationId, row.planId, row.projectId, row.year, row.quarter, row.progress, row.spent, row.comment, row.accountId],
    );
    return saved.id;
  }

  /**
   * The project's own progress (and status, when the report sets one) follow its latest report:
   * the structure shows the figure monitoring measured. A status change is logged by the table's trigger.
   */
  async applyReportToProject(m: EntityManager, organizationId: string, projectId: string, status: string | null): Promise<void> {
    await m.query(
      `UPDATE strategy_project p SET
         progress = coalesce((SELECT r.progress FROM strategy_project_report r WHERE r.project_id = p.id ORDER BY r.year DESC, coalesce(r.quarter, 5) DESC LIMIT 1), p.progress),
         status = coalesce($3, p.status), updated_at = now()
       WHERE p.organization_id = $1 AND p.id = $2`,
      [organizationId, projectId, status],
    );
  }

  /** Locks the subject's row so two saves of one figure decide its alert one after the other. */
  async lockSubject(m: EntityManager, table: 'strategy_indicator' | 'strategy_project', organizationId: string, id: string): Promise<void> {
    await m.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, id]);
  }

  /** Records an alert for a figure and period; false when one was already sent for it. */
  async claimAlert(
    m: EntityManager,
    a: { organizationId: string; planId: string; subjectType: 'indicator' | 'project'; subjectId: string; year: number; quarter: number | null; unit: string | null },
  ): Promise<number | null> {
    const rows = await m.query(
      `INSERT INTO strategy_alert (organization_id, plan_id, subject_type, subject_id, year, quarter, unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (subject_type, subject_id, year, (coalesce(quarter, 0))) DO NOTHING RETURNING id`,
      [a.organizationId, a.planId, a.subjectType, a.subjectId, a.year, a.quarter, a.unit],
    );
    return rows[0]?.id ?? null;
  }

  async setAlertRecipients(alertId: number, recipients: number): Promise<void> {
    await this.db.query(`UPDATE strategy_alert SET recipients = $2 WHERE id = $1`, [alertId, recipients]);
  }

  async setEvidence(table: 'strategy_measurement' | 'strategy_project_report', organizationId: string, id: string, attachmentId: string): Promise<string | null> {
    const [previous] = await this.db.query(`SELECT evidence_attachment_id AS "id" FROM ${table} WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    await this.db.query(`UPDATE ${table} SET evidence_attachment_id = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`, [organizationId, id, attachmentId]);
    return previous?.id ?? null;
  }

  /** The plan and year of a measurement or report (an evidence file's owner). */
  async evidenceOwner(organizationId: string, id: string): Promise<{ table: 'strategy_measurement' | 'strategy_project_report'; planId: string; year: number } | null> {
    const [row] = await this.db.query(
      `SELECT 'strategy_measurement' AS "table", plan_id AS "planId", year FROM strategy_measurement WHERE organization_id = $1 AND id = $2
       UNION ALL
       SELECT 'strategy_project_report', plan_id, year FROM strategy_project_report WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Districts of the municipality, for the dashboard's district view. */
  async districts(organizationId: string): Promise<{ id: string; name: Record<string, string> }[]> {
    return this.db.query(`SELECT id, name FROM district WHERE organization_id = $1 ORDER BY number`, [organizationId]);
  }
}
