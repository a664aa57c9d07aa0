import { z } from 'zod';
import { pageOf, ZLocalizedText, ZUuid } from './common';
import { textBlock, textLine, textToken } from './text';
import { ZRole } from './identity';

/** A Jalali year as plans use them (1405 ≈ 2026). */
export const ZJalaliYear = z.number().int().min(1300).max(1500);

/** An inclusive range of Jalali years, e.g. 1403–1412. */
export const ZYearRange = z
  .strictObject({ from: ZJalaliYear, to: ZJalaliYear })
  .refine((r) => r.to >= r.from, { message: 'invalid_value', path: ['to'] });
/** An inclusive range of Jalali years. */
export type TYearRange = z.infer<typeof ZYearRange>;

/** A long text in Persian and optionally Arabic and English (summaries, descriptions). */
export const ZLocalizedLongText = z.strictObject({
  fa: textBlock({ max: 10_000 }),
  ar: textBlock({ max: 10_000, keepArabicLetters: true }).optional(),
  en: textBlock({ max: 10_000 }).optional(),
});
/** A long localized text. */
export type TLocalizedLongText = z.infer<typeof ZLocalizedLongText>;

/** Kinds of plan a municipality writes. */
export const PLAN_KINDS = ['strategic_operational', 'city_development', 'municipality_transformation'] as const;
/** A kind of plan. */
export type PlanKind = (typeof PLAN_KINDS)[number];

/** A plan's lifecycle, in order: drafted, reviewed by the council, approved, checked by the conformity board, executed, closed. */
export const PLAN_STATUSES = ['drafting', 'council_review', 'approved', 'conformity_checked', 'in_execution', 'closed'] as const;
/** A plan's lifecycle status. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Which status may follow which (a step forward, or back to drafting from review). */
export const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  drafting: ['council_review'],
  council_review: ['approved', 'drafting'],
  approved: ['conformity_checked', 'drafting'],
  conformity_checked: ['in_execution'],
  in_execution: ['closed'],
  closed: [],
};

/** A calendar date `YYYY-MM-DD` (Gregorian ISO; the web shows it in Jalali for fa). */
export const ZDate = z.iso.date();

/** A stage's status: from its dates unless a planner overrides it. */
export const STAGE_STATUSES = ['upcoming', 'open', 'closed'] as const;
/** A stage's status. */
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** The kinds of participatory activity a stage can hold; each is filled by its own module. */
export const ACTIVITY_TYPES = ['problem_collection', 'consultation', 'survey', 'thinktank_series'] as const;
/** A kind of participatory activity. */
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Who may take part in an activity. */
export const ZParticipation = z.discriminatedUnion('audience', [
  z.strictObject({ audience: z.literal('everyone') }),
  z.strictObject({ audience: z.literal('signed_in') }),
  z.strictObject({ audience: z.literal('roles'), roles: z.array(ZRole).min(1) }),
]);
/** Who may take part in an activity. */
export type TParticipation = z.infer<typeof ZParticipation>;

// ---- plans ---------------------------------------------------------------------------------

/** POST /api/orgs/:slug/plans */
export const ZCreatePlan = z
  .strictObject({
    title: ZLocalizedText,
    kind: z.enum(PLAN_KINDS),
    strategicHorizon: ZYearRange,
    operationalHorizon: ZYearRange,
    summary: ZLocalizedLongText.optional(),
  })
  .refine((p) => p.operationalHorizon.from >= p.strategicHorizon.from && p.operationalHorizon.to <= p.strategicHorizon.to, {
    message: 'invalid_value',
    path: ['operationalHorizon'],
  });
/** POST /api/orgs/:slug/plans */
export type TCreatePlan = z.input<typeof ZCreatePlan>;

/** PATCH /api/orgs/:slug/plans/:planId (every field optional; horizons checked together on the server). */
export const ZUpdatePlan = z.strictObject({
  title: ZLocalizedText.optional(),
  kind: z.enum(PLAN_KINDS).optional(),
  strategicHorizon: ZYearRange.optional(),
  operationalHorizon: ZYearRange.optional(),
  summary: ZLocalizedLongText.optional(),
  coverAttachmentId: ZUuid.nullable().optional(),
});
/** PATCH a plan. */
export type TUpdatePlan = z.input<typeof ZUpdatePlan>;

/** POST /api/orgs/:slug/plans/:planId/status */
export const ZChangePlanStatus = z.strictObject({ status: z.enum(PLAN_STATUSES), note: textBlock({ max: 1000 }).optional() });
/** Change a plan's status. */
export type TChangePlanStatus = z.input<typeof ZChangePlanStatus>;

