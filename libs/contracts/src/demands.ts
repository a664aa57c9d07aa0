import { z } from 'zod';
import { ZUuid } from './common';
import { STAKEHOLDER_KINDS } from './stakeholders';
import { textLine } from './text';

/** Where a demand came from (the database checks the same list). */
export const DEMAND_SOURCE_KINDS = ['problem', 'comment', 'survey_answer', 'thinktank_statement', 'manual', 'import'] as const;
/** A demand's source kind. */
export type DemandSourceKind = (typeof DEMAND_SOURCE_KINDS)[number];

/** What a demand is (the database checks the same list). */
export const DEMAND_KINDS = ['problem', 'suggestion', 'praise', 'question'] as const;
/** A demand's kind. */
export type DemandKind = (typeof DEMAND_KINDS)[number];

/** A demand's priority: 1 high, 2 medium, 3 low. */
export const DEMAND_PRIORITIES = [1, 2, 3] as const;

/**
 * The author's capacity a demand records: the capacities people take part in (citizen, NGO,
 * expert, manager) or, for demands from a registered stakeholder or a meeting, a stakeholder kind.
 */
export const DEMAND_CAPACITIES = ['citizen', 'ngo', 'expert', 'manager', ...STAKEHOLDER_KINDS.filter((k) => k !== 'ngo')] as const;
/** A demand's author capacity. */
export type DemandCapacity = (typeof DEMAND_CAPACITIES)[number];

/** A comma-separated list in a query string ("a,b,c"), or the same key repeated, as an array of 1–50 items. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((part) => part !== '') : value),
    z.array(item).min(1).max(50),
  );
}

/**
 * What the demand views, matrices, map and exports filter on, as query-string fields. Strict: a
 * field that does not exist is refused (400), not ignored. Lists are any-of; fields are all-of.
 */
export const ZDemandFilter = z.strictObject({
  planId: ZUuid,
  stageIds: listOf(ZUuid).optional(),
  sourceKinds: listOf(z.enum(DEMAND_SOURCE_KINDS)).optional(),
  themeIds: listOf(ZUuid).optional(),
  /** `true`: only demands with no theme yet. */
  untagged: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  kinds: listOf(z.enum(DEMAND_KINDS)).optional(),
  priorities: listOf(z.coerce.number().int().min(1).max(3)).optional(),
  capacities: listOf(z.enum(DEMAND_CAPACITIES)).optional(),
  districtIds: listOf(ZUuid).optional(),
  groupId: ZUuid.optional(),
  /** `true`: only demands with a location; `false`: only those without. */
  located: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Inclusive dates (YYYY-MM-DD, Gregorian: the web converts from Jalali) on occurred_at in the municipality's time zone. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Persian-normalised full-text search. */
  q: textLine({ min: 1, max: 200 }).optional(),
});
/** A demand filter as parsed. */
export type TDemandFilter = z.infer<typeof ZDemandFilter>;
/** A demand filter as sent. */
export type TDemandFilterInput = z.input<typeof ZDemandFilter>;
