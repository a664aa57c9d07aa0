import { z } from 'zod';
import { ZUuid } from './common';
import { textBlock, textLine, textToken } from './text';

// Monitoring (پایش) of the plan's structure, the public accountability dashboard and the
// traceability of what citizens asked to what the plan does (issue 14, second part).

/** A figure's standing against what was planned for its period. */
export const MONITORING_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
/** A figure's standing. */
export type TMonitoringStatus = (typeof MONITORING_STATUSES)[number];

/** A project's own status (the structure's list). */
export const MONITORED_PROJECT_STATUSES = ['planned', 'in_progress', 'completed', 'suspended', 'cancelled'] as const;
/** A project's own status. */
export type TMonitoredProjectStatus = (typeof MONITORED_PROJECT_STATUSES)[number];

/** A quarter of a Jalali year, or null for the whole year. */
export const ZMonitoringQuarter = z.number().int().min(1).max(4).nullable();

/** One indicator measurement: the formula's variables for a period, a comment; the evidence is uploaded after. */
export const ZRecordMeasurement = z.strictObject({
  indicatorId: ZUuid,
  year: z.number().int().min(1300).max(1500),
  quarter: ZMonitoringQuarter.default(null),
  values: z.record(textToken({ min: 1, max: 64 }), z.number().finite()).refine((v) => Object.keys(v).length <= 50, 'too_many'),
  comment: textBlock({ max: 2000 }).nullish(),
});
/** One indicator measurement, as sent. */
export type TRecordMeasurement = z.input<typeof ZRecordMeasurement>;

/** One progress report of a project for a period (progress %, rials spent), optionally changing its status. */
export const ZRecordProjectReport = z.strictObject({
  projectId: ZUuid,
  year: z.number().int().min(1300).max(1500),
  quarter: ZMonitoringQuarter.default(null),
  progress: z.number().int().min(0).max(100),
  spent: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
  status: z.enum(MONITORED_PROJECT_STATUSES).optional(),
  comment: textBlock({ max: 2000 }).nullish(),
});
/** One progress report, as sent. */
export type TRecordProjectReport = z.input<typeof ZRecordProjectReport>;

/** The planner's thresholds, as shares of what was planned. */
export const ZMonitoringRules = z
  .strictObject({
    indicatorOnTrack: z.number().min(0).max(10),
    indicatorAtRisk: z.number().min(0).max(10),
    projectOnTrack: z.number().min(0).max(10),
    projectAtRisk: z.number().min(0).max(10),
    overspendMargin: z.number().min(0).max(1),
  })
  .superRefine((r, ctx) => {
    if (r.indicatorAtRisk > r.indicatorOnTrack) ctx.addIssue({ code: 'custom', path: ['indicatorAtRisk'], message: 'above_on_track' });
    if (r.projectAtRisk > r.projectOnTrack) ctx.addIssue({ code: 'custom', path: ['projectAtRisk'], message: 'above_on_track' });
  });
/** The planner's thresholds. */
export type TMonitoringRules = z.infer<typeof ZMonitoringRules>;

/** Who is alerted for a responsible unit. */
export const ZUnitContactInput = z.strictObject({ unit: textLine({ min: 1, max: 200 }), accountId: ZUuid });
/** A unit contact, as sent. */
export type TUnitContactInput = z.infer<typeof ZUnitContactInput>;

