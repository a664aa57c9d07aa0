import { z } from 'zod';
import { ZLocalizedText, pageOf } from './common';

// The demands classifier (issue 13): themes suggested for untagged demands by a fastText model
// trained on the municipality's own tagged demands, and the planners' answers to them.

/** The states of a classifier model (the database checks the same list). */
export const DEMAND_CLASSIFIER_STATUSES = ['training', 'ready', 'too_little_data', 'failed', 'retired'] as const;
/** The state of a classifier model. */
export type DemandClassifierStatus = (typeof DEMAND_CLASSIFIER_STATUSES)[number];

/** A trained (or refused) model as the status card shows it. */
export const ZDemandClassifierModel = z.object({
  id: z.string(),
  status: z.enum(DEMAND_CLASSIFIER_STATUSES),
  /** Tagged demands the model learnt from (training and held-out together). */
  sampleCount: z.number().int(),
  /** Themes it learnt. */
  labelCount: z.number().int(),
  /** Macro-F1 on the held-out tagged demands, 0–1; null when it did not train. */
  macroF1: z.number().nullable(),
  heldOutCount: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
/** A classifier model as the status card shows it. */
export type TDemandClassifierModel = z.infer<typeof ZDemandClassifierModel>;

/** The classifier of a municipality: its current model, whether one is training, and the data it has. */
export const ZDemandClassifierState = z.object({
  /** The model that makes suggestions now, or the last attempt when none does; null before the first. */
  model: ZDemandClassifierModel.nullable(),
  /** A training is queued or under way. */
  isTraining: z.boolean(),
  /** Whether suggestions are made: false says "not enough tagged demands yet". */
  isEnoughData: z.boolean(),
  /** Tagged demands now, and how many themes have enough of them. */
  taggedDemands: z.number().int(),
  learnableThemes: z.number().int(),
  /** The thresholds below which the classifier does not guess. */
  minTaggedDemands: z.number().int(),
  minPerTheme: z.number().int(),
  minThemes: z.number().int(),
  openSuggestions: z.number().int(),
});
/** The classifier of a municipality. */
export type TDemandClassifierState = z.infer<typeof ZDemandClassifierState>;

/** The states of a suggestion. */
export const DEMAND_SUGGESTION_STATUSES = ['open', 'accepted', 'rejected'] as const;
/** The state of a suggestion. */
export type DemandSuggestionStatus = (typeof DEMAND_SUGGESTION_STATUSES)[number];

/** A suggested theme of a demand. */
export const ZDemandSuggestion = z.object({
  demandId: z.string(),
  themeId: z.string(),
  themeName: ZLocalizedText,
  themeColour: z.string(),
  /** The model's confidence, 0–1. */
  confidence: z.number(),
  status: z.enum(DEMAND_SUGGESTION_STATUSES),
  decidedAt: z.string().nullable(),
});
/** A suggested theme of a demand. */
export type TDemandSuggestion = z.infer<typeof ZDemandSuggestion>;

/** The open suggestions of one demand, most confident first. */
export const ZDemandSuggestionList = z.object({ items: z.array(ZDemandSuggestion) });
/** The open suggestions of one demand. */
export type TDemandSuggestionList = z.infer<typeof ZDemandSuggestionList>;

/** An untagged demand with its open suggestions (the suggestions page). */
export const ZSuggestedDemand = z.object({
  demandId: z.string(),
  text: z.string(),
  occurredAt: z.string(),
  suggestions: z.array(ZDemandSuggestion),
});
/** An untagged demand with its open suggestions. */
export type TSuggestedDemand = z.infer<typeof ZSuggestedDemand>;

/** A page of untagged demands with open suggestions, newest first. */
export const ZSuggestedDemandPage = pageOf(ZSuggestedDemand);
/** A page of untagged demands with open suggestions. */
export type TSuggestedDemandPage = z.infer<typeof ZSuggestedDemandPage>;

/** A planner's answer to suggestions. */
export const SUGGESTION_DECISIONS = ['accept', 'reject'] as const;
/** A planner's answer to a suggestion. */
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];

/** How many suggestions one bulk decision may answer. */
export const MAX_SUGGESTION_DECISIONS = 500;

/** Accepts or rejects several suggestions at once: all or none. */
export const ZDecideSuggestions = z.strictObject({
  decision: z.enum(SUGGESTION_DECISIONS),
  items: z
    .array(z.strictObject({ demandId: z.uuid(), themeId: z.uuid() }))
    .min(1)
    .max(MAX_SUGGESTION_DECISIONS),
});
/** The body of a bulk decision. */
export type TDecideSuggestions = z.input<typeof ZDecideSuggestions>;

/** What a decision changed. */
export const ZSuggestionDecisionResult = z.object({ decided: z.number().int() });
/** What a decision changed. */
export type TSuggestionDecisionResult = z.infer<typeof ZSuggestionDecisionResult>;
