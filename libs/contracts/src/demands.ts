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
