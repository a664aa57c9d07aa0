import { z } from 'zod';
import { ZUuid } from './common';
import { ZLatLng } from './problems';
import { textBlock, textLine, textToken } from './text';
import { ZDate, ZJalaliYear, PLAN_STATUSES } from './plans';
import { checkFormula, FORMULA_MAX_LENGTH, FORMULA_VARIABLE_NAME, type FormulaErrorCode, normalizeVariableName } from './strategy-formula';

// The plan's structure (issue 14): vision, mission, values; focus points; goals → outputs →
// indicators and projects → actions; portfolios; yearly budgets; approvals; revisions.

/** The levels of the structure, as the editor, the XLSX sheets and the revision diff name them. */
export const STRATEGY_LEVELS = ['focus_point', 'goal', 'output', 'indicator', 'portfolio', 'project', 'action'] as const;
/** A level of the structure. */
export type StrategyLevel = (typeof STRATEGY_LEVELS)[number];

/** Which way an indicator should move. */
export const INDICATOR_DIRECTIONS = ['increase', 'decrease', 'maintain'] as const;
/** Which way an indicator should move. */
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** A project's or action's execution status. */
export const PROJECT_STATUSES = ['planned', 'in_progress', 'completed', 'suspended', 'cancelled'] as const;
/** A project's or action's execution status. */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** What is recorded: the city council's approval, or the governorate's conformity check. */
export const APPROVAL_KINDS = ['council_approval', 'conformity_check'] as const;
/** A kind of approval record. */
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** The outcomes each kind of approval record may have. */
export const APPROVAL_OUTCOMES = {
  council_approval: ['approved', 'changes_requested', 'rejected'],
  conformity_check: ['conforming', 'changes_requested', 'non_conforming'],
} as const satisfies Record<ApprovalKind, readonly string[]>;
/** Every approval outcome. */
export const APPROVAL_OUTCOME_VALUES = ['approved', 'rejected', 'conforming', 'non_conforming', 'changes_requested'] as const;
/** An approval outcome. */
export type ApprovalOutcome = (typeof APPROVAL_OUTCOME_VALUES)[number];

/**
 * The plan statuses in which planners may edit the structure: while drafting, and during execution
 * (the rolling revision, frozen as versions). Under the council's review, after approval and the
 * conformity check, and once closed, the structure stands as approved.
 */
export const STRATEGY_EDITABLE_STATUSES = ['drafting', 'in_execution'] as const satisfies readonly (typeof PLAN_STATUSES)[number][];

/** A code that links rows across the XLSX sheets: letters, digits and . _ - / (e.g. `G1`, `O1.2`, `P-017`). */
export const ZStrategyCode = textToken({ min: 1, max: 40 }).regex(/^[\p{L}\p{N}._\-/]+$/u, 'invalid_format');

/**
 * An amount in integer rials, as a string of digits (a city's budget overflows a double's exact
 * integers). Persian and Arabic-Indic digits and thousands separators are accepted; a negative
 * amount is refused with its own code.
 */
export const ZRials = z
  .string()
  .overwrite((s) =>
    s
      .trim()
      .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
      .replace(/[,\u066c\u060c\s_]/g, '')
      .replace(/^\+/, '')
      .replace(/^0+(?=\d)/, ''),
  )
  .refine((s) => !/^[-\u2212]/.test(s), { message: 'negative_amount', abort: true })
  .regex(/^\d{1,18}$/, 'invalid_format');

const ZOptionalBlock = textBlock({ max: 5000 }).nullable().optional();
const ZOptionalLine = textLine({ max: 300 }).nullable().optional();

// ---- inputs --------------------------------------------------------------------------------

/** PUT …/strategy/statement: vision, mission and values. */
export const ZStrategyStatementInput = z.strictObject({
  vision: textBlock({ max: 5000 }),
  mission: textBlock({ max: 5000 }),
  values: z.array(textLine({ min: 1, max: 300 })).max(50),
});
/** Vision, mission and values. */
export type TStrategyStatementInput = z.input<typeof ZStrategyStatementInput>;

/** POST/PUT a focus point (optionally made from a demand group). */
export const ZFocusPointInput = z.strictObject({
  code: ZStrategyCode,
  title: textLine({ min: 1, max: 500 }),
  description: ZOptionalBlock,
  demandGroupId: ZUuid.nullable().optional(),
});
/** A focus point's fields. */
export type TFocusPointInput = z.input<typeof ZFocusPointInput>;

/** POST/PUT a strategic goal. */
export const ZGoalInput = z.strictObject({
  code: ZStrategyCode,
  title: textLine({ min: 1, max: 500 }),
  description: ZOptionalBlock,
});
/** A goal's fields. */
export type TGoalInput = z.input<typeof ZGoalInput>;

