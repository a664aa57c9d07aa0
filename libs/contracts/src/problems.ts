import { z } from 'zod';
import { isObjectPayload, ZUuid } from './common';
import { textBlock, textLine, textToken } from './text';

/** In what capacity someone files a problem statement. */
export const PROBLEM_CAPACITIES = ['citizen', 'ngo', 'expert', 'manager'] as const;
/** A filer's capacity. */
export type ProblemCapacity = (typeof PROBLEM_CAPACITIES)[number];

/** A problem's workflow: submitted → under review → accepted (into the plan, with a committee) / merged / out of scope → addressed. */
export const PROBLEM_STATUSES = ['submitted', 'under_review', 'accepted', 'merged', 'out_of_scope', 'addressed'] as const;
/** A problem's status. */
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Which status a planner may move a problem to from each status (merged is reached only by merging). */
export const PROBLEM_TRANSITIONS: Record<ProblemStatus, readonly ProblemStatus[]> = {
  submitted: ['under_review', 'accepted', 'out_of_scope'],
  under_review: ['accepted', 'out_of_scope', 'submitted'],
  accepted: ['addressed', 'under_review'],
  merged: [],
  out_of_scope: ['under_review'],
  addressed: ['accepted'],
};

/** Most photos one problem may carry. */
export const MAX_PROBLEM_PHOTOS = 5;
/** Largest photo accepted before re-encoding. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** A point on the map (WGS84). */
export const ZLatLng = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
/** A point on the map. */
export type TLatLng = z.infer<typeof ZLatLng>;

/** POST /api/orgs/:slug/activities/:activityId/problems: a location, or a district when there is no point. */
export const ZCreateProblem = z
  .strictObject({
    title: textLine({ min: 5, max: 150 }),
    description: textBlock({ min: 10, max: 5000 }),
    themeId: ZUuid,
    location: ZLatLng.nullable().optional(),
    districtId: ZUuid.nullable().optional(),
    photoIds: z.array(ZUuid).max(MAX_PROBLEM_PHOTOS).default([]),
    capacity: z.enum(PROBLEM_CAPACITIES).default('citizen'),
    /** For an NGO: the organisation filed for (a registered stakeholder later). */
    onBehalfOf: textLine({ min: 2, max: 200 }).optional(),
    /** A registered stakeholder filed for: the reporter must be one of its linked accounts. */
    stakeholderId: ZUuid.nullable().optional(),
    isAnonymous: z.boolean().default(false),
  })
  // `when`: a missing place is reported together with the other fields, not after they are fixed.
  .refine((p) => p.location || p.districtId, { message: 'required', path: ['location'], when: isObjectPayload })
  .refine((p) => p.capacity !== 'ngo' || p.onBehalfOf || p.stakeholderId, { message: 'required', path: ['onBehalfOf'], when: isObjectPayload });
/** Report a problem. */
export type TCreateProblem = z.input<typeof ZCreateProblem>;

/** A photo after upload: re-encoded, EXIF/GPS stripped, with a thumbnail. */
export const ZProblemPhoto = z.object({ id: ZUuid, url: z.string(), thumbUrl: z.string(), width: z.number().int(), height: z.number().int() });
/** A problem photo. */
export type TProblemPhoto = z.infer<typeof ZProblemPhoto>;

/** Filters shared by the list, the map and the heat map. Dates are ISO; `q` is searched on normalised Persian text. */
export const ZProblemFilters = z.strictObject({
  themeId: ZUuid.optional(),
  districtId: ZUuid.optional(),
  status: z.enum(PROBLEM_STATUSES).optional(),
  capacity: z.enum(PROBLEM_CAPACITIES).optional(),
  stageId: ZUuid.optional(),
  activityId: ZUuid.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: textLine({ max: 200 }).optional(),
});
/** Problem filters. */
export type TProblemFilters = z.infer<typeof ZProblemFilters>;

