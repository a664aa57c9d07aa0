import { Injectable, Logger } from '@nestjs/common';
import type { z } from 'zod';
import {
  evaluateFormula,
  FormulaError,
  type TAccountabilityDashboard,
  type TAccountabilityDownload,
  type TMeasurement,
  type TMonitoringOverview,
  type TMonitoringRules,
  type TMonitoringSaved,
  type TProjectReport,
  type ZRecordMeasurement,
  type ZRecordProjectReport,
} from '@hamandishi/contracts';
import type { Actor } from '../../../common/http/request-context';
import { toCsv } from '../../../common/export/csv';
import { AttachmentsService } from '../../attachments/attachments.service';
import { AuditService } from '../../audit/audit.service';
import { NotificationsService } from '../../notifications/notifications.service';
import type { Organization } from '../../organizations/organization.entity';
import { TraceabilityService } from '../traceability/traceability.service';
import { MonitoringErrors } from './monitoring.errors';
import { type IndicatorRow, type MeasurementRow, MonitoringRepository, type PlanRow, type ProjectRow, type ReportRow } from './monitoring.repository';
import {
  achievement,
  DEFAULT_RULES,
  type IndicatorPlan,
  type MonitoringRules,
  type MonitoringStatus,
  periodTarget,
  projectStatus,
  statusOf,
} from './monitoring-status';

/** How long this process serves a plan's dashboard from memory (its own writes clear it at once). */
const DASHBOARD_TTL_MS = 15_000;

type Saved = { id: string; status: MonitoringStatus | null; alert: { id: number; unit: string | null; params: Record<string, string | number> } | null };

/** The planner's thresholds on the wire and in the rules' shape. */
const rulesView = (r: MonitoringRules): TMonitoringRules => ({
  indicatorOnTrack: r.indicator.onTrack,
  indicatorAtRisk: r.indicator.atRisk,
  projectOnTrack: r.project.onTrack,
  projectAtRisk: r.project.atRisk,
  overspendMargin: r.overspendMargin,
});

const planOf = (i: IndicatorRow): IndicatorPlan => ({
  direction: i.direction,
  baselineYear: i.baselineYear,
  baselineValue: i.baselineValue,
  targets: new Map(i.targets.map((t) => [t.year, t.value])),
});

/**
 * Monitoring (پایش): indicator measurements and project progress reports per Jalali year or
 * quarter, judged against what the plan set for the period by the planner's thresholds; an alert
 * to the responsible unit the first time a figure is off track in a period; the public
 * accountability dashboard built from the same figures.
 */
@Injectable()
export class MonitoringService {
  private readonly logger = new Logger('strategy-monitoring');
  // The public dashboard is read by many and changes a few times a year: each process keeps a
  // plan's for a few seconds. Changes made through another process show within the TTL.
  private readonly dashboards = new Map<string, { at: number; data: Promise<TAccountabilityDashboard> }>();

  constructor(
    private readonly repository: MonitoringRepository,
    private readonly notifications: NotificationsService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly trace: TraceabilityService,
  ) {}

  async rulesOf(organizationId: string, planId: string): Promise<MonitoringRules> {
    return (await this.repository.rules(organizationId, planId)) ?? DEFAULT_RULES;
  }

  // ---- planners ----------------------------------------------------------------------------