/** POST/PUT an effective output, under a goal. */
export const ZOutputInput = z.strictObject({
  goalId: ZUuid,
  code: ZStrategyCode,
  title: textLine({ min: 1, max: 500 }),
  description: ZOptionalBlock,
});
/** An output's fields. */
export type TOutputInput = z.input<typeof ZOutputInput>;

/** A named variable of an indicator's formula. */
export const ZIndicatorVariable = z.strictObject({
  name: textToken({ min: 1, max: 40 }).overwrite(normalizeVariableName).regex(FORMULA_VARIABLE_NAME, 'invalid_format'),
  label: textLine({ min: 1, max: 200 }),
  unit: textLine({ max: 50 }).nullable().optional(),
});
/** A variable of a formula. */
export type TIndicatorVariable = z.input<typeof ZIndicatorVariable>;

/** An indicator's target for one Jalali year (inside the plan's horizon, checked by the server). */
export const ZIndicatorTarget = z.strictObject({ year: ZJalaliYear, value: z.number().finite() });
/** A yearly target. */
export type TIndicatorTarget = z.infer<typeof ZIndicatorTarget>;

/**
 * The field code of a formula problem (`errors.field.<code>`): `formula_<code>`, except a division
 * by zero, whose `_zero` ending the catalogs would take for a plural form.
 */
export function formulaFieldCode(code: FormulaErrorCode): string {
  return code === 'division_by_zero' ? 'formula_zero_division' : `formula_${code}`;
}

/**
 * Adds the formula's problems to a schema's issues: its syntax, names it uses that are not declared,
 * a division by a constant zero (formulaFieldCode at `formula`), duplicate variable names.
 */
export function refineIndicatorFormula(
  value: { formula: string; variables: { name: string }[] },
  ctx: { addIssue: (issue: { code: 'custom'; message: string; path: (string | number)[] }) => void },
): void {
  const seen = new Set<string>();
  value.variables.forEach((v, i) => {
    if (seen.has(v.name)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: ['variables', i, 'name'] });
    seen.add(v.name);
  });
  const check = checkFormula(value.formula, value.variables.map((v) => v.name));
  if (!check.ok) ctx.addIssue({ code: 'custom', message: formulaFieldCode(check.code), path: ['formula'] });
}

/** POST/PUT an indicator, under an output: unit, direction, formula over its variables, baseline and targets. */
export const ZIndicatorInput = z
  .strictObject({
    outputId: ZUuid,
    code: ZStrategyCode,
    title: textLine({ min: 1, max: 500 }),
    unit: textLine({ min: 1, max: 50 }),
    direction: z.enum(INDICATOR_DIRECTIONS),
    formula: textToken({ min: 1, max: FORMULA_MAX_LENGTH }),
    variables: z.array(ZIndicatorVariable).max(20),
    dataSource: ZOptionalLine,
    responsibleUnit: ZOptionalLine,
    baselineYear: ZJalaliYear.nullable().optional(),
    baselineValue: z.number().finite().nullable().optional(),
    targets: z
      .array(ZIndicatorTarget)
      .max(40)
      .superRefine((targets, ctx) => {
        const years = new Set<number>();
        targets.forEach((t, i) => {
          if (years.has(t.year)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i, 'year'] });
          years.add(t.year);
        });
      }),
  })
  .superRefine(refineIndicatorFormula);
/** An indicator's fields. */
export type TIndicatorInput = z.input<typeof ZIndicatorInput>;

/** POST …/strategy/formula/check: the editor's live check of a formula against its variables. */
export const ZFormulaCheckInput = z.strictObject({
  formula: textToken({ max: FORMULA_MAX_LENGTH }),
  variables: z.array(textToken({ max: 40 })).max(20),
  values: z.record(textToken({ max: 40 }), z.number().finite()).optional(),
});

/** POST/PUT a portfolio. */
export const ZPortfolioInput = z.strictObject({
  code: ZStrategyCode,
  title: textLine({ min: 1, max: 500 }),
  description: ZOptionalBlock,
});
/** A portfolio's fields. */
export type TPortfolioInput = z.input<typeof ZPortfolioInput>;