/** A recorded measurement with what it achieved. */
export const ZMeasurement = z.object({
  id: z.string(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  values: z.record(z.string(), z.number()),
  value: z.number(),
  /** The period's planned value, null without a target for the year. */
  target: z.number().nullable(),
  achievement: z.number().nullable(),
  status: z.enum(MONITORING_STATUSES).nullable(),
  comment: z.string().nullable(),
  evidence: z.object({ id: z.string(), filename: z.string() }).nullable(),
  recordedAt: z.string(),
});
/** A recorded measurement. */
export type TMeasurement = z.infer<typeof ZMeasurement>;

/** A project progress report with its status. */
export const ZProjectReport = z.object({
  id: z.string(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  progress: z.number().int(),
  spent: z.number().nullable(),
  expected: z.number().nullable(),
  status: z.enum(MONITORING_STATUSES),
  comment: z.string().nullable(),
  evidence: z.object({ id: z.string(), filename: z.string() }).nullable(),
  recordedAt: z.string(),
});
/** A project progress report. */
export type TProjectReport = z.infer<typeof ZProjectReport>;

/** An indicator as the monitoring screen shows it. */
export const ZMonitoredIndicator = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  unit: z.string(),
  direction: z.string(),
  formula: z.string(),
  variables: z.array(z.object({ name: z.string(), label: z.string().optional(), unit: z.string().optional() })),
  responsibleUnit: z.string().nullable(),
  baselineYear: z.number().nullable(),
  baselineValue: z.number().nullable(),
  targets: z.array(z.object({ year: z.number(), value: z.number() })),
  measurements: z.array(ZMeasurement),
});
/** An indicator as the monitoring screen shows it. */
export type TMonitoredIndicator = z.infer<typeof ZMonitoredIndicator>;

/** A project as the monitoring screen shows it. */
export const ZMonitoredProject = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.enum(MONITORED_PROJECT_STATUSES),
  progress: z.number(),
  totalCost: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  responsibleUnit: z.string().nullable(),
  reports: z.array(ZProjectReport),
});
/** A project as the monitoring screen shows it. */
export type TMonitoredProject = z.infer<typeof ZMonitoredProject>;

/** The planner's monitoring screen in one request. */
export const ZMonitoringOverview = z.object({
  planId: z.string(),
  years: z.array(z.number()),
  closedYears: z.array(z.number()),
  rules: ZMonitoringRules,
  indicators: z.array(ZMonitoredIndicator),
  projects: z.array(ZMonitoredProject),
  units: z.array(z.string()),
  contacts: z.array(z.object({ unit: z.string(), accountId: z.string(), displayName: z.string().nullable() })),
});
/** The planner's monitoring screen. */
export type TMonitoringOverview = z.infer<typeof ZMonitoringOverview>;

/** What a measurement or report answers after it is saved: the figure and whether it raised an alert. */
export const ZMonitoringSaved = z.object({ id: z.string(), status: z.enum(MONITORING_STATUSES).nullable(), isAlerted: z.boolean() });
/** What a save answers. */
export type TMonitoringSaved = z.infer<typeof ZMonitoringSaved>;

// ---- the public accountability dashboard ----------------------------------------------------

/** A measured period on the public dashboard. */
export const ZPublicMeasurement = z.object({
  year: z.number(),
  quarter: z.number().nullable(),
  value: z.number(),
  target: z.number().nullable(),
  achievement: z.number().nullable(),
  status: z.enum(MONITORING_STATUSES).nullable(),
});

/** The public dashboard's data in one request: no person appears in it. */
export const ZAccountabilityDashboard = z.object({
  plan: z.object({ id: z.string(), title: z.record(z.string(), z.string()), operationalFrom: z.number(), operationalTo: z.number() }),
  years: z.array(z.number()),
  goals: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      outputs: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
      /** Latest status of its indicators: how many on track, at risk, off track, not measured. */
      indicatorStatus: z.object({ on_track: z.number(), at_risk: z.number(), off_track: z.number(), unmeasured: z.number() }),
      averageProgress: z.number().nullable(),
      totalCost: z.number(),
    }),
  ),
  indicators: z.array(
    z.object({
      id: z.string(),
      goalId: z.string(),
      outputId: z.string(),
      code: z.string(),
      title: z.string(),
      unit: z.string(),
      direction: z.string(),
      formula: z.string(),
      baselineYear: z.number().nullable(),
      baselineValue: z.number().nullable(),
      targets: z.array(z.object({ year: z.number(), value: z.number() })),
      measurements: z.array(ZPublicMeasurement),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string(),
      goalId: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.enum(MONITORED_PROJECT_STATUSES),
      progress: z.number(),
      totalCost: z.number(),
      spent: z.number().nullable(),
      monitoringStatus: z.enum(MONITORING_STATUSES).nullable(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      districtIds: z.array(z.string()),
    }),
  ),
  districts: z.array(
    z.object({ id: z.string(), name: z.record(z.string(), z.string()), projectCount: z.number(), totalCost: z.number(), averageProgress: z.number().nullable() }),
  ),
});
/** The public dashboard's data. */
export type TAccountabilityDashboard = z.infer<typeof ZAccountabilityDashboard>;