/** GET /api/orgs/:slug/problems: keyset-paginated list, newest first (or most supported). */
export const ZProblemListQuery = ZProblemFilters.extend({
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['newest', 'most_supported']).default('newest'),
  /** `true`: only the signed-in person's own reports (401 for a visitor). */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
/** List query. */
export type TProblemListQuery = z.input<typeof ZProblemListQuery>;

/** A problem in lists and on the map's side panel. */
export const ZProblemListItem = z.object({
  id: ZUuid,
  title: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  themeId: ZUuid,
  districtId: ZUuid.nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  capacity: z.enum(PROBLEM_CAPACITIES),
  supportCount: z.number().int(),
  commentCount: z.number().int(),
  thumbUrl: z.string().nullable(),
  createdAt: z.string(),
});
/** A problem in lists. */
export type TProblemListItem = z.infer<typeof ZProblemListItem>;

/** One status change, shown publicly on the problem page. */
export const ZProblemStatusChange = z.object({
  from: z.enum(PROBLEM_STATUSES).nullable(),
  to: z.enum(PROBLEM_STATUSES),
  reason: z.string().nullable(),
  committeeId: ZUuid.nullable(),
  changedAt: z.string(),
});

/** GET /api/orgs/:slug/problems/:problemId */
/** Why a signed-in reader cannot support a problem (see ZProblem.cannotSupportReason). */
export const PROBLEM_CANNOT_SUPPORT_REASONS = ['own_problem', 'blocked', 'merged', 'hidden'] as const;

export const ZProblem = ZProblemListItem.extend({
  description: z.string(),
  activityId: ZUuid,
  planId: ZUuid,
  stageId: ZUuid,
  author: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  onBehalfOf: z.string().nullable(),
  photos: z.array(ZProblemPhoto),
  committeeId: ZUuid.nullable(),
  mergedIntoId: ZUuid.nullable(),
  statusReason: z.string().nullable(),
  statusHistory: z.array(ZProblemStatusChange),
  isHidden: z.boolean(),
  isSupported: z.boolean(),
  canSupport: z.boolean(),
  /**
   * Why a signed-in reader cannot say "me too", so the page can say so beside the disabled
   * button: their own report, a block, or a problem merged into another. Null when they can
   * (or are signed out, when the button leads to sign-in).
   */
  cannotSupportReason: z.enum(PROBLEM_CANNOT_SUPPORT_REASONS).nullable(),
});
/** A problem page. */
export type TProblem = z.infer<typeof ZProblem>;

/** GET /api/orgs/:slug/problems/similar?title=&lat=&lng=&themeId=: duplicates to suggest while typing. */
export const ZSimilarQuery = z.strictObject({
  title: textLine({ min: 3, max: 150 }),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusMeters: z.coerce.number().int().min(50).max(5000).default(300),
});
/** A suggested duplicate. */
export const ZSimilarProblem = z.object({
  id: ZUuid,
  title: z.string(),
  supportCount: z.number().int(),
  distanceMeters: z.number().nullable(),
  similarity: z.number(),
  status: z.enum(PROBLEM_STATUSES),
});

/** PUT|DELETE /api/orgs/:slug/problems/:problemId/support → the new state. */
export const ZSupportState = z.object({ supported: z.boolean(), supportCount: z.number().int() });

/** POST /api/orgs/:slug/problems/:problemId/status (planner). out_of_scope needs a reason; accepted needs a committee. */
export const ZChangeProblemStatus = z
  .strictObject({
    status: z.enum(PROBLEM_STATUSES).exclude(['merged']),
    reason: textBlock({ min: 3, max: 2000 }).optional(),
    committeeId: ZUuid.optional(),
  })
  .refine((s) => s.status !== 'out_of_scope' || s.reason, { message: 'required', path: ['reason'] })
  .refine((s) => s.status !== 'accepted' || s.committeeId, { message: 'required', path: ['committeeId'] });
/** Change a problem's status. */
export type TChangeProblemStatus = z.input<typeof ZChangeProblemStatus>;

/** POST /api/orgs/:slug/problems/:problemId/merge (moderator): this problem into `intoId`. */
export const ZMergeProblem = z.strictObject({ intoId: ZUuid, reason: textBlock({ max: 1000 }).optional() });

/** GET /api/orgs/:slug/problems/map: a viewport (`bbox=minLng,minLat,maxLng,maxLat`) and zoom, with the filters. */
export const ZMapQuery = ZProblemFilters.extend({
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'invalid_format')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .refine(([w, s, e, n]) => w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90, 'invalid_value'),
  zoom: z.coerce.number().int().min(0).max(22),
});
/** The map's answer: clusters (count and centre) and at most a bounded number of single points. */
export const ZMapView = z.object({
  clusters: z.array(z.object({ lat: z.number(), lng: z.number(), count: z.number().int() })),
  points: z.array(z.object({ id: ZUuid, lat: z.number(), lng: z.number(), status: z.enum(PROBLEM_STATUSES), themeId: ZUuid, supportCount: z.number().int() })),
  total: z.number().int(),
});
/** The map's answer. */
export type TMapView = z.infer<typeof ZMapView>;

/** GET /api/orgs/:slug/problems/heat: weighted cells for a heat-map layer. */
export const ZHeatView = z.object({ cells: z.array(z.tuple([z.number(), z.number(), z.number()])) });

/** A page of the problem list (keyset; `nextCursor` is opaque). */
export const ZProblemPage = z.object({ items: z.array(ZProblemListItem), nextCursor: z.string().nullable() });
/** A page of problems. */
export type TProblemPage = z.infer<typeof ZProblemPage>;

/** POST /api/orgs/:slug/problems/:problemId/hide and /restore (moderator). */
export const ZModerateProblem = z.strictObject({ reason: textBlock({ min: 3, max: 1000 }) });

/** GET /api/orgs/:slug/moderation/problems: newest first; `hidden=true` for the hidden ones only. */
export const ZModerationQueueQuery = z.strictObject({
  hidden: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A problem in the moderators' queue: the author is always shown there. */
export const ZModeratedProblem = ZProblemListItem.extend({
  description: z.string(),
  author: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  isAnonymous: z.boolean(),
  isHidden: z.boolean(),
  hiddenReason: z.string().nullable(),
});
/** The moderators' queue page. */
export const ZModerationQueuePage = z.object({ items: z.array(ZModeratedProblem), nextCursor: z.string().nullable() });

/** GET /api/orgs/:slug/problems/by-district: optionally within one stage or activity. */
export const ZDistrictSummaryQuery = z.strictObject({ stageId: ZUuid.optional(), activityId: ZUuid.optional() });
/** Per district: problems from citizens' side (citizen, NGO, expert) vs the district's managers, and the top themes. */
export const ZDistrictSummary = z.object({
  districtId: ZUuid,
  number: z.number().int(),
  citizenCount: z.number().int(),
  managerCount: z.number().int(),
  total: z.number().int(),
  topThemes: z.array(z.object({ themeId: ZUuid, count: z.number().int() })),
});
/** One district's summary. */
export type TDistrictSummary = z.infer<typeof ZDistrictSummary>;

/** The settings of a problem_collection activity (the problems module's schema in the activity type registry). */
export const ZProblemCollectionSettings = z.strictObject({
  allowAnonymous: z.boolean().default(true),
  requirePhoto: z.boolean().default(false),
  capacities: z.array(z.enum(PROBLEM_CAPACITIES)).min(1).default([...PROBLEM_CAPACITIES]),
});
/** A problem collection's settings. */
export type TProblemCollectionSettings = z.infer<typeof ZProblemCollectionSettings>;