/** POST /api/orgs/:slug/plans/:planId/revisions: a yearly revision of the rolling plan. */
export const ZCreatePlanRevision = z.strictObject({ year: ZJalaliYear, summary: textBlock({ min: 1, max: 5000 }) });
/** Record a yearly revision. */
export type TCreatePlanRevision = z.input<typeof ZCreatePlanRevision>;

/** A person as shown next to what they did. */
export const ZPersonRef = z.object({ id: ZUuid, displayName: z.string() });

/** One status change of a plan. */
export const ZPlanStatusChange = z.object({
  from: z.enum(PLAN_STATUSES).nullable(),
  to: z.enum(PLAN_STATUSES),
  note: z.string().nullable(),
  changedBy: ZPersonRef.nullable(),
  changedAt: z.string(),
});

/** One yearly revision. */
export const ZPlanRevision = z.object({ id: ZUuid, year: z.number().int(), summary: z.string(), createdAt: z.string(), createdBy: ZPersonRef.nullable() });

/** A plan in lists. */
export const ZPlanSummary = z.object({
  id: ZUuid,
  title: ZLocalizedText,
  kind: z.enum(PLAN_KINDS),
  status: z.enum(PLAN_STATUSES),
  strategicHorizon: z.object({ from: z.number(), to: z.number() }),
  operationalHorizon: z.object({ from: z.number(), to: z.number() }),
  coverUrl: z.string().nullable(),
  currentStageId: ZUuid.nullable(),
  createdAt: z.string(),
});
/** A plan in lists. */
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

// ---- stages and activities -----------------------------------------------------------------

/** An activity as everyone sees it. `isOpen` is computed from its window and its stage. */
export const ZActivity = z.object({
  id: ZUuid,
  stageId: ZUuid,
  type: z.enum(ACTIVITY_TYPES),
  title: ZLocalizedText,
  description: ZLocalizedLongText.nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  isOpen: z.boolean(),
  participation: ZParticipation,
  settings: z.record(z.string(), z.unknown()),
  position: z.number().int(),
});
/** An activity. */
export type TActivity = z.infer<typeof ZActivity>;

/** POST /api/orgs/:slug/stages/:stageId/activities. `settings` are checked by the activity type's own schema. */
export const ZCreateActivity = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    title: ZLocalizedText,
    description: ZLocalizedLongText.optional(),
    opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
    closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
    participation: ZParticipation.default({ audience: 'signed_in' }),
    settings: z.record(textToken({ max: 100 }), z.unknown()).default({}),
  })
  .refine((a) => !a.opensAt || !a.closesAt || a.closesAt > a.opensAt, { message: 'invalid_value', path: ['closesAt'] });
/** Create an activity. */
export type TCreateActivity = z.input<typeof ZCreateActivity>;

/** PATCH /api/orgs/:slug/activities/:activityId (type cannot change). */
export const ZUpdateActivity = z.strictObject({
  title: ZLocalizedText.optional(),
  description: ZLocalizedLongText.nullable().optional(),
  opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
  participation: ZParticipation.optional(),
  settings: z.record(textToken({ max: 100 }), z.unknown()).optional(),
});
/** Edit an activity. */
export type TUpdateActivity = z.input<typeof ZUpdateActivity>;

/**
 * GET /api/orgs/:slug/open-activities: what a person can take part in now, closing soonest first.
 * Only kinds a module runs and that are ready (a consultation with a published edition) appear.
 */
export const ZOpenActivity = z.object({
  id: ZUuid,
  type: z.enum(ACTIVITY_TYPES),
  title: ZLocalizedText,
  planId: ZUuid,
  planTitle: ZLocalizedText,
  stageId: ZUuid,
  stageTitle: ZLocalizedText,
  /** When taking part ends: the activity's own window, else the last day of its stage (Tehran). */
  closesAt: z.string().nullable(),
  stageEndsOn: z.string(),
  participation: ZParticipation,
});
/** An activity open now. */
export type TOpenActivity = z.infer<typeof ZOpenActivity>;

/** GET /api/orgs/:slug/activities/:activityId/participation: whether the caller may take part now; `reason` is an error code. */
export const ZParticipationCheck = z.object({
  canTakePart: z.boolean(),
  reason: z.enum(['plans.activity_closed', 'identity.unauthenticated', 'identity.forbidden']).optional(),
});
/** Whether the caller may take part in an activity. */
export type TParticipationCheck = z.infer<typeof ZParticipationCheck>;

/** POST /api/orgs/:slug/activities/:activityId/open|close: open or close the window now. */
export const ZActivityWindowAction = z.strictObject({});

