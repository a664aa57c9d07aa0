import { fromJalali } from '@hamandishi/text';

/** A figure's standing against what was planned for its period. */
export type MonitoringStatus = 'on_track' | 'at_risk' | 'off_track';

/** The planner's thresholds (shares of what was planned, 0..n). */
export type MonitoringThresholds = {
  /** At or above this share of the planned change: on track. */
  onTrack: number;
  /** At or above this (and below onTrack): at risk; below it: off track. */
  atRisk: number;
};

/** A plan's rules: one pair of thresholds for indicators, one for projects, and how far spending may run ahead. */
export type MonitoringRules = {
  indicator: MonitoringThresholds;
  project: MonitoringThresholds;
  /** Spending share minus progress share beyond which a project is at best at risk. */
  overspendMargin: number;
};

/** Rules a plan has until its planner sets its own. */
export const DEFAULT_RULES: MonitoringRules = {
  indicator: { onTrack: 0.9, atRisk: 0.7 },
  project: { onTrack: 0.9, atRisk: 0.7 },
  overspendMargin: 0.2,
};

/** A period of monitoring: a Jalali year, or one of its quarters (1..4). */
export type Period = { year: number; quarter: number | null };

/** What an indicator plans: where it starts and its target per Jalali year. */
export type IndicatorPlan = {
  direction: 'increase' | 'decrease' | 'maintain';
  baselineYear: number | null;
  baselineValue: number | null;
  targets: ReadonlyMap<number, number>;
};

/** The planned value at the end of a period, and where that year started from. */
export type PeriodTarget = { start: number; target: number };

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The value planned for the end of `period`. A year starts from the previous year's target (or
 * the baseline, for the first year) and moves to its own target evenly over its quarters, so a
 * first-quarter measurement is judged against a quarter of the year's change, not all of it.
 * Null when the year has no target.
 */
export function periodTarget(plan: IndicatorPlan, period: Period): PeriodTarget | null {
  const yearTarget = plan.targets.get(period.year);
  if (yearTarget === undefined) return null;
  const previous = plan.targets.get(period.year - 1);
  const start = previous ?? plan.baselineValue ?? yearTarget;
  const share = (period.quarter ?? 4) / 4;
  return { start, target: round(start + (yearTarget - start) * share, 6) };
}

/**
 * The achievement of a measured value: the share of the planned change from the year's start that
 * was made (1 = exactly as planned, more = ahead; never below 0). When no change was planned (a
 * maintained figure, or a target equal to the start), holding the target (on the right side for
 * the indicator's direction) is 1 and missing it is the value's ratio to the target.
 */
export function achievement(plan: IndicatorPlan, period: Period, value: number): number | null {
  const planned = periodTarget(plan, period);
  if (!planned) return null;
  const change = planned.target - planned.start;
  if (change !== 0) return round(Math.max(0, (value - planned.start) / change));
  const isHeld = plan.direction === 'decrease' ? value <= planned.target : plan.direction === 'increase' ? value >= planned.target : value === planned.target;
  if (isHeld) return 1;
  if (planned.target === 0 || value === 0) return 0;
  const ratio = plan.direction === 'decrease' ? planned.target / value : value / planned.target;
  return round(Math.max(0, Math.min(1, ratio)));
}

/** The status of a share of what was planned, by thresholds. */
export function statusOf(share: number, thresholds: MonitoringThresholds): MonitoringStatus {
  if (share >= thresholds.onTrack) return 'on_track';
  if (share >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

/** The last day of a period as a UTC instant (Tehran's calendar day; a year ends with Esfand). */
export function periodEnd(period: Period): Date {
  const quarter = period.quarter ?? 4;
  if (quarter < 4) return fromJalali(period.year, quarter * 3 + 1, 1);
  return fromJalali(period.year + 1, 1, 1);
}

/** What a project plans: its dates (ISO days, either may be missing) and total cost. */
export type ProjectPlan = { startsOn: string | null; endsOn: string | null; totalCost: number | null };

/**
 * The progress (0..100) expected of a project at the end of a period: the elapsed share of its
 * run from start to end. Without both dates, 100 at the end of its last year is unknowable: null.
 */
export function expectedProgress(project: ProjectPlan, period: Period): number | null {
  if (!project.startsOn || !project.endsOn) return null;
  const start = Date.parse(`${project.startsOn}T00:00:00Z`);
  const end = Date.parse(`${project.endsOn}T00:00:00Z`) + 86_400_000;
  if (!(end > start)) return null;
  const at = periodEnd(period).getTime();
  return round(Math.min(100, Math.max(0, ((at - start) / (end - start)) * 100)), 2);
}

/**
 * A project's status for a period: progress against what its dates expect by then, by the
 * project thresholds; spending that runs ahead of progress by more than the margin makes it at
 * best at risk. A project not expected to have started yet is on track.
 */
export function projectStatus(
  project: ProjectPlan,
  period: Period,
  report: { progress: number; spent: number | null },
  rules: MonitoringRules,
): { status: MonitoringStatus; expected: number | null; share: number | null } {
  const expected = expectedProgress(project, period);
  const share = expected === null ? null : expected === 0 ? 1 : round(report.progress / expected);
  let status: MonitoringStatus = share === null ? 'on_track' : statusOf(share, rules.project);
  if (report.spent !== null && project.totalCost) {
    const spentShare = report.spent / project.totalCost;
    if (spentShare - report.progress / 100 > rules.overspendMargin && status === 'on_track') status = 'at_risk';
  }
  return { status, expected, share };
}