  /** The monitoring screen in one request: figures with their status, rules, closed years, contacts. */
  async overview(org: Organization, planId: string): Promise<TMonitoringOverview> {
    const plan = await this.plan(org, planId);
    const [rules, closedYears, indicators, measurements, projects, reports, contacts] = await Promise.all([
      this.rulesOf(org.id, planId),
      this.repository.closedYears(org.id, planId),
      this.repository.indicators(org.id, planId),
      this.repository.measurements(org.id, planId),
      this.repository.projects(org.id, planId),
      this.repository.reports(org.id, planId),
      this.repository.contacts(org.id, planId),
    ]);
    const byIndicator = groupBy(measurements, (m) => m.indicatorId);
    const byProject = groupBy(reports, (r) => r.projectId);
    const units = [...new Set([...indicators, ...projects].map((x) => x.responsibleUnit).filter((u): u is string => !!u))].sort();
    return {
      planId,
      years: range(plan.operationalFrom, plan.operationalTo),
      closedYears,
      rules: rulesView(rules),
      indicators: indicators.map((i) => ({
        id: i.id,
        code: i.code,
        title: i.title,
        unit: i.unit,
        direction: i.direction,
        formula: i.formula,
        variables: i.variables,
        responsibleUnit: i.responsibleUnit,
        baselineYear: i.baselineYear,
        baselineValue: i.baselineValue,
        targets: i.targets,
        measurements: (byIndicator.get(i.id) ?? []).map((m) => this.measurementView(i, m, rules)),
      })),
      projects: projects.map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        status: p.status,
        progress: p.progress,
        totalCost: p.totalCost,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        responsibleUnit: p.responsibleUnit,
        reports: (byProject.get(p.id) ?? []).map((r) => this.reportView(p, r, rules)),
      })),
      units,
      contacts,
    };
  }

  /**
   * Records (or corrects) the measurement of an indicator for a period. Refused for a year outside
   * the plan's horizon or closed, and when the formula cannot be evaluated with the values sent
   * (a missing or undeclared variable, a division by zero): nothing is stored then.
   */
  async recordMeasurement(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZRecordMeasurement>): Promise<TMonitoringSaved> {
    const plan = await this.plan(org, planId);
    this.assertInHorizon(plan, input.year);
    const [indicator] = await this.repository.indicators(org.id, planId, input.indicatorId);
    if (!indicator) throw MonitoringErrors.indicatorNotFound();
    const value = evaluate(indicator, input.values);
    const rules = await this.rulesOf(org.id, planId);
    const quarter = input.quarter ?? null;

    const saved = await this.repository.db.transaction(async (m): Promise<Saved> => {
      await this.repository.lockSubject(m, 'strategy_indicator', org.id, indicator.id);
      if (await this.repository.isYearClosed(m, org.id, planId, input.year)) throw MonitoringErrors.yearClosed();
      const id = await this.repository.upsertMeasurement(m, {
        organizationId: org.id,
        planId,
        indicatorId: indicator.id,
        year: input.year,
        quarter,
        values: input.values,
        value,
        comment: input.comment ?? null,
        accountId: actor.accountId,
      });
      const share = achievement(planOf(indicator), { year: input.year, quarter }, value);
      const status = share === null ? null : statusOf(share, rules.indicator);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'strategy.measurement_recorded',
        entityType: 'strategy_indicator',
        entityId: indicator.id,
        after: { year: input.year, quarter, values: input.values, value },
      });
      const alert = status === 'off_track' ? await this.claimAlert(m, org, planId, 'indicator', indicator, input.year, quarter, share) : null;
      return { id, status, alert };
    });
    return this.afterSave(org, planId, saved);
  }

  /** Records a project's progress and spending for a period; the project's progress (and status, when sent) follow it. */
  async recordReport(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZRecordProjectReport>): Promise<TMonitoringSaved> {
    const plan = await this.plan(org, planId);
    this.assertInHorizon(plan, input.year);
    const [project] = await this.repository.projects(org.id, planId, input.projectId);
    if (!project) throw MonitoringErrors.projectNotFound();
    const rules = await this.rulesOf(org.id, planId);
    const quarter = input.quarter ?? null;
    const spent = input.spent ?? null;

    const saved = await this.repository.db.transaction(async (m): Promise<Saved> => {
      await this.repository.lockSubject(m, 'strategy_project', org.id, project.id);
      if (await this.repository.isYearClosed(m, org.id, planId, input.year)) throw MonitoringErrors.yearClosed();
      const id = await this.repository.upsertReport(m, {
        organizationId: org.id,
        planId,
        projectId: project.id,
        year: input.year,
        quarter,
        progress: input.progress,
        spent,
        comment: input.comment ?? null,
        accountId: actor.accountId,
      });
      await this.repository.applyReportToProject(m, org.id, project.id, input.status ?? null);
      const judged = projectStatus(project, { year: input.year, quarter }, { progress: input.progress, spent }, rules);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'strategy.project_report_recorded',
        entityType: 'strategy_project',
        entityId: project.id,
        before: { status: project.status, progress: project.progress },
        after: { year: input.year, quarter, progress: input.progress, spent, status: input.status ?? project.status },
      });
      const alert = judged.status === 'off_track' ? await this.claimAlert(m, org, planId, 'project', project, input.year, quarter, judged.share) : null;
      return { id, status: judged.status, alert };
    });
    if (input.status && input.status !== project.status) await this.trace.statusChangedSoon();
    return this.afterSave(org, planId, saved);
  }

  /** Attaches an evidence file to a measurement or report (replacing the previous one). */
  async uploadEvidence(org: Organization, actor: Actor, planId: string, ownerId: string, filename: string, body: Buffer) {
    const owner = await this.repository.evidenceOwner(org.id, ownerId);
    if (!owner || owner.planId !== planId) throw MonitoringErrors.ownerNotFound();
    if (await this.repository.isYearClosed(this.repository.db, org.id, planId, owner.year)) throw MonitoringErrors.yearClosed();
    const attachment = await this.attachments.upload(org, actor.accountId, { ownerType: 'strategy_evidence', ownerId, filename }, body);
    const previous = await this.repository.setEvidence(owner.table, org.id, ownerId, attachment.id);
    if (previous && previous !== attachment.id) await this.attachments.remove(org.id, previous, actor.accountId).catch(() => undefined);
    return attachment;
  }

  /** Whether a measurement or report exists (the attachments module asks before storing evidence). */
  async evidenceOwnerExists(organizationId: string, ownerId: string): Promise<boolean> {
    return (await this.repository.evidenceOwner(organizationId, ownerId)) !== null;
  }

  async rules(org: Organization, planId: string): Promise<TMonitoringRules> {
    await this.plan(org, planId);
    return rulesView(await this.rulesOf(org.id, planId));
  }

  async saveRules(org: Organization, actor: Actor, planId: string, input: TMonitoringRules): Promise<TMonitoringRules> {
    await this.plan(org, planId);
    const rules: MonitoringRules = {
      indicator: { onTrack: input.indicatorOnTrack, atRisk: input.indicatorAtRisk },
      project: { onTrack: input.projectOnTrack, atRisk: input.projectAtRisk },
      overspendMargin: input.overspendMargin,
    };
    await this.repository.saveRules(org.id, planId, rules, actor.accountId);
    this.forgetDashboard(org.id, planId);
    return rulesView(rules);
  }

  async setYearClosed(org: Organization, actor: Actor, planId: string, year: number, isClosed: boolean): Promise<{ closedYears: number[] }> {
    const plan = await this.plan(org, planId);
    this.assertInHorizon(plan, year);
    await this.repository.setYearClosed(org.id, planId, year, isClosed, actor.accountId);
    return { closedYears: await this.repository.closedYears(org.id, planId) };
  }

  async addContact(org: Organization, planId: string, unit: string, accountId: string) {
    await this.plan(org, planId);
    if (!(await this.repository.isMember(org.id, accountId))) throw MonitoringErrors.contactNotMember();
    await this.repository.addContact(org.id, planId, unit, accountId);
    return { contacts: await this.repository.contacts(org.id, planId) };
  }

  async removeContact(org: Organization, planId: string, unit: string, accountId: string) {
    await this.plan(org, planId);
    await this.repository.removeContact(org.id, planId, unit, accountId);
    return { contacts: await this.repository.contacts(org.id, planId) };
  }

  // ---- the public dashboard ----------------------------------------------------------------

  /**
   * Everything the accountability dashboard draws, in one request: goals with their indicators'
   * latest statuses, every indicator's measured series against its targets, projects with
   * progress, spending and place, and a district view. Figures only: no person, no comment.
   */
  async dashboard(org: Organization, planId: string): Promise<TAccountabilityDashboard> {
    const key = `${org.id}:${planId}`;
    const cached = this.dashboards.get(key);
    if (cached && Date.now() - cached.at < DASHBOARD_TTL_MS) return cached.data;
    const data = this.buildDashboard(org, planId);
    this.dashboards.set(key, { at: Date.now(), data });
    data.catch(() => this.dashboards.delete(key));
    if (this.dashboards.size > 500) this.dashboards.delete(this.dashboards.keys().next().value as string);
    return data;
  }

  /** Forgets a plan's cached dashboard (after a change this process made). */
  private forgetDashboard(organizationId: string, planId: string): void {
    this.dashboards.delete(`${organizationId}:${planId}`);
  }

  private async buildDashboard(org: Organization, planId: string): Promise<TAccountabilityDashboard> {
    const plan = await this.plan(org, planId);
    const [rules, goals, indicators, measurements, projects, reports, districts] = await Promise.all([
      this.rulesOf(org.id, planId),
      this.repository.goals(org.id, planId),
      this.repository.indicators(org.id, planId),
      this.repository.measuredValues(org.id, planId),
      this.repository.projects(org.id, planId),
      this.repository.latestReports(org.id, planId),
      this.repository.districts(org.id),
    ]);
    const byIndicator = groupBy(measurements, (m) => m.indicatorId);
    const byProject = groupBy(reports, (r) => r.projectId);

    const publicIndicators = indicators.map((i) => {
      const plan = planOf(i);
      return {
      id: i.id,
      goalId: i.goalId,
      outputId: i.outputId,
      code: i.code,
      title: i.title,
      unit: i.unit,
      direction: i.direction,
      formula: i.formula,
      baselineYear: i.baselineYear,
      baselineValue: i.baselineValue,
      targets: i.targets,
      measurements: (byIndicator.get(i.id) ?? []).map((m) => {
        const v = this.measurementView(i, m, rules, plan);
        return { year: v.year, quarter: v.quarter, value: v.value, target: v.target, achievement: v.achievement, status: v.status };
      }),
      };
    });
    const publicProjects = projects.map((p) => {
      const latest = (byProject.get(p.id) ?? []).at(-1);
      const judged = latest ? this.reportView(p, latest, rules) : null;
      return {
        id: p.id,
        goalId: p.goalId,
        code: p.code,
        title: p.title,
        status: p.status,
        progress: p.progress,
        totalCost: p.totalCost,
        spent: latest?.spent ?? null,
        monitoringStatus: judged?.status ?? null,
        lat: p.lat,
        lng: p.lng,
        districtIds: p.districtIds,
      };
    });

    return {
      plan: { id: plan.id, title: plan.title, operationalFrom: plan.operationalFrom, operationalTo: plan.operationalTo },
      years: range(plan.operationalFrom, plan.operationalTo),
      goals: goals.map((g) => {
        const counts = { on_track: 0, at_risk: 0, off_track: 0, unmeasured: 0 };
        for (const i of publicIndicators) {
          if (i.goalId !== g.id) continue;
          // The latest period measured with a target (the year's own figure comes after its quarters).
          const latest = i.measurements.filter((x) => x.status !== null).at(-1)?.status;
          counts[latest ?? 'unmeasured'] += 1;
        }
        const own = publicProjects.filter((p) => p.goalId === g.id);
        return {
          id: g.id,
          code: g.code,
          title: g.title,
          outputs: g.outputs,
          indicatorStatus: counts,
          averageProgress: own.length ? round1(own.reduce((s, p) => s + p.progress, 0) / own.length) : null,
          totalCost: own.reduce((s, p) => s + p.totalCost, 0),
        };
      }),
      indicators: publicIndicators,
      projects: publicProjects,
      districts: districts.map((d) => {
        const own = publicProjects.filter((p) => p.districtIds.includes(d.id));
        return {
          id: d.id,
          name: d.name,
          projectCount: own.length,
          totalCost: own.reduce((s, p) => s + p.totalCost, 0),
          averageProgress: own.length ? round1(own.reduce((s, p) => s + p.progress, 0) / own.length) : null,
        };
      }),
    };
  }

  /** One table of the dashboard as a formula-safe CSV file. */
  async download(org: Organization, planId: string, kind: TAccountabilityDownload): Promise<Buffer> {
    const d = await this.dashboard(org, planId);
    const goalCode = new Map(d.goals.map((g) => [g.id, g.code]));
    switch (kind) {
      case 'goals':
        return toCsv({
          sheetName: 'goals',
          header: ['code', 'title', 'on_track', 'at_risk', 'off_track', 'unmeasured', 'average_progress', 'total_cost_rials'],
          rows: d.goals.map((g) => [g.code, g.title, g.indicatorStatus.on_track, g.indicatorStatus.at_risk, g.indicatorStatus.off_track, g.indicatorStatus.unmeasured, g.averageProgress, g.totalCost]),
        });
      case 'indicators':
        return toCsv({
          sheetName: 'indicators',
          header: ['goal', 'code', 'title', 'unit', 'direction', 'formula', 'baseline_year', 'baseline_value', ...d.years.map((y) => `target_${y}`)],
          rows: d.indicators.map((i) => [
            goalCode.get(i.goalId) ?? '',
            i.code,
            i.title,
            i.unit,
            i.direction,
            i.formula,
            i.baselineYear,
            i.baselineValue,
            ...d.years.map((y) => i.targets.find((t) => t.year === y)?.value ?? null),
          ]),
        });
      case 'measurements':
        return toCsv({
          sheetName: 'measurements',
          header: ['indicator', 'year', 'quarter', 'value', 'target', 'achievement', 'status'],
          rows: d.indicators.flatMap((i) => i.measurements.map((m) => [i.code, m.year, m.quarter, m.value, m.target, m.achievement, m.status])),
        });
      case 'projects':
        return toCsv({
          sheetName: 'projects',
          header: ['goal', 'code', 'title', 'status', 'progress', 'total_cost_rials', 'spent_rials', 'monitoring_status', 'lat', 'lng'],
          rows: d.projects.map((p) => [goalCode.get(p.goalId) ?? '', p.code, p.title, p.status, p.progress, p.totalCost, p.spent, p.monitoringStatus, p.lat, p.lng]),
        });
      case 'districts':
        return toCsv({
          sheetName: 'districts',
          header: ['district', 'projects', 'total_cost_rials', 'average_progress'],
          rows: d.districts.map((x) => [x.name.fa ?? x.name.en ?? '', x.projectCount, x.totalCost, x.averageProgress]),
        });
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async plan(org: Organization, planId: string): Promise<PlanRow> {
    const plan = await this.repository.plan(org.id, planId);
    if (!plan) throw MonitoringErrors.planNotFound();
    return plan;
  }

  private assertInHorizon(plan: PlanRow, year: number): void {
    if (year < plan.operationalFrom || year > plan.operationalTo) throw MonitoringErrors.yearOutsidePlan();
  }

  private measurementView(indicator: IndicatorRow, m: MeasurementRow, rules: MonitoringRules, plan: IndicatorPlan = planOf(indicator)): TMeasurement {
    const period = { year: m.year, quarter: m.quarter };
    const planned = periodTarget(plan, period);
    const share = achievement(plan, period, m.value);
    return {
      id: m.id,
      year: m.year,
      quarter: m.quarter,
      values: m.values,
      value: m.value,
      target: planned?.target ?? null,
      achievement: share,
      status: share === null ? null : statusOf(share, rules.indicator),
      comment: m.comment,
      evidence: m.evidenceId ? { id: m.evidenceId, filename: m.evidenceName ?? '' } : null,
      recordedAt: new Date(m.recordedAt).toISOString(),
    };
  }

  private reportView(project: ProjectRow, r: ReportRow, rules: MonitoringRules): TProjectReport {
    const judged = projectStatus(project, { year: r.year, quarter: r.quarter }, { progress: r.progress, spent: r.spent }, rules);
    return {
      id: r.id,
      year: r.year,
      quarter: r.quarter,
      progress: r.progress,
      spent: r.spent,
      expected: judged.expected,
      status: judged.status,
      comment: r.comment,
      evidence: r.evidenceId ? { id: r.evidenceId, filename: r.evidenceName ?? '' } : null,
      recordedAt: new Date(r.recordedAt).toISOString(),
    };
  }

  private async claimAlert(
    m: Parameters<MonitoringRepository['claimAlert']>[0],
    org: Organization,
    planId: string,
    subjectType: 'indicator' | 'project',
    subject: { id: string; code: string; title: string; responsibleUnit: string | null },
    year: number,
    quarter: number | null,
    share: number | null,
  ): Promise<Saved['alert']> {
    const id = await this.repository.claimAlert(m, { organizationId: org.id, planId, subjectType, subjectId: subject.id, year, quarter, unit: subject.responsibleUnit });
    if (id === null) return null;
    const params: Record<string, string | number> = { planId, subjectType, code: subject.code, title: subject.title, year };
    if (quarter !== null) params.quarter = quarter;
    if (share !== null) params.percent = Math.round(share * 100);
    if (subject.responsibleUnit) params.unit = subject.responsibleUnit;
    return { id, unit: subject.responsibleUnit, params };
  }

  /** After the save is committed: the alert, if one was claimed, goes to the unit's people. */
  private async afterSave(org: Organization, planId: string, saved: Saved): Promise<TMonitoringSaved> {
    this.forgetDashboard(org.id, planId);
    if (saved.alert) {
      const recipients = await this.repository.alertRecipients(org.id, planId, saved.alert.unit);
      const sent = await this.notifications.notifyAccounts(org.id, recipients, 'strategy.off_track', saved.alert.params, `/${org.slug}/manage/plans/${planId}/monitoring`);
      await this.repository.setAlertRecipients(saved.alert.id, sent);
      this.logger.log({ planId, recipients: sent }, 'off-track alert sent');
    }
    return { id: saved.id, status: saved.status, isAlerted: saved.alert !== null };
  }
}

/** The formula over the values sent; a FormulaError becomes a 400 naming the variable. */
function evaluate(indicator: IndicatorRow, values: Record<string, number>): number {
  const declared = new Set(indicator.variables.map((v) => v.name));
  for (const name of Object.keys(values)) {
    if (declared.size > 0 && !declared.has(name)) throw MonitoringErrors.formula('unknown_variable', name);
  }
  try {
    // 12 significant digits: 0.28 × 100 is stored as 28, not 28.000000000000004.
    return Number(evaluateFormula(indicator.formula, values).toPrecision(12));
  } catch (error) {
    if (error instanceof FormulaError) throw MonitoringErrors.formula(error.code, error.variable);
    throw error;
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const round1 = (n: number) => Math.round(n * 10) / 10;
