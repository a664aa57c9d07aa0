import { z } from 'zod';
import { ZLocalizedText, ZUuid } from './common';
import { DEMAND_CAPACITIES, DEMAND_KINDS, DEMAND_SOURCE_KINDS, ZDemandFilter } from './demands';
import { textBlock, textLine, textToken } from './text';

/** What became of a demand's source (the database checks the same list). */
export const DEMAND_SOURCE_STATES = ['live', 'edited', 'hidden', 'merged', 'deleted'] as const;
/** A demand's source state. */
export type DemandSourceState = (typeof DEMAND_SOURCE_STATES)[number];

/** A theme of a demand, with how it was decided. */
export const ZDemandThemeTag = z.object({
  id: ZUuid,
  name: ZLocalizedText,
  colour: z.string(),
  origin: z.enum(['planner', 'suggestion', 'import']),
});
/** A theme of a demand. */
export type TDemandThemeTag = z.infer<typeof ZDemandThemeTag>;

/** A demand as planners see it: never the author's identity, only the capacity they spoke in. */
export const ZDemand = z.object({
  id: ZUuid,
  planId: ZUuid,
  stageId: ZUuid.nullable(),
  sourceKind: z.enum(DEMAND_SOURCE_KINDS),
  sourceId: ZUuid.nullable(),
  sourceState: z.enum(DEMAND_SOURCE_STATES),
  meeting: z.string().nullable(),
  text: z.string(),
  capacity: z.string().nullable(),
  districtId: ZUuid.nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  occurredAt: z.string(),
  weight: z.number().int(),
  kind: z.enum(DEMAND_KINDS).nullable(),
  priority: z.number().int().nullable(),
  groupId: ZUuid.nullable(),
  themes: z.array(ZDemandThemeTag),
});
/** A demand as planners see it. */
export type TDemand = z.infer<typeof ZDemand>;