/** A stage with its activities. */
export const ZStage = z.object({
  id: ZUuid,
  planId: ZUuid,
  position: z.number().int(),
  title: ZLocalizedText,
  description: ZLocalizedLongText.nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(STAGE_STATUSES),
  statusOverride: z.enum(STAGE_STATUSES).nullable(),
  activities: z.array(ZActivity),
  attachments: z.array(z.lazy(() => ZAttachment)),
  /** Whether the caller follows this stage (on the plan page; false when anonymous). */
  isFollowing: z.boolean().optional(),
  /** How many people follow this stage (on the plan page). */
  followerCount: z.number().int().optional(),
});
/** A stage with its activities. */
export type TStage = z.infer<typeof ZStage>;

/** POST /api/orgs/:slug/plans/:planId/stages */
export const ZCreateStage = z
  .strictObject({
    title: ZLocalizedText,
    description: ZLocalizedLongText.optional(),
    startsOn: ZDate,
    endsOn: ZDate,
  })
  .refine((s) => s.endsOn >= s.startsOn, { message: 'invalid_value', path: ['endsOn'] });
/** Create a stage. */
export type TCreateStage = z.input<typeof ZCreateStage>;

/** PATCH /api/orgs/:slug/stages/:stageId */
export const ZUpdateStage = z.strictObject({
  title: ZLocalizedText.optional(),
  description: ZLocalizedLongText.nullable().optional(),
  startsOn: ZDate.optional(),
  endsOn: ZDate.optional(),
  statusOverride: z.enum(STAGE_STATUSES).nullable().optional(),
});
/** Edit a stage. */
export type TUpdateStage = z.input<typeof ZUpdateStage>;

/** PUT /api/orgs/:slug/plans/:planId/stages/order: every stage id of the plan, in the new order. */
export const ZReorderStages = z.strictObject({ stageIds: z.array(ZUuid).min(1).max(100) });
/** Reorder stages. */
export type TReorderStages = z.input<typeof ZReorderStages>;

// ---- committees ----------------------------------------------------------------------------

/** A committee / working group of a plan. */
export const ZCommittee = z.object({
  id: ZUuid,
  planId: ZUuid,
  name: ZLocalizedText,
  description: ZLocalizedLongText.nullable(),
  themeIds: z.array(ZUuid),
  secretary: ZPersonRef.nullable(),
  members: z.array(ZPersonRef),
});
/** A committee. */
export type TCommittee = z.infer<typeof ZCommittee>;

/** POST /api/orgs/:slug/plans/:planId/committees; PATCH /api/orgs/:slug/committees/:committeeId takes the same fields, optional. */
export const ZSaveCommittee = z.strictObject({
  name: ZLocalizedText,
  description: ZLocalizedLongText.optional(),
  themeIds: z.array(ZUuid).max(50).default([]),
  secretaryId: ZUuid.nullable().optional(),
  memberIds: z.array(ZUuid).max(500).default([]),
});
/** Create or edit a committee. */
export type TSaveCommittee = z.input<typeof ZSaveCommittee>;

/** PATCH /api/orgs/:slug/committees/:committeeId: ZSaveCommittee's fields, each optional (absent lists stay as they are). */
export const ZUpdateCommittee = z.strictObject({
  name: ZLocalizedText.optional(),
  description: ZLocalizedLongText.nullable().optional(),
  themeIds: z.array(ZUuid).max(50).optional(),
  secretaryId: ZUuid.nullable().optional(),
  memberIds: z.array(ZUuid).max(500).optional(),
});
/** Edit a committee. */
export type TUpdateCommittee = z.input<typeof ZUpdateCommittee>;

// ---- upstream documents --------------------------------------------------------------------

/** Levels of upstream documents. */
export const UPSTREAM_LEVELS = ['national', 'provincial', 'local'] as const;

/** A direction extracted from an upstream document, linked to themes. */
export const ZDirection = z.object({ id: ZUuid, text: z.string(), themeIds: z.array(ZUuid) });

/** An upstream document (law or higher plan) the city plan must follow. */
export const ZUpstreamDocument = z.object({
  id: ZUuid,
  planId: ZUuid,
  level: z.enum(UPSTREAM_LEVELS),
  title: ZLocalizedText,
  issuer: z.string(),
  year: z.number().int().nullable(),
  url: z.string().nullable(),
  attachment: z.lazy(() => ZAttachment).nullable(),
  directions: z.array(ZDirection),
});
/** An upstream document. */
export type TUpstreamDocument = z.infer<typeof ZUpstreamDocument>;

/** POST /api/orgs/:slug/plans/:planId/upstream-documents; PATCH .../upstream-documents/:id with the same fields optional. */
export const ZSaveUpstreamDocument = z.strictObject({
  level: z.enum(UPSTREAM_LEVELS),
  title: ZLocalizedText,
  issuer: textLine({ min: 1, max: 300 }),
  year: ZJalaliYear.nullable().optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  attachmentId: ZUuid.nullable().optional(),
  directions: z
    .array(z.strictObject({ text: textBlock({ min: 1, max: 2000 }), themeIds: z.array(ZUuid).max(20).default([]) }))
    .max(200)
    .default([]),
});
/** Create or edit an upstream document. */
export type TSaveUpstreamDocument = z.input<typeof ZSaveUpstreamDocument>;

