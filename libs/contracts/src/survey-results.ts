import { z } from 'zod';
import { normalizeForSearch } from '@hamandishi/text';
import { ZUuid } from './common';
import { AGE_BANDS, GENDERS } from './identity';
import { textLine, textToken } from './text';

// Results of a survey for its planners: one aggregate per question (what its chart needs),
// cross-tabs by respondent group, the respondents against the population figures, and
// post-stratification weights that can be applied to every aggregate. Only submitted responses
// count; the group filters only see respondents who consented to share their demographics.

/** The capacities a response is counted under (the respondent's most specific role). */
export const SURVEY_CAPACITIES = ['manager', 'expert', 'ngo', 'planner', 'citizen'] as const;
/** A respondent's capacity. */
export type SurveyCapacity = (typeof SURVEY_CAPACITIES)[number];

/** The groupings of a cross-tab. */
export const SURVEY_CROSSTAB_GROUPINGS = ['capacity', 'district', 'age_band', 'gender'] as const;
/** A grouping of a cross-tab. */
export type SurveyCrosstabGrouping = (typeof SURVEY_CROSSTAB_GROUPINGS)[number];

/** Side of the map grid (cells per side) over the municipality's box. */
export const SURVEY_MAP_GRID = 40;
/** The most map points a results answer lists (the density grid counts them all). */
export const SURVEY_MAP_POINTS_CAP = 2000;

const ZFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The respondent-group filters shared by every results route. */
const filters = {
  /** Apply the post-stratification weights. */
  weighted: ZFlag.optional(),
  district: ZUuid.optional(),
  capacity: z.enum(SURVEY_CAPACITIES).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  gender: z.enum(GENDERS).optional(),
};

/** GET /api/orgs/:slug/surveys/:activityId/results?weighted=&district=&capacity=&ageBand=&gender= (planner). */
export const ZSurveyResultsQuery = z.strictObject(filters);
/** The results query (as sent). */
export type TSurveyResultsQuery = z.input<typeof ZSurveyResultsQuery>;
/** The results filters (as parsed). */
export type TSurveyResultsFilters = z.output<typeof ZSurveyResultsQuery>;

/** GET …/results/crosstab?question=&by= (planner), with the same filters. */
export const ZSurveyCrosstabQuery = z.strictObject({
  ...filters,
  question: textToken({ min: 1, max: 40 }),
  by: z.enum(SURVEY_CROSSTAB_GROUPINGS),
});
/** The cross-tab query (as sent). */
export type TSurveyCrosstabQuery = z.input<typeof ZSurveyCrosstabQuery>;

/** GET …/results/texts?question=&q=&cursor=&limit= (planner): open-text answers, Persian-normalised search. */
export const ZSurveyTextsQuery = z.strictObject({
  ...filters,
  question: textToken({ min: 1, max: 40 }),
  q: textLine({ max: 200 })
    .refine((q) => q === '' || normalizeForSearch(q).replace(/\s/g, '').length >= 2, { message: 'too_short' })
    .optional(),
  cursor: textToken({ max: 200 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** The texts query (as sent). */
export type TSurveyTextsQuery = z.input<typeof ZSurveyTextsQuery>;

/** A count (weighted or not) and its share of the question's respondents (0..1). */
const ZCount = z.object({ id: z.string(), count: z.number(), share: z.number() });

const ZDistribution = z.array(z.object({ value: z.number(), count: z.number(), share: z.number() }));

/** The box and the grid the map aggregates are counted on. */
export const ZSurveyGrid = z.object({
  minLat: z.number(),
  minLng: z.number(),
  maxLat: z.number(),
  maxLng: z.number(),
  size: z.number().int(),
});
/** The map grid. */
export type TSurveyGrid = z.infer<typeof ZSurveyGrid>;

/** Non-empty cells of a grid: `cell = row * size + column`, row 0 in the south, column 0 in the west. */
const ZCells = z.array(z.object({ cell: z.number().int(), count: z.number() }));

/** One question's aggregate, by type. `answered` counts (or weighs) the respondents who answered it. */
export const ZQuestionResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), questionId: z.string(), answered: z.number(), options: z.array(ZCount), other: z.number() }),
  z.object({ kind: z.literal('scale'), questionId: z.string(), answered: z.number(), mean: z.number().nullable(), distribution: ZDistribution }),
  z.object({
    kind: z.literal('ranking'),
    questionId: z.string(),
    answered: z.number(),
    /** Borda score: an option ranked r-th of k gets k − r + 1 points; the score is the mean per respondent. */
    options: z.array(z.object({ id: z.string(), borda: z.number(), meanRank: z.number().nullable(), ranked: z.number() })),
  }),
  z.object({
    kind: z.literal('matrix'),
    questionId: z.string(),
    answered: z.number(),
    cells: z.array(z.object({ row: z.string(), column: z.string(), count: z.number(), share: z.number() })),
  }),
  z.object({
    kind: z.literal('number'),
    questionId: z.string(),
    answered: z.number(),
    mean: z.number().nullable(),
    median: z.number().nullable(),
    q1: z.number().nullable(),
    q3: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** Equal-width bins from min to max. */
    bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  }),
  z.object({ kind: z.literal('date'), questionId: z.string(), answered: z.number(), months: z.array(z.object({ month: z.string(), count: z.number() })) }),
  z.object({ kind: z.literal('text'), questionId: z.string(), answered: z.number() }),
  z.object({
    kind: z.literal('map_point'),
    questionId: z.string(),
    answered: z.number(),
    /** At most SURVEY_MAP_POINTS_CAP points; `answered` says how many there are. */
    points: z.array(z.object({ lat: z.number(), lng: z.number() })),
    grid: ZCells,
  }),
  z.object({
    kind: z.literal('map_area'),
    questionId: z.string(),
    answered: z.number(),
    /** How many drawn areas cover each cell (weighted: their weights). */
    grid: ZCells,
  }),
  z.object({ kind: z.literal('file'), questionId: z.string(), answered: z.number() }),
]);
/** One question's aggregate. */
export type TQuestionResult = z.infer<typeof ZQuestionResult>;