/** POST/PUT a project, under an output. */
export const ZProjectInput = z
  .strictObject({
    outputId: ZUuid,
    portfolioId: ZUuid.nullable().optional(),
    committeeId: ZUuid.nullable().optional(),
    code: ZStrategyCode,
    title: textLine({ min: 1, max: 500 }),
    description: ZOptionalBlock,
    responsibleUnit: ZOptionalLine,
    districtIds: z.array(ZUuid).max(50).default([]),
    location: ZLatLng.nullable().optional(),
    startsOn: ZDate.nullable().optional(),
    endsOn: ZDate.nullable().optional(),
    totalCost: ZRials,
    fundingSources: z.array(textLine({ min: 1, max: 200 })).max(20).default([]),
    status: z.enum(PROJECT_STATUSES).default('planned'),
    progress: z.number().int().min(0).max(100).default(0),
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.endsOn >= p.startsOn, { message: 'invalid_value', path: ['endsOn'] });
/** A project's fields. */
export type TProjectInput = z.input<typeof ZProjectInput>;

/** POST/PUT an action, under a project. */
export const ZActionInput = z
  .strictObject({
    projectId: ZUuid,
    code: ZStrategyCode,
    title: textLine({ min: 1, max: 500 }),
    responsibleUnit: ZOptionalLine,
    startsOn: ZDate.nullable().optional(),
    endsOn: ZDate.nullable().optional(),
    status: z.enum(PROJECT_STATUSES).default('planned'),
    progress: z.number().int().min(0).max(100).default(0),
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.endsOn >= p.startsOn, { message: 'invalid_value', path: ['endsOn'] });
/** An action's fields. */
export type TActionInput = z.input<typeof ZActionInput>;

/** POST …/strategy/:level/reorder: the new order of siblings (all children of one parent). */
export const ZStrategyReorder = z.strictObject({ ids: z.array(ZUuid).min(1).max(500) });

/** POST …/strategy/:level/:id/archive */
export const ZStrategyArchive = z.strictObject({ archived: z.boolean() });

/** One yearly allocation (integer rials) from one funding source. */
export const ZBudgetLine = z.strictObject({
  year: ZJalaliYear,
  fundingSource: textLine({ max: 200 }).default(''),
  amount: ZRials,
});
/** One yearly allocation. */
export type TBudgetLine = z.input<typeof ZBudgetLine>;

/** PUT …/strategy/projects/:id/budget or …/portfolios/:id/budget: replaces the owner's allocations. */
export const ZSetBudget = z.strictObject({
  allocations: z
    .array(ZBudgetLine)
    .max(200)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        const key = `${l.year}\u0000${l.fundingSource}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i, 'fundingSource'] });
        seen.add(key);
      });
    }),
});
/** Replace an owner's allocations. */
export type TSetBudget = z.input<typeof ZSetBudget>;

/** GET …/strategy/budget?year= */
export const ZBudgetQuery = z.strictObject({ year: z.coerce.number().int().min(1300).max(1500) });

/** POST …/strategy/approvals: the council's approval or the conformity check, with date and document. */
export const ZApprovalInput = z
  .strictObject({
    kind: z.enum(APPROVAL_KINDS),
    outcome: z.enum(APPROVAL_OUTCOME_VALUES),
    decidedOn: ZDate,
    reference: textLine({ max: 200 }).nullable().optional(),
    note: textBlock({ max: 5000 }).nullable().optional(),
    attachmentId: ZUuid.nullable().optional(),
  })
  .refine((a) => (APPROVAL_OUTCOMES[a.kind] as readonly string[]).includes(a.outcome), { message: 'invalid_value', path: ['outcome'] });
/** Record an approval. */
export type TApprovalInput = z.input<typeof ZApprovalInput>;

/** POST …/strategy/versions: freeze the structure as a version (the annual revision). */
export const ZCreateStrategyVersion = z.strictObject({
  year: ZJalaliYear,
  label: textLine({ min: 1, max: 200 }),
  note: textBlock({ max: 5000 }).nullable().optional(),
});
/** Freeze a version. */
export type TCreateStrategyVersion = z.input<typeof ZCreateStrategyVersion>;

// ---- outputs -------------------------------------------------------------------------------

/** A focus point in the editor. */
export type TFocusPoint = {
  id: string;
  code: string;
  title: string;
  description: string | null;
  demandGroupId: string | null;
  position: number;
  archived: boolean;
};
/** A goal in the editor. */
export type TGoal = { id: string; code: string; title: string; description: string | null; position: number; archived: boolean };
/** An output in the editor. */
export type TOutput = TGoal & { goalId: string };
/** An indicator in the editor. */
export type TIndicator = {
  id: string;
  outputId: string;
  code: string;
  title: string;
  unit: string;
  direction: IndicatorDirection;
  formula: string;
  variables: { name: string; label: string; unit: string | null }[];
  dataSource: string | null;
  responsibleUnit: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  targets: TIndicatorTarget[];
  position: number;
  archived: boolean;
};
/** A portfolio in the editor. */
export type TPortfolio = TGoal;
/** A project in the editor; amounts are integer rials as digit strings. */
export type TProject = {
  id: string;
  outputId: string;
  portfolioId: string | null;
  committeeId: string | null;
  code: string;
  title: string;
  description: string | null;
  responsibleUnit: string | null;
  districtIds: string[];
  location: { lat: number; lng: number } | null;
  startsOn: string | null;
  endsOn: string | null;
  totalCost: string;
  fundingSources: string[];
  status: ProjectStatus;
  progress: number;
  position: number;
  archived: boolean;
};
/** An action in the editor. */
export type TAction = {
  id: string;
  projectId: string;
  code: string;
  title: string;
  responsibleUnit: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: ProjectStatus;
  progress: number;
  position: number;
  archived: boolean;
};
/** One allocation as stored: of a project or a portfolio. */
export type TBudgetAllocation = {
  id: string;
  projectId: string | null;
  portfolioId: string | null;
  year: number;
  fundingSource: string;
  amount: string;
};
/** An approval record. */
export type TApproval = {
  id: string;
  kind: ApprovalKind;
  outcome: ApprovalOutcome;
  decidedOn: string;
  reference: string | null;
  note: string | null;
  attachment: { id: string; filename: string; url: string } | null;
  versionId: string | null;
  recordedBy: { id: string; displayName: string } | null;
  createdAt: string;
};
/** A frozen version of the structure. */
export type TStrategyVersion = {
  id: string;
  number: number;
  year: number;
  label: string;
  note: string | null;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
};

/** The structure's content without the plan's context: what a version freezes and what an import reads. */
export type TStrategyContent = {
  statement: { vision: string; mission: string; values: string[] };
  focusPoints: TFocusPoint[];
  goals: TGoal[];
  outputs: TOutput[];
  indicators: TIndicator[];
  portfolios: TPortfolio[];
  projects: TProject[];
  actions: TAction[];
  budget: TBudgetAllocation[];
};

/** GET …/plans/:planId/strategy: the whole structure in one request, with what the editor needs. */
export type TStrategyStructure = TStrategyContent & {
  plan: {
    id: string;
    status: (typeof PLAN_STATUSES)[number];
    title: { fa: string; ar?: string; en?: string };
    strategicHorizon: { from: number; to: number };
    operationalHorizon: { from: number; to: number };
  };
  /** Whether the plan's status lets planners edit the structure. */
  isEditable: boolean;
  committees: { id: string; name: { fa: string; ar?: string; en?: string } }[];
  districts: { id: string; number: number; name: { fa: string; ar?: string; en?: string } }[];
  approvals: TApproval[];
  versions: TStrategyVersion[];
};

/** The result of the editor's live formula check. */
export type TFormulaCheckResult =
  | { ok: true; variables: string[]; value: number | null }
  | { ok: false; code: string; position: number; variable?: string };

/** One slice of the annual budget (a goal, a committee, a district or a funding source). */
export type TBudgetSlice = { key: string | null; code: string | null; label: string | null; amount: string };
/** GET …/strategy/budget?year=: the year's slice of the plan; each list sums to `total`. */
export type TBudgetView = {
  year: number;
  total: string;
  byGoal: TBudgetSlice[];
  byCommittee: TBudgetSlice[];
  byDistrict: TBudgetSlice[];
  byFundingSource: TBudgetSlice[];
  byPortfolio: TBudgetSlice[];
};

/** A problem in an imported workbook, pointing at the sheet, row (1-based, as Excel shows it) and column. */
export type TImportIssue = { sheet: string; row: number | null; column: string | null; code: string; value?: string };
/** One row's change in an import or between two versions. */
export type TStructureChange = {
  level: StrategyLevel | 'statement' | 'budget' | 'target';
  kind: 'added' | 'changed' | 'removed';
  code: string;
  title: string | null;
  /** Changed fields, with the value before and after. */
  fields: { field: string; before: unknown; after: unknown }[];
};
/** POST …/strategy/import?mode=preview|apply: the validation report, or the diff that is (or was) applied. */
export type TStrategyImportResult = {
  ok: boolean;
  applied: boolean;
  /** Identifies the file and the structure it was compared with; apply needs the preview's. */
  fingerprint: string;
  issues: TImportIssue[];
  changes: TStructureChange[];
  counts: { added: number; changed: number; removed: number };
};
/** GET …/strategy/versions/compare?from=&to=: the changes from one version (or `current`) to another. */
export type TStrategyComparison = {
  from: { id: string | null; label: string };
  to: { id: string | null; label: string };
  changes: TStructureChange[];
};