/** Which figures a dashboard CSV holds. */
export const ACCOUNTABILITY_DOWNLOADS = ['goals', 'indicators', 'measurements', 'projects', 'districts'] as const;
/** Which figures a dashboard CSV holds. */
export type TAccountabilityDownload = (typeof ACCOUNTABILITY_DOWNLOADS)[number];

// ---- traceability ---------------------------------------------------------------------------

/** What was asked: a demand, a demand group or a focus point. */
export const TRACE_SOURCE_TYPES = ['demand', 'demand_group', 'focus_point'] as const;
/** What the plan does: a goal, an output or a project. */
export const TRACE_TARGET_TYPES = ['goal', 'output', 'project'] as const;

/** A link to create. */
export const ZCreateTraceLink = z.strictObject({
  sourceType: z.enum(TRACE_SOURCE_TYPES),
  sourceId: ZUuid,
  targetType: z.enum(TRACE_TARGET_TYPES),
  targetId: ZUuid,
});
/** A link to create. */
export type TCreateTraceLink = z.infer<typeof ZCreateTraceLink>;

/** A link, with both ends named. */
export const ZTraceLink = z.object({
  id: z.string(),
  sourceType: z.enum(TRACE_SOURCE_TYPES),
  sourceId: z.string(),
  sourceLabel: z.string(),
  targetType: z.enum(TRACE_TARGET_TYPES),
  targetId: z.string(),
  targetCode: z.string(),
  targetTitle: z.string(),
  createdAt: z.string(),
});
/** A link. */
export type TTraceLink = z.infer<typeof ZTraceLink>;

/** The candidates a planner picks from by search. */
export const ZTraceCandidateQuery = z.strictObject({ q: textLine({ max: 200 }).optional() });
/** Candidates found. */
export const ZTraceCandidates = z.object({
  demandGroups: z.array(z.object({ id: z.string(), name: z.string().nullable(), demandCount: z.number() })),
  demands: z.array(z.object({ id: z.string(), text: z.string(), kind: z.string().nullable(), groupId: z.string().nullable() })),
  focusPoints: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
});
/** Candidates found. */
export type TTraceCandidates = z.infer<typeof ZTraceCandidates>;

/** The coverage view: focus points and demand groups, and which no project answers. */
export const ZTraceCoverage = z.object({
  focusPoints: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), projectCount: z.number() })),
  demandGroups: z.array(z.object({ id: z.string(), name: z.string().nullable(), demandCount: z.number(), projectCount: z.number() })),
});
/** The coverage view. */
export type TTraceCoverage = z.infer<typeof ZTraceCoverage>;

/** A project that answers something, as a citizen sees it. */
export const ZAnsweringProject = z.object({
  id: z.string(),
  planId: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.enum(MONITORED_PROJECT_STATUSES),
  progress: z.number(),
});
/** "What the plan does about this" on a problem page. */
export const ZPlanResponse = z.object({ projects: z.array(ZAnsweringProject) });
/** "What the plan does about this". */
export type TPlanResponse = z.infer<typeof ZPlanResponse>;

/** A project's public page: what it is, how far it got, and the demands it answers (no person named). */
export const ZPublicProject = z.object({
  id: z.string(),
  planId: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(MONITORED_PROJECT_STATUSES),
  progress: z.number(),
  totalCost: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  goal: z.object({ code: z.string(), title: z.string() }),
  output: z.object({ code: z.string(), title: z.string() }),
  districts: z.array(z.object({ id: z.string(), name: z.record(z.string(), z.string()) })),
  demandGroups: z.array(z.object({ id: z.string(), name: z.string().nullable(), demandCount: z.number() })),
  demands: z.array(z.object({ id: z.string(), text: z.string(), kind: z.string().nullable() })),
});
/** A project's public page. */
export type TPublicProject = z.infer<typeof ZPublicProject>;