/** The demands table's query: a demand filter plus a keyset page. Strict (an unknown field is 400). */
export const ZDemandListQuery = ZDemandFilter.extend({
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** The demands table's query. */
export type TDemandListQuery = z.infer<typeof ZDemandListQuery>;

/** A page of demands. */
export const ZDemandPage = z.object({ items: z.array(ZDemand), nextCursor: z.string().nullable() });
/** A page of demands. */
export type TDemandPage = z.infer<typeof ZDemandPage>;

const ZLat = z.coerce.number().min(-90).max(90);
const ZLng = z.coerce.number().min(-180).max(180);

/** A demand written down by a planner from a meeting (manual entry). */
export const ZCreateDemand = z
  .strictObject({
    planId: ZUuid,
    stageId: ZUuid.nullish(),
    meeting: textLine({ min: 1, max: 200 }),
    text: textBlock({ min: 1, max: 5000 }),
    capacity: z.enum(DEMAND_CAPACITIES).nullish(),
    districtId: ZUuid.nullish(),
    lat: ZLat.nullish(),
    lng: ZLng.nullish(),
    /** The meeting's day (YYYY-MM-DD, Gregorian). */
    occurredOn: z.iso.date().nullish(),
    kind: z.enum(DEMAND_KINDS).nullish(),
    priority: z.number().int().min(1).max(3).nullish(),
    themeIds: z.array(ZUuid).max(20).optional(),
  })
  .refine((v) => (v.lat == null) === (v.lng == null), { path: ['lng'], message: 'required' });
/** A manual demand. */
export type TCreateDemand = z.infer<typeof ZCreateDemand>;
/** A manual demand as the form holds it. */
export type TCreateDemandInput = z.input<typeof ZCreateDemand>;

/** Tagging changes applied to one demand or to a selection: themes added/removed, kind and priority set (null clears). */
export const ZDemandTagChange = z.strictObject({
  addThemeIds: z.array(ZUuid).max(20).optional(),
  removeThemeIds: z.array(ZUuid).max(20).optional(),
  kind: z.enum(DEMAND_KINDS).nullable().optional(),
  priority: z.number().int().min(1).max(3).nullable().optional(),
});
/** Tagging changes. */
export type TDemandTagChange = z.infer<typeof ZDemandTagChange>;

/** The most demands one bulk tagging may change. */
export const MAX_BULK_TAG = 50_000;

/**
 * Bulk tagging: the changes applied to the demands a filter selects, or only to `demandIds` among
 * them (a selection in the table). All or nothing.
 */
export const ZBulkTagDemands = ZDemandTagChange.extend({
  filter: ZDemandFilter,
  demandIds: z.array(ZUuid).min(1).max(1000).optional(),
});
/** Bulk tagging. */
export type TBulkTagDemands = z.infer<typeof ZBulkTagDemands>;
/** Bulk tagging as sent. */
export type TBulkTagDemandsInput = z.input<typeof ZBulkTagDemands>;

/** How many demands a tagging changed. */
export const ZDemandTagResult = z.object({ changed: z.number().int() });
/** How many demands a tagging changed. */
export type TDemandTagResult = z.infer<typeof ZDemandTagResult>;

/** The dimensions a matrix crosses themes with. */
export const DEMAND_MATRIX_DIMENSIONS = ['capacity', 'district'] as const;
/** A matrix dimension. */
export type DemandMatrixDimension = (typeof DEMAND_MATRIX_DIMENSIONS)[number];

/** A matrix's query: the filter and the dimension. */
export const ZDemandMatrixQuery = ZDemandFilter.extend({ by: z.enum(DEMAND_MATRIX_DIMENSIONS) });
/** A matrix's query. */
export type TDemandMatrixQuery = z.infer<typeof ZDemandMatrixQuery>;

/** Theme × capacity or theme × district: counts of demands carrying the theme (a demand counts under each of its themes). */
export const ZDemandMatrix = z.object({
  by: z.enum(DEMAND_MATRIX_DIMENSIONS),
  themes: z.array(z.object({ id: ZUuid, name: ZLocalizedText, colour: z.string() })),
  /** Column keys: a capacity, or a district id; `none` for demands without one. */
  columns: z.array(z.object({ key: z.string(), name: ZLocalizedText.nullable() })),
  cells: z.array(z.object({ themeId: ZUuid, key: z.string(), count: z.number().int() })),
  /** Whether the maintained counts answered (else the demands were counted). */
  isMaintained: z.boolean(),
});
/** A matrix. */
export type TDemandMatrix = z.infer<typeof ZDemandMatrix>;

/** The most points the map sends. */
export const MAX_DEMAND_MAP_POINTS = 5_000;

/** Located demands of the filter, for the map. */
export const ZDemandMap = z.object({
  points: z.array(z.object({ id: ZUuid, lat: z.number(), lng: z.number(), text: z.string(), kind: z.enum(DEMAND_KINDS).nullable() })),
  truncated: z.boolean(),
});
/** Located demands. */
export type TDemandMap = z.infer<typeof ZDemandMap>;

/** Demands per day (the municipality's calendar), for the web to fold into Jalali months. */
export const ZDemandTrends = z.object({
  /** Jalali months `YYYY-MM` (e.g. 1404-07), oldest first, with their counts. */
  months: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
/** Trends. */
export type TDemandTrends = z.infer<typeof ZDemandTrends>;

/** Who was heard: counts by source, capacity and district, against population. */
export const ZDemandParticipation = z.object({
  demands: z.number().int(),
  /** Distinct signed-in authors (never who they are). */
  people: z.number().int(),
  /** Demands without a known author (meetings, anonymous surveys). */
  withoutAuthor: z.number().int(),
  bySource: z.array(z.object({ sourceKind: z.enum(DEMAND_SOURCE_KINDS), count: z.number().int() })),
  byCapacity: z.array(z.object({ capacity: z.string().nullable(), count: z.number().int() })),
  byDistrict: z.array(
    z.object({
      districtId: ZUuid.nullable(),
      name: ZLocalizedText.nullable(),
      count: z.number().int(),
      people: z.number().int(),
      population: z.number().int().nullable(),
      /** Demands per 10,000 inhabitants. */
      per10k: z.number().nullable(),
    }),
  ),
});
/** Participation figures. */
export type TDemandParticipation = z.infer<typeof ZDemandParticipation>;

/** A group of near-identical demands. */
export const ZDemandGroup = z.object({
  id: ZUuid,
  planId: ZUuid,
  name: z.string().nullable(),
  isFocusCandidate: z.boolean(),
  count: z.number().int(),
  samples: z.array(z.object({ id: ZUuid, text: z.string() })),
  createdAt: z.string(),
});
/** A group. */
export type TDemandGroup = z.infer<typeof ZDemandGroup>;

/** The groups of a plan. */
export const ZDemandGroupList = z.object({ items: z.array(ZDemandGroup) });
/** Groups. */
export type TDemandGroupList = z.infer<typeof ZDemandGroupList>;

/** Query naming a plan. */
export const ZDemandPlanQuery = z.strictObject({ planId: ZUuid });
/** Query naming a plan. */
export type TDemandPlanQuery = z.infer<typeof ZDemandPlanQuery>;

/** Suggested groups: near-identical ungrouped demands (trigram similarity, and distance when both are located). */
export const ZDemandGroupSuggestions = z.object({
  items: z.array(z.object({ demands: z.array(z.object({ id: ZUuid, text: z.string() })), similarity: z.number() })),
});
/** Suggested groups. */
export type TDemandGroupSuggestions = z.infer<typeof ZDemandGroupSuggestions>;

/** A new group from demands (they leave any group they were in). */
export const ZCreateDemandGroup = z.strictObject({
  planId: ZUuid,
  name: textLine({ min: 1, max: 200 }).nullish(),
  demandIds: z.array(ZUuid).min(1).max(1000),
});
/** A new group. */
export type TCreateDemandGroup = z.infer<typeof ZCreateDemandGroup>;

/** A group renamed or marked as a focus-point candidate. */
export const ZUpdateDemandGroup = z.strictObject({
  name: textLine({ min: 1, max: 200 }).nullable().optional(),
  isFocusCandidate: z.boolean().optional(),
});
/** A group update. */
export type TUpdateDemandGroup = z.infer<typeof ZUpdateDemandGroup>;

/** Merge a group into another. */
export const ZMergeDemandGroup = z.strictObject({ intoId: ZUuid });
/** Split demands out of a group into a new one. */
export const ZSplitDemandGroup = z.strictObject({ demandIds: z.array(ZUuid).min(1).max(1000), name: textLine({ min: 1, max: 200 }).nullish() });

/** The columns of a demand import file (the header row; `text` is required). */
export const DEMAND_IMPORT_COLUMNS = ['text', 'meeting', 'date', 'capacity', 'district', 'themes', 'kind', 'priority'] as const;

/** The import's query: the plan, and `dryRun=true` for a report without changes. */
export const ZDemandImportQuery = z.strictObject({
  planId: ZUuid,
  dryRun: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** The meeting of rows whose own `meeting` cell is empty. */
  meeting: textLine({ min: 1, max: 200 }).optional(),
});
/** The import's query. */
export type TDemandImportQuery = z.infer<typeof ZDemandImportQuery>;

/** A problem of an import file: row (1 is the header), column, reason. */
export const ZDemandImportProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  problem: z.enum(['missing_header', 'no_text', 'text_too_long', 'invalid_text', 'no_meeting', 'bad_date', 'unknown_capacity', 'unknown_district', 'unknown_theme', 'unknown_kind', 'bad_priority', 'too_many_rows', 'unreadable']),
});
/** An import problem. */
export type TDemandImportProblem = z.infer<typeof ZDemandImportProblem>;

/** The import's report: nothing is created unless every row is good (and not a dry run). */
export const ZDemandImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  problems: z.array(ZDemandImportProblem),
});
/** The import's report. */
export type TDemandImportReport = z.infer<typeof ZDemandImportReport>;