/** GET …/results (planner). */
export const ZSurveyResults = z.object({
  /** Submitted responses matching the filters (not weighted). */
  respondents: z.number().int(),
  /** Whether the counts are post-stratification weighted. */
  weighted: z.boolean(),
  grid: ZSurveyGrid,
  questions: z.array(ZQuestionResult),
});
/** A survey's results. */
export type TSurveyResults = z.infer<typeof ZSurveyResults>;

/** GET …/results/crosstab (planner): counts per option × group, and each group's column shares. */
export const ZSurveyCrosstab = z.object({
  questionId: z.string(),
  by: z.enum(SURVEY_CROSSTAB_GROUPINGS),
  weighted: z.boolean(),
  /** The groups (district ids, capacities, bands, genders) that have respondents. */
  groups: z.array(z.object({ id: z.string(), respondents: z.number() })),
  /** Options (for a matrix `row:column`, for a scale the point). */
  rows: z.array(
    z.object({
      id: z.string(),
      /** By group id: count and share of the group's respondents to the question. */
      cells: z.record(z.string(), z.object({ count: z.number(), share: z.number() })),
    }),
  ),
});
/** A cross-tab. */
export type TSurveyCrosstab = z.infer<typeof ZSurveyCrosstab>;

/** One line of the representativeness table. */
const ZRepresentativenessLine = z.object({
  id: z.string(),
  respondents: z.number().int(),
  /** Share of the consenting respondents whose value of this dimension is known. */
  sampleShare: z.number(),
  /** Share of the population figures (null when no district has figures for this dimension). */
  populationShare: z.number().nullable(),
  /** sampleShare − populationShare. */
  difference: z.number().nullable(),
});

/** GET …/results/representativeness (planner). */
export const ZSurveyRepresentativeness = z.object({
  respondents: z.number().int(),
  /** Respondents who consented to share demographics. */
  consenting: z.number().int(),
  district: z.array(ZRepresentativenessLine),
  ageBand: z.array(ZRepresentativenessLine),
  gender: z.array(ZRepresentativenessLine),
  weights: z.object({
    /** Respondents who got a weight from a cell (the others count 1). */
    weightedRespondents: z.number().int(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** Respondents whose weight hit the cap. */
    capped: z.number().int(),
    /** Cells collapsed into their district × gender or district marginal for want of respondents. */
    collapsed: z.number().int(),
    cells: z.array(
      z.object({ districtId: z.string(), gender: z.string(), ageBand: z.string(), respondents: z.number().int(), weight: z.number() }),
    ),
  }),
});
/** The representativeness of a survey's respondents. */
export type TSurveyRepresentativeness = z.infer<typeof ZSurveyRepresentativeness>;

/** One open-text answer. */
export const ZSurveyTextAnswer = z.object({ responseId: ZUuid, text: z.string() });
/** A page of open-text answers. */
export const ZSurveyTextPage = z.object({ items: z.array(ZSurveyTextAnswer), total: z.number().int(), nextCursor: z.string().nullable() });
/** A page of open-text answers. */
export type TSurveyTextPage = z.infer<typeof ZSurveyTextPage>;