/** PATCH .../upstream-documents/:documentId: ZSaveUpstreamDocument's fields, each optional; `directions`, when given, replace all. */
export const ZUpdateUpstreamDocument = z.strictObject({
  level: z.enum(UPSTREAM_LEVELS).optional(),
  title: ZLocalizedText.optional(),
  issuer: textLine({ min: 1, max: 300 }).optional(),
  year: ZJalaliYear.nullable().optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  attachmentId: ZUuid.nullable().optional(),
  directions: z
    .array(z.strictObject({ text: textBlock({ min: 1, max: 2000 }), themeIds: z.array(ZUuid).max(20).default([]) }))
    .max(200)
    .optional(),
});
/** Edit an upstream document. */
export type TUpdateUpstreamDocument = z.input<typeof ZUpdateUpstreamDocument>;

// ---- attachments ---------------------------------------------------------------------------

/** File types accepted as attachments, checked by their content, not their name. */
export const ATTACHMENT_TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/png', 'image/jpeg', 'image/webp'] as const;
/** Largest attachment accepted. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** A file attached to a plan, a stage or an upstream document. */
export const ZAttachment = z.object({
  id: ZUuid,
  filename: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  sizeBytes: z.number().int(),
  url: z.string(),
  createdAt: z.string(),
});
/** An attachment. */
export type TAttachment = z.infer<typeof ZAttachment>;

// ---- the plan page -------------------------------------------------------------------------

/** GET /api/orgs/:slug/plans/:planId: everything the plan page shows, in one answer. */
export const ZPlan = ZPlanSummary.extend({
  summary: ZLocalizedLongText.nullable(),
  stages: z.array(ZStage),
  committees: z.array(ZCommittee),
  upstreamDocuments: z.array(ZUpstreamDocument),
  attachments: z.array(ZAttachment),
  statusHistory: z.array(ZPlanStatusChange),
  revisions: z.array(ZPlanRevision),
  isFollowing: z.boolean(),
  followerCount: z.number().int(),
});
/** The plan page. */
export type TPlan = z.infer<typeof ZPlan>;

// ---- follow, notifications, audit ----------------------------------------------------------

/** What one can follow. */
export const FOLLOW_TARGETS = ['plan', 'stage'] as const;

/** PUT /api/me/notification-preferences */
export const ZNotificationPreferences = z.strictObject({
  digest: z.enum(['none', 'daily', 'weekly']),
  channel: z.enum(['email', 'sms']),
});
/** Notification preferences. */
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

/** Notification kinds; the web words them from `notifications:<kind>` with `params`. */
export const NOTIFICATION_KINDS = ['stage.opened', 'stage.closed', 'activity.opened', 'plan.status_changed', 'problem.status_changed', 'problem.merged', 'comment.outcome', 'consultation.edition_published', 'amendment.accepted', 'amendment.rejected',
  // strategy monitoring and traceability
  'strategy.off_track', 'strategy.project_status_changed'] as const;

/** One notification in the bell. */
export const ZNotification = z.object({
  id: ZUuid,
  kind: z.enum(NOTIFICATION_KINDS),
  organizationSlug: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
/** One notification. */
export type TNotification = z.infer<typeof ZNotification>;

/** One audit entry: who changed what, before and after. */
export const ZAuditEntry = z.object({
  id: ZUuid,
  actor: ZPersonRef.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: ZUuid,
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  createdAt: z.string(),
});
/** One audit entry. */
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

/**
 * GET /api/orgs/:slug/audit: keyset-paginated, newest first, optionally for one entity type or
 * entity, one actor (account id) and a range of calendar days (`from`..`to`, both inclusive, days in
 * Tehran: the web converts the Jalali days it shows).
 */
export const ZAuditQuery = z
  .strictObject({
    entityType: textToken({ min: 1, max: 64 }).optional(),
    entityId: ZUuid.optional(),
    actorId: ZUuid.optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    cursor: textToken({ max: 500 }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'invalid_value', path: ['to'] });
/** Audit log query. */
export type TAuditQuery = z.input<typeof ZAuditQuery>;

/** A page of audit entries. */
export const ZAuditPage = pageOf(ZAuditEntry);
/** A page of audit entries. */
export type TAuditPage = z.infer<typeof ZAuditPage>;

/** GET /api/orgs/:slug/audit/facets: the entity types and actors that appear in the log, for its filters. */
export const ZAuditFacets = z.object({
  entityTypes: z.array(z.string()),
  actors: z.array(ZPersonRef),
});
/** The audit log's filter choices. */
export type TAuditFacets = z.infer<typeof ZAuditFacets>;
