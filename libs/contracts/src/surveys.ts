import { z } from 'zod';
import { fromJalali, isValidJalali, toAsciiDigits } from '@hamandishi/text';
import { isObjectPayload, type Locale, ZUuid } from './common';
import { ZRole } from './identity';
import { SURVEY_ANSWER_ISSUES, SURVEY_DEFINITION_PROBLEMS } from './errors';
import { textBlock, textLine, textToken, textVerbatim } from './text';

// The survey definition is data: a planner builds it in the web, the server stores it as jsonb,
// and `buildResponseSchema` turns it into the zod schema of a response. The same function runs in
// the respondent's form (zodResolver) and on the server, so every rule of an answer is written once.
//
// Shapes are kept permissive where a half-built survey must still be storable in the builder's
// state (an empty options list, min > max): `validateDefinition` reports those as problems that
// name the question, and the server refuses to save a definition that has any.

// ---- texts and ids ---------------------------------------------------------------------------

/** A question's, section's or option's text: Persian required, Arabic and English optional. */
export const ZSurveyText = z.strictObject({
  fa: textLine({ min: 1, max: 500 }),
  ar: textLine({ max: 500, keepArabicLetters: true }).optional(),
  en: textLine({ max: 500 }).optional(),
});
/** A short localized text of a survey. */
export type TSurveyText = z.infer<typeof ZSurveyText>;

/** A longer localized text (a section's introduction, a question's help). */
export const ZSurveyLongText = z.strictObject({
  fa: textBlock({ min: 1, max: 3000 }),
  ar: textBlock({ max: 3000, keepArabicLetters: true }).optional(),
  en: textBlock({ max: 3000 }).optional(),
});
/** A longer localized text of a survey. */
export type TSurveyLongText = z.infer<typeof ZSurveyLongText>;

/**
 * A short stable id of a question, section, option, row or column (`q1`, `age_group`): a letter,
 * then letters, digits, `_` or `-`, at most 40. Answers and conditions refer to it, so wording
 * changes never change it.
 */
export const ZSurveyId = textToken({ min: 1, max: 40 }).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'invalid_format');

/** The choice id of the "other" option of a choice question (ids start with a letter, so it cannot clash). */
export const OTHER_CHOICE = '_other';

/** One option of a choice, ranking question, or one row/column of a matrix. */
export const ZSurveyOption = z.strictObject({ id: ZSurveyId, label: ZSurveyText });
/** An option, a row or a column. */
export type TSurveyOption = z.infer<typeof ZSurveyOption>;

// ---- conditions ------------------------------------------------------------------------------

/** The operators of a condition rule. */
export const SURVEY_CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'includes',
  'answered',
  'not_answered',
  'gt',
  'lt',
  'rank_at_most',
  'matrix_equals',
] as const;
/** An operator of a condition rule. */
export type SurveyConditionOperator = (typeof SURVEY_CONDITION_OPERATORS)[number];

const ZRuleValue = z.union([z.number(), textLine({ max: 500 })]);

/**
 * One rule of a condition, about the answer to an EARLIER question:
 * - `equals` / `not_equals`: the single choice's option id, or the number / rating / Likert point
 *   / date / text; `not_equals` is also true when the question is unanswered.
 * - `includes`: a multiple choice's answer includes the option id.
 * - `answered` / `not_answered`.
 * - `gt` / `lt`: number, rating or Likert answer greater / less than `value`.
 * - `rank_at_most`: the ranking puts `option` at position `rank` or better (1 = first).
 * - `matrix_equals`: the matrix row `row` is answered with `column` (for a multiple matrix: includes it).
 */
export const ZSurveyRule = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('equals'), question: ZSurveyId, value: ZRuleValue }),
  z.strictObject({ op: z.literal('not_equals'), question: ZSurveyId, value: ZRuleValue }),
  z.strictObject({ op: z.literal('includes'), question: ZSurveyId, value: ZSurveyId }),
  z.strictObject({ op: z.literal('answered'), question: ZSurveyId }),
  z.strictObject({ op: z.literal('not_answered'), question: ZSurveyId }),
  z.strictObject({ op: z.literal('gt'), question: ZSurveyId, value: z.number() }),
  z.strictObject({ op: z.literal('lt'), question: ZSurveyId, value: z.number() }),
  z.strictObject({ op: z.literal('rank_at_most'), question: ZSurveyId, option: ZSurveyId, rank: z.number().int().min(1).max(100) }),
  z.strictObject({ op: z.literal('matrix_equals'), question: ZSurveyId, row: ZSurveyId, column: ZSurveyId }),
]);
/** One rule of a condition. */
export type TSurveyRule = z.infer<typeof ZSurveyRule>;

/** Show a question or section when all (or any) of the rules hold. */
export const ZSurveyCondition = z.strictObject({
  combine: z.enum(['all', 'any']),
  rules: z.array(ZSurveyRule).min(1).max(20),
});
/** A display condition (`showIf`). */
export type TSurveyCondition = z.infer<typeof ZSurveyCondition>;

// ---- questions -------------------------------------------------------------------------------

/** The question types. */
export const SURVEY_QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'short_text',
  'long_text',
  'number',
  'likert',
  'rating',
  'ranking',
  'matrix_single',
  'matrix_multiple',
  'date',
  'map_point',
  'map_area',
  'file',
] as const;
/** A question type. */
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

/** Question types whose answer is free text (the inputs of the demands hub). */
export const SURVEY_OPEN_TEXT_TYPES: readonly SurveyQuestionType[] = ['short_text', 'long_text'];

/** The longest answer to a short text question. */
export const SHORT_TEXT_MAX = 500;
/** The longest answer to a long text question. */
export const LONG_TEXT_MAX = 10_000;
/** The most vertices of a drawn area. */
export const MAP_AREA_MAX_POINTS = 500;

const ZOptions = z.array(ZSurveyOption).max(100);
const ZDateBound = z.iso.date();

const base = {
  id: ZSurveyId,
  title: ZSurveyText,
  help: ZSurveyLongText.optional(),
  required: z.boolean().optional(),
  showIf: ZSurveyCondition.optional(),
};

/** A question of a survey, by type. */
export const ZSurveyQuestion = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('single_choice'), options: ZOptions, allowOther: z.boolean().optional(), randomizeOptions: z.boolean().optional() }),
  z.strictObject({
    ...base,
    type: z.literal('multiple_choice'),
    options: ZOptions,
    allowOther: z.boolean().optional(),
    randomizeOptions: z.boolean().optional(),
    minChoices: z.number().int().min(0).max(100).optional(),
    maxChoices: z.number().int().min(1).max(100).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('short_text'), maxLength: z.number().int().min(1).max(SHORT_TEXT_MAX).optional() }),
  z.strictObject({ ...base, type: z.literal('long_text'), maxLength: z.number().int().min(1).max(LONG_TEXT_MAX).optional() }),
  z.strictObject({
    ...base,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    unit: ZSurveyText.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('likert'),
    points: z.union([z.literal(5), z.literal(7)]),
    /** One label per point, from 1 (e.g. "strongly disagree") to `points`; omitted: the web's defaults. */
    labels: z.array(ZSurveyText).max(7).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('rating'), max: z.number().int().min(2).max(10) }),
  z.strictObject({
    ...base,
    type: z.literal('ranking'),
    options: ZOptions,
    /** Rank only the best `topK` options; omitted: rank all of them. */
    topK: z.number().int().min(1).max(100).optional(),
    randomizeOptions: z.boolean().optional(),
  }),
  z.strictObject({ ...base, type: z.literal('matrix_single'), rows: ZOptions, columns: ZOptions, randomizeOptions: z.boolean().optional() }),
  z.strictObject({ ...base, type: z.literal('matrix_multiple'), rows: ZOptions, columns: ZOptions, randomizeOptions: z.boolean().optional() }),
  z.strictObject({ ...base, type: z.literal('date'), min: ZDateBound.optional(), max: ZDateBound.optional() }),
  z.strictObject({ ...base, type: z.literal('map_point') }),
  z.strictObject({ ...base, type: z.literal('map_area') }),
  z.strictObject({ ...base, type: z.literal('file') }),
]);
/** A question of a survey. */
export type TSurveyQuestion = z.infer<typeof ZSurveyQuestion>;
/** A question of one type. */
export type TSurveyQuestionOf<T extends SurveyQuestionType> = Extract<TSurveyQuestion, { type: T }>;

/** A section: an ordered list of questions, optionally starting a new page, optionally conditional. */
export const ZSurveySection = z.strictObject({
  id: ZSurveyId,
  title: ZSurveyText.optional(),
  description: ZSurveyLongText.optional(),
  /** Starts a new page of the respondent's form (the first section always does). */
  newPage: z.boolean().optional(),
  showIf: ZSurveyCondition.optional(),
  questions: z.array(ZSurveyQuestion).max(200),
});
/** A section of a survey. */
export type TSurveySection = z.infer<typeof ZSurveySection>;

/** The whole questionnaire, as stored in `survey.definition`. */
export const ZSurveyDefinition = z.strictObject({ sections: z.array(ZSurveySection).max(50) });
/** A survey definition. */
export type TSurveyDefinition = z.infer<typeof ZSurveyDefinition>;

/** An empty definition (a new survey activity starts with it). */
export const EMPTY_SURVEY_DEFINITION: TSurveyDefinition = { sections: [] };

/** Every question in order, with the section it belongs to. */
export function surveyQuestions(def: TSurveyDefinition): { section: TSurveySection; question: TSurveyQuestion; index: number }[] {
  const out: { section: TSurveySection; question: TSurveyQuestion; index: number }[] = [];
  for (const section of def.sections) for (const question of section.questions) out.push({ section, question, index: out.length });
  return out;
}

// ---- validating a definition -----------------------------------------------------------------

/** A kind of definition problem. */
export type SurveyDefinitionProblemCode = (typeof SURVEY_DEFINITION_PROBLEMS)[number];

/** One problem of a definition: names the question (or section) and where in it. */
export type TSurveyDefinitionProblem = {
  code: SurveyDefinitionProblemCode;
  /** The question concerned, or null for a section-level or survey-level problem. */
  questionId: string | null;
  /** The section concerned (null only for `no_questions`). */
  sectionId: string | null;
  /** Path inside the definition (`sections.0.questions.2.options`). */
  path: (string | number)[];
  /** The other id involved (the duplicated id, the referred question...). */
  ref?: string;
};

/** Which operators apply to which question types. */
const OPERATORS_BY_TYPE: Record<SurveyQuestionType, readonly SurveyConditionOperator[]> = {
  single_choice: ['equals', 'not_equals', 'answered', 'not_answered'],
  multiple_choice: ['includes', 'answered', 'not_answered'],
  short_text: ['equals', 'not_equals', 'answered', 'not_answered'],
  long_text: ['answered', 'not_answered'],
  number: ['equals', 'not_equals', 'gt', 'lt', 'answered', 'not_answered'],
  likert: ['equals', 'not_equals', 'gt', 'lt', 'answered', 'not_answered'],
  rating: ['equals', 'not_equals', 'gt', 'lt', 'answered', 'not_answered'],
  ranking: ['rank_at_most', 'answered', 'not_answered'],
  matrix_single: ['matrix_equals', 'answered', 'not_answered'],
  matrix_multiple: ['matrix_equals', 'answered', 'not_answered'],
  date: ['equals', 'not_equals', 'answered', 'not_answered'],
  map_point: ['answered', 'not_answered'],
  map_area: ['answered', 'not_answered'],
  file: ['answered', 'not_answered'],
};

/** The operators a condition may use on a question of this type (for the builder's menus). */
export function operatorsFor(type: SurveyQuestionType): readonly SurveyConditionOperator[] {
  return OPERATORS_BY_TYPE[type];
}

const hasFa = (t: { fa?: string } | undefined) => !!t && typeof t.fa === 'string' && t.fa.trim().length > 0;

/**
 * Everything wrong with a definition, each problem naming its question: duplicate ids, missing
 * options, min > max, missing Persian text, and conditions that refer to an unknown or later
 * question, form a cycle, use an operator the question's type has not, or name an unknown option.
 * An empty list means the definition can be saved.
 */
export function validateDefinition(def: TSurveyDefinition): TSurveyDefinitionProblem[] {
  const problems: TSurveyDefinitionProblem[] = [];
  const all = surveyQuestions(def);
  if (all.length === 0) problems.push({ code: 'no_questions', questionId: null, sectionId: null, path: ['sections'] });

  const position = new Map<string, number>();
  const byId = new Map<string, TSurveyQuestion>();
  const sectionIds = new Set<string>();

  def.sections.forEach((section, s) => {
    const sectionPath = ['sections', s];
    if (sectionIds.has(section.id) || byId.has(section.id)) {
      problems.push({ code: 'duplicate_id', questionId: null, sectionId: section.id, path: [...sectionPath, 'id'], ref: section.id });
    }
    sectionIds.add(section.id);
    if (section.questions.length === 0) problems.push({ code: 'section_empty', questionId: null, sectionId: section.id, path: sectionPath });
    if (section.title && !hasFa(section.title)) problems.push({ code: 'missing_fa_text', questionId: null, sectionId: section.id, path: [...sectionPath, 'title'] });
  });

  let index = 0;
  def.sections.forEach((section, s) => {
    section.questions.forEach((q, i) => {
      const path = ['sections', s, 'questions', i];
      const at = (code: SurveyDefinitionProblemCode, sub: (string | number)[] = [], ref?: string) =>
        problems.push({ code, questionId: q.id, sectionId: section.id, path: [...path, ...sub], ...(ref !== undefined ? { ref } : {}) });
      if (byId.has(q.id) || sectionIds.has(q.id)) at('duplicate_id', ['id'], q.id);
      else {
        byId.set(q.id, q);
        position.set(q.id, index);
      }
      index++;
      if (!hasFa(q.title)) at('missing_fa_text', ['title']);
      checkQuestion(q, at);
    });
  });

  // Conditions: every rule must name an earlier question (for a section: one before the section).
  const firstIndexOfSection: number[] = [];
  {
    let n = 0;
    for (const section of def.sections) {
      firstIndexOfSection.push(n);
      n += section.questions.length;
    }
  }
  const edges = new Map<string, string[]>();
  const checkCondition = (
    cond: TSurveyCondition | undefined,
    ownerIndex: number,
    owner: { questionId: string | null; sectionId: string },
    path: (string | number)[],
    edgeFrom: string,
  ) => {
    if (!cond) return;
    cond.rules.forEach((rule, r) => {
      const rulePath = [...path, 'showIf', 'rules', r];
      const push = (code: SurveyDefinitionProblemCode, ref?: string) =>
        problems.push({ code, ...owner, path: rulePath, ...(ref !== undefined ? { ref } : {}) });
      const target = byId.get(rule.question);
      if (!target) return push('condition_unknown_question', rule.question);
      const list = edges.get(edgeFrom) ?? [];
      list.push(rule.question);
      edges.set(edgeFrom, list);
      if ((position.get(rule.question) ?? 0) >= ownerIndex) push('condition_forward_reference', rule.question);
      if (!OPERATORS_BY_TYPE[target.type].includes(rule.op)) return push('condition_operator_mismatch', rule.question);
      const optionIds = (list2?: TSurveyOption[]) => new Set((list2 ?? []).map((o) => o.id));
      if (target.type === 'single_choice' && (rule.op === 'equals' || rule.op === 'not_equals')) {
        const ids = optionIds(target.options);
        if (target.allowOther) ids.add(OTHER_CHOICE);
        if (typeof rule.value !== 'string' || !ids.has(rule.value)) push('condition_unknown_option', String(rule.value));
      }
      if (target.type === 'multiple_choice' && rule.op === 'includes') {
        const ids = optionIds(target.options);
        if (target.allowOther) ids.add(OTHER_CHOICE);
        if (!ids.has(rule.value)) push('condition_unknown_option', rule.value);
      }
      if (target.type === 'ranking' && rule.op === 'rank_at_most' && !optionIds(target.options).has(rule.option)) {
        push('condition_unknown_option', rule.option);
      }
      if ((target.type === 'matrix_single' || target.type === 'matrix_multiple') && rule.op === 'matrix_equals') {
        if (!optionIds(target.rows).has(rule.row)) push('condition_unknown_option', rule.row);
        else if (!optionIds(target.columns).has(rule.column)) push('condition_unknown_option', rule.column);
      }
      if (['number', 'likert', 'rating'].includes(target.type) && (rule.op === 'equals' || rule.op === 'not_equals') && typeof rule.value !== 'number') {
        push('condition_operator_mismatch', rule.question);
      }
    });
  };
  def.sections.forEach((section, s) => {
    checkCondition(section.showIf, firstIndexOfSection[s], { questionId: null, sectionId: section.id }, ['sections', s], `section:${section.id}`);
    section.questions.forEach((q, i) => {
      const own = position.get(q.id);
      if (own === undefined) return; // a duplicate, already reported
      checkCondition(q.showIf, own, { questionId: q.id, sectionId: section.id }, ['sections', s, 'questions', i], q.id);
      // A question also depends on its section's condition.
      if (section.showIf) edges.set(q.id, [...(edges.get(q.id) ?? []), `section:${section.id}`]);
    });
  });

  // Cycles (only possible through forward references, but named separately: they can never show).
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (node: string, stack: string[]) => {
    state.set(node, 1);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        for (const member of cycle) {
          if (member.startsWith('section:') || reported.has(member)) continue;
          reported.add(member);
          const where = locate(def, member);
          problems.push({ code: 'condition_cycle', questionId: member, sectionId: where?.sectionId ?? null, path: where?.path ?? [], ref: next });
        }
      } else if (!state.has(next)) visit(next, [...stack, next]);
    }
    state.set(node, 2);
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node, [node]);

  return problems;
}

function locate(def: TSurveyDefinition, questionId: string): { sectionId: string; path: (string | number)[] } | null {
  for (let s = 0; s < def.sections.length; s++) {
    const i = def.sections[s].questions.findIndex((q) => q.id === questionId);
    if (i >= 0) return { sectionId: def.sections[s].id, path: ['sections', s, 'questions', i] };
  }
  return null;
}

function checkQuestion(q: TSurveyQuestion, at: (code: SurveyDefinitionProblemCode, sub?: (string | number)[], ref?: string) => void) {
  const checkOptions = (list: TSurveyOption[], key: string, missing: SurveyDefinitionProblemCode, fewest: number) => {
    if (list.length < fewest) at(missing, [key]);
    const seen = new Set<string>();
    list.forEach((o, k) => {
      if (seen.has(o.id)) at('duplicate_id', [key, k, 'id'], o.id);
      seen.add(o.id);
      if (!hasFa(o.label)) at('missing_fa_text', [key, k, 'label']);
    });
  };
  switch (q.type) {
    case 'single_choice':
      checkOptions(q.options, 'options', 'options_missing', 2);
      break;
    case 'multiple_choice': {
      checkOptions(q.options, 'options', 'options_missing', 2);
      const count = q.options.length + (q.allowOther ? 1 : 0);
      if (q.minChoices !== undefined && q.maxChoices !== undefined && q.minChoices > q.maxChoices) at('min_greater_than_max', ['minChoices']);
      else if ((q.maxChoices ?? 0) > count || (q.minChoices ?? 0) > count) at('choices_exceed_options', [q.maxChoices !== undefined ? 'maxChoices' : 'minChoices']);
      break;
    }
    case 'ranking':
      checkOptions(q.options, 'options', 'options_missing', 2);
      if (q.topK !== undefined && q.topK > q.options.length) at('top_k_exceeds_options', ['topK']);
      break;
    case 'matrix_single':
    case 'matrix_multiple':
      checkOptions(q.rows, 'rows', 'rows_missing', 1);
      checkOptions(q.columns, 'columns', 'columns_missing', 2);
      break;
    case 'number':
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) at('min_greater_than_max', ['min']);
      break;
    case 'date':
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) at('min_greater_than_max', ['min']);
      break;
    case 'likert':
      if (q.labels && q.labels.length !== q.points) at('likert_labels_count', ['labels']);
      q.labels?.forEach((l, k) => {
        if (!hasFa(l)) at('missing_fa_text', ['labels', k]);
      });
      break;
    default:
      break;
  }
}

// ---- structure vs wording --------------------------------------------------------------------

const TEXT_KEYS = new Set(['title', 'help', 'description', 'label', 'unit']);

/**
 * The definition without its wording (titles, help, labels, units; the text values of
 * conditions stay): two definitions with the same structure accept the same answers. After a
 * survey is frozen by its first response, only changes that keep the structure are allowed.
 */
export function surveyStructure(def: TSurveyDefinition): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        if (TEXT_KEYS.has(key) || key === 'labels') continue;
        out[key] = strip((value as Record<string, unknown>)[key]);
      }
      return out;
    }
    return value;
  };
  return strip(def);
}

/** True when `after` changes only the wording of `before` (the change a frozen survey accepts). */
export function isWordingChangeOnly(before: TSurveyDefinition, after: TSurveyDefinition): boolean {
  const a = surveyStructure(before) as { sections: { questions: { labels?: unknown }[] }[] };
  const b = surveyStructure(after);
  // Likert labels are wording, but their count is structure: compare with the counts put back.
  const count = (def: TSurveyDefinition) => surveyQuestions(def).map(({ question }) => (question.type === 'likert' ? (question.labels?.length ?? 0) : 0));
  return JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(count(before)) === JSON.stringify(count(after));
}

// ---- translations ----------------------------------------------------------------------------

/** One text of a definition that lacks a translation. */
export type TMissingTranslation = {
  locale: 'ar' | 'en';
  sectionId: string;
  /** Null for the section's own title or description. */
  questionId: string | null;
  /** `title`, `help`, `description`, `unit`, `options.<id>`, `rows.<id>`, `columns.<id>`, `labels.<n>`. */
  field: string;
};

/** Which texts of a definition lack their Arabic or English version. */
export function completenessOfTranslations(def: TSurveyDefinition): {
  textCount: number;
  missing: TMissingTranslation[];
  complete: { ar: boolean; en: boolean };
} {
  let textCount = 0;
  const missing: TMissingTranslation[] = [];
  const check = (text: { ar?: string; en?: string } | undefined, sectionId: string, questionId: string | null, field: string) => {
    if (!text) return;
    textCount++;
    for (const locale of ['ar', 'en'] as const) {
      if (!text[locale] || !text[locale]!.trim()) missing.push({ locale, sectionId, questionId, field });
    }
  };
  for (const section of def.sections) {
    check(section.title, section.id, null, 'title');
    check(section.description, section.id, null, 'description');
    for (const q of section.questions) {
      check(q.title, section.id, q.id, 'title');
      check(q.help, section.id, q.id, 'help');
      if ('options' in q) for (const o of q.options) check(o.label, section.id, q.id, `options.${o.id}`);
      if ('rows' in q) {
        for (const o of q.rows) check(o.label, section.id, q.id, `rows.${o.id}`);
        for (const o of q.columns) check(o.label, section.id, q.id, `columns.${o.id}`);
      }
      if (q.type === 'number') check(q.unit, section.id, q.id, 'unit');
      if (q.type === 'likert') q.labels?.forEach((l, k) => check(l, section.id, q.id, `labels.${k + 1}`));
    }
  }
  return {
    textCount,
    missing,
    complete: { ar: !missing.some((m) => m.locale === 'ar'), en: !missing.some((m) => m.locale === 'en') },
  };
}

// ---- randomised order ------------------------------------------------------------------------

/**
 * The options (or matrix rows) in the order a respondent sees them: as defined, or shuffled when
 * the question says `randomizeOptions`, the same way for the same `seed` (the respondent's
 * response or browser key), so a reload does not reorder what they were reading.
 */
export function orderedOptions<T>(question: { randomizeOptions?: boolean; id: string }, options: readonly T[], seed: string): T[] {
  const out = [...options];
  if (!question.randomizeOptions) return out;
  // FNV-1a of seed and question, then mulberry32: small, deterministic, and the same in every browser.
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${question.id}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---- answers ---------------------------------------------------------------------------------

/** A place on the map. */
export const ZSurveyLatLng = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
/** A place on the map. */
export type TSurveyLatLng = z.infer<typeof ZSurveyLatLng>;

/** The municipality's box: map answers outside it are refused. */
export type TSurveyBox = { minLat: number; minLng: number; maxLat: number; maxLng: number };
/** The municipality's box, as the respondent's route sends it. */
export const ZSurveyBox = z.object({ minLat: z.number(), minLng: z.number(), maxLat: z.number(), maxLng: z.number() });

/**
 * The answer of each type, as stored and as the form holds it:
 * - single_choice: `{ choice, other? }` (choice = option id or OTHER_CHOICE, then `other` is the text)
 * - multiple_choice: `{ choices, other? }`
 * - short_text / long_text: a string
 * - number: a number (a string in Persian, Arabic or Latin digits is read as one)
 * - likert: 1..points; rating: 1..max
 * - ranking: option ids, best first (all of them, or exactly topK)
 * - matrix_single: `{ [rowId]: columnId }`; matrix_multiple: `{ [rowId]: columnId[] }`
 * - date: `YYYY-MM-DD` as stored; a Jalali `1404/10/25` (any digits) is read and stored as ISO
 * - map_point: `{ lat, lng }`; map_area: a closed ring of `{ lat, lng }` (the schema closes an open one)
 * - file: the id of an attachment uploaded with the attachments module
 */
export type TSurveyAnswer =
  | { choice: string; other?: string }
  | { choices: string[]; other?: string }
  | string
  | number
  | string[]
  | Record<string, string>
  | Record<string, string[]>
  | TSurveyLatLng
  | TSurveyLatLng[];

/** The answers of one response, by question id. Unanswered questions are absent. */
export type TSurveyAnswers = Record<string, unknown>;

/** An answer problem. */
export type SurveyAnswerIssue = (typeof SURVEY_ANSWER_ISSUES)[number];

/** Whether a value counts as an answer: null, '', [], {} and a choice without one do not. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('choice' in v) return typeof v.choice === 'string' && v.choice.length > 0;
    if ('choices' in v) return Array.isArray(v.choices) && v.choices.length > 0;
    if ('lat' in v && 'lng' in v) return true;
    return Object.values(v).some((x) => isAnswered(x));
  }
  return true;
}

/** A number typed in Latin, Persian or Arabic-Indic digits; anything else is returned as is (and refused by the schema). */
const asNumber = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const text = toAsciiDigits(v).trim().replace(/٫/g, '.').replace(/[,٬،]/g, '');
  const n = text === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : v;
};

function evaluateRule(rule: TSurveyRule, q: TSurveyQuestion | undefined, answer: unknown): boolean {
  const answered = isAnswered(answer);
  if (rule.op === 'answered') return answered;
  if (rule.op === 'not_answered') return !answered;
  if (rule.op === 'not_equals') return !answered || !evaluateRule({ ...rule, op: 'equals' }, q, answer);
  if (!answered || !q) return false;
  switch (rule.op) {
    case 'equals': {
      if (q.type === 'single_choice') return (answer as { choice: string }).choice === rule.value;
      if (q.type === 'number' || q.type === 'likert' || q.type === 'rating') return asNumber(answer) === rule.value;
      return answer === rule.value;
    }
    case 'includes':
      return Array.isArray((answer as { choices?: unknown }).choices) && (answer as { choices: string[] }).choices.includes(rule.value);
    case 'gt':
      return (asNumber(answer) as number) > rule.value;
    case 'lt':
      return (asNumber(answer) as number) < rule.value;
    case 'rank_at_most': {
      if (!Array.isArray(answer)) return false;
      const at = (answer as string[]).indexOf(rule.option);
      return at >= 0 && at < rule.rank;
    }
    case 'matrix_equals': {
      const cell = (answer as Record<string, unknown>)[rule.row];
      return Array.isArray(cell) ? cell.includes(rule.column) : cell === rule.column;
    }
  }
}

/** Whether a condition holds, given the answers of the questions visible so far. */
export function evaluateCondition(cond: TSurveyCondition | undefined, def: TSurveyDefinition, answers: TSurveyAnswers): boolean {
  if (!cond) return true;
  return holds(cond, questionsById(def), answers);
}

function questionsById(def: TSurveyDefinition): Map<string, TSurveyQuestion> {
  return new Map(surveyQuestions(def).map(({ question }) => [question.id, question]));
}

function holds(cond: TSurveyCondition | undefined, byId: Map<string, TSurveyQuestion>, answers: TSurveyAnswers): boolean {
  if (!cond) return true;
  const test = (rule: TSurveyRule) => evaluateRule(rule, byId.get(rule.question), answers[rule.question]);
  return cond.combine === 'all' ? cond.rules.every(test) : cond.rules.some(test);
}

/**
 * The ids of the questions shown to a respondent with these answers, in order. An answer to a
 * hidden question counts as no answer for the conditions after it, so hiding cascades.
 */
export function visibleQuestions(def: TSurveyDefinition, answers: TSurveyAnswers): string[] {
  const visible: string[] = [];
  const seen: TSurveyAnswers = {};
  const byId = questionsById(def);
  for (const section of def.sections) {
    const sectionShown = holds(section.showIf, byId, seen);
    for (const q of section.questions) {
      if (sectionShown && holds(q.showIf, byId, seen)) {
        visible.push(q.id);
        if (answers[q.id] !== undefined) seen[q.id] = answers[q.id];
      }
    }
  }
  return visible;
}

// -- geometry of drawn areas

const samePoint = (a: TSurveyLatLng, b: TSurveyLatLng) => a.lat === b.lat && a.lng === b.lng;

function cross(o: TSurveyLatLng, a: TSurveyLatLng, b: TSurveyLatLng) {
  return (a.lng - o.lng) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lng - o.lng);
}
function onSegment(p: TSurveyLatLng, q: TSurveyLatLng, r: TSurveyLatLng) {
  return Math.min(p.lng, r.lng) <= q.lng && q.lng <= Math.max(p.lng, r.lng) && Math.min(p.lat, r.lat) <= q.lat && q.lat <= Math.max(p.lat, r.lat);
}
function segmentsIntersect(p1: TSurveyLatLng, p2: TSurveyLatLng, p3: TSurveyLatLng, p4: TSurveyLatLng) {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(p3, p1, p4)) return true;
  if (d2 === 0 && onSegment(p3, p2, p4)) return true;
  if (d3 === 0 && onSegment(p1, p3, p2)) return true;
  if (d4 === 0 && onSegment(p1, p4, p2)) return true;
  return false;
}

/** True when a closed ring (first point = last) crosses or touches itself away from shared vertices. */
export function ringSelfIntersects(ring: TSurveyLatLng[]): boolean {
  const n = ring.length - 1; // edges
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // Adjacent edges share one vertex; they are bad only when they fold back onto each other.
        const shared = j === i + 1 ? ring[j] : ring[0];
        const a = j === i + 1 ? ring[i] : ring[1];
        const b = j === i + 1 ? ring[j + 1] : ring[n - 1];
        if (cross(shared, a, b) === 0 && (a.lng - shared.lng) * (b.lng - shared.lng) + (a.lat - shared.lat) * (b.lat - shared.lat) > 0) return true;
        continue;
      }
      if (segmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

// -- the response schema

/** Options of `buildResponseSchema`. */
export type SurveySchemaOptions = {
  /** The municipality's box: map answers outside it are refused. */
  box: TSurveyBox;
  /** The respondent's language: Arabic keeps its own letters in text answers. */
  locale?: Locale;
};

const issue = (message: string) => ({ message });

function answerSchema(q: TSurveyQuestion, { box, locale }: SurveySchemaOptions, draft: boolean): z.ZodType {
  const keepArabicLetters = locale === 'ar';
  const optionIds = (list: TSurveyOption[]) => list.map((o) => o.id);
  const otherText = textLine({ max: 300, keepArabicLetters });
  switch (q.type) {
    case 'single_choice': {
      const ids = new Set([...optionIds(q.options), ...(q.allowOther ? [OTHER_CHOICE] : [])]);
      return z
        .strictObject({ choice: textToken({ max: 40 }), other: otherText.optional() })
        .superRefine((a, ctx) => {
          if (!ids.has(a.choice)) ctx.addIssue({ code: 'custom', path: ['choice'], ...issue('unknown_option') });
          else if (a.choice === OTHER_CHOICE && !draft && !a.other?.trim()) ctx.addIssue({ code: 'custom', path: ['other'], ...issue('other_text_required') });
          else if (a.choice !== OTHER_CHOICE && a.other !== undefined && a.other.trim()) ctx.addIssue({ code: 'custom', path: ['other'], ...issue('invalid_value') });
        });
    }
    case 'multiple_choice': {
      const ids = new Set([...optionIds(q.options), ...(q.allowOther ? [OTHER_CHOICE] : [])]);
      return z
        .strictObject({ choices: z.array(textToken({ max: 40 })).max(101), other: otherText.optional() })
        .superRefine((a, ctx) => {
          if (a.choices.some((c) => !ids.has(c))) ctx.addIssue({ code: 'custom', path: ['choices'], ...issue('unknown_option') });
          else if (new Set(a.choices).size !== a.choices.length) ctx.addIssue({ code: 'custom', path: ['choices'], ...issue('duplicate') });
          else if (!draft && q.minChoices !== undefined && a.choices.length < q.minChoices) ctx.addIssue({ code: 'custom', path: ['choices'], ...issue('too_few_choices') });
          else if (q.maxChoices !== undefined && a.choices.length > q.maxChoices) ctx.addIssue({ code: 'custom', path: ['choices'], ...issue('too_many_choices') });
          else if (a.choices.includes(OTHER_CHOICE) && !draft && !a.other?.trim()) ctx.addIssue({ code: 'custom', path: ['other'], ...issue('other_text_required') });
        });
    }
    case 'short_text':
      return textLine({ max: q.maxLength ?? SHORT_TEXT_MAX, keepArabicLetters });
    case 'long_text':
      return textBlock({ max: q.maxLength ?? LONG_TEXT_MAX, keepArabicLetters });
    case 'number': {
      let n = z.number();
      if (q.min !== undefined) n = n.min(q.min);
      if (q.max !== undefined) n = n.max(q.max);
      const checked = q.integer ? n.refine((v) => Number.isInteger(v), 'not_integer') : n;
      return z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : asNumber(v)) : v), checked);
    }
    case 'likert':
      return z.preprocess(asNumber, z.number().int().min(1).max(q.points));
    case 'rating':
      return z.preprocess(asNumber, z.number().int().min(1).max(q.max));
    case 'ranking': {
      const ids = new Set(optionIds(q.options));
      const wanted = q.topK ?? q.options.length;
      return z
        .array(textToken({ max: 40 }))
        .max(100)
        .superRefine((a, ctx) => {
          if (a.some((c) => !ids.has(c))) ctx.addIssue({ code: 'custom', ...issue('unknown_option') });
          else if (new Set(a).size !== a.length) ctx.addIssue({ code: 'custom', ...issue('duplicate') });
          else if (a.length > wanted) ctx.addIssue({ code: 'custom', ...issue('too_many_choices') });
          else if (!draft && a.length < wanted) ctx.addIssue({ code: 'custom', ...issue('ranking_incomplete') });
        });
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      const rows = new Set(optionIds(q.rows));
      const columns = new Set(optionIds(q.columns));
      const multiple = q.type === 'matrix_multiple';
      const cell = multiple ? z.array(textToken({ max: 40 })).max(100) : textToken({ max: 40 });
      return z.record(textToken({ max: 40 }), cell).superRefine((a, ctx) => {
        for (const [row, value] of Object.entries(a)) {
          if (!rows.has(row)) {
            ctx.addIssue({ code: 'custom', path: [row], ...issue('unknown_option') });
            continue;
          }
          const cols = Array.isArray(value) ? value : [value];
          if (cols.some((c) => !columns.has(c))) ctx.addIssue({ code: 'custom', path: [row], ...issue('unknown_option') });
          else if (new Set(cols).size !== cols.length) ctx.addIssue({ code: 'custom', path: [row], ...issue('duplicate') });
        }
        // A required matrix wants every row answered.
        if (!draft && q.required) {
          for (const row of rows) if (!isAnswered(a[row])) ctx.addIssue({ code: 'custom', path: [row], ...issue('required') });
        }
      });
    }
    case 'date': {
      let d: z.ZodType<string> = z.iso.date('invalid_format');
      if (q.min !== undefined) d = d.refine((v) => v >= q.min!, { message: 'too_small' });
      if (q.max !== undefined) d = d.refine((v) => v <= q.max!, { message: 'too_big' });
      return z.preprocess((v) => (typeof v === 'string' ? jalaliInputToIso(v) : v), d);
    }
    case 'map_point':
      return ZSurveyLatLng.refine((p) => inBox(p, box), 'outside_box');
    case 'map_area':
      return z
        .array(ZSurveyLatLng)
        .max(MAP_AREA_MAX_POINTS + 1)
        .transform((ring) => (ring.length > 0 && !samePoint(ring[0], ring[ring.length - 1]) ? [...ring, ring[0]] : ring))
        .superRefine((ring, ctx) => {
          if (ring.some((p) => !inBox(p, box))) return ctx.addIssue({ code: 'custom', ...issue('outside_box') });
          if (draft) return;
          const distinct = new Set(ring.map((p) => `${p.lat},${p.lng}`));
          if (distinct.size < 3) return ctx.addIssue({ code: 'custom', ...issue('too_few_points') });
          if (ringSelfIntersects(ring)) ctx.addIssue({ code: 'custom', ...issue('self_intersecting') });
        });
    case 'file':
      return ZUuid;
  }
}

/**
 * A date as typed in a date answer: ISO `2026-01-15`, or Jalali `1404/10/25` (any digits, `/` or
 * `-`; a year below 1700 is Jalali) turned into ISO. Anything else is returned as is (and refused).
 */
export function jalaliInputToIso(input: string): string {
  const text = toAsciiDigits(input.trim());
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(text);
  if (!m) return text;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year >= 1700) return text;
  if (!isValidJalali(year, month, day)) return text;
  return fromJalali(year, month, day).toISOString().slice(0, 10);
}

function inBox(p: TSurveyLatLng, box: TSurveyBox) {
  return p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
}

/** An unanswered value (null, '', [], {}) becomes absent, so "cleared" and "never answered" are one. */
const dropEmpty = (v: unknown) => (isAnswered(v) ? v : undefined);

function responseShape(def: TSurveyDefinition, options: SurveySchemaOptions, draft: boolean) {
  const shape: Record<string, z.ZodType> = {};
  for (const { question } of surveyQuestions(def)) {
    shape[question.id] = z.preprocess(dropEmpty, answerSchema(question, options, draft).optional());
  }
  return shape;
}

/**
 * The zod schema of a submitted response to this definition: each answer checked against its
 * question (type, options, ranges, polygon), answers to hidden questions refused, required
 * visible questions demanded. Every issue's path starts with the question id. Unknown question
 * ids are refused; unanswered values (null, '', []) are dropped from the output.
 */
export function buildResponseSchema(def: TSurveyDefinition, options: SurveySchemaOptions) {
  const questions = surveyQuestions(def).map(({ question }) => question);
  return z.strictObject(responseShape(def, options, false)).superRefine((answers, ctx) => {
    const visible = new Set(visibleQuestions(def, answers as TSurveyAnswers));
    for (const q of questions) {
      const value = (answers as TSurveyAnswers)[q.id];
      if (!visible.has(q.id)) {
        if (isAnswered(value)) ctx.addIssue({ code: 'custom', path: [q.id], message: 'hidden_question' });
      } else if (q.required && !isAnswered(value)) {
        ctx.addIssue({ code: 'custom', path: [q.id], message: 'required' });
      }
    }
  }, { when: isObjectPayload });
}

/**
 * The zod schema of a draft (autosave): each given answer checked for its type and options, but
 * nothing is required, a hidden question's answer is kept, and a ranking or drawn area may be
 * unfinished.
 */
export function buildDraftSchema(def: TSurveyDefinition, options: SurveySchemaOptions) {
  return z.strictObject(responseShape(def, options, true));
}

/** The answers of a response, as stored (the output of the response schema). */
export type TSurveyResponseAnswers = Record<string, TSurveyAnswer>;

// ---- audience and settings -------------------------------------------------------------------

/** Who may answer a survey. */
export const ZSurveyAudience = z.discriminatedUnion('audience', [
  z.strictObject({ audience: z.literal('everyone') }),
  z.strictObject({ audience: z.literal('signed_in') }),
  z.strictObject({ audience: z.literal('roles'), roles: z.array(ZRole).min(1).max(7) }),
  z.strictObject({ audience: z.literal('districts'), districtIds: z.array(ZUuid).min(1).max(100) }),
  z.strictObject({ audience: z.literal('invite_list') }),
]);
/** Who may answer a survey. */
export type TSurveyAudience = z.infer<typeof ZSurveyAudience>;

/** PUT /api/orgs/:slug/surveys/:activityId/settings (planner). */
export const ZSurveySettings = z.strictObject({
  audience: ZSurveyAudience,
  /** Anonymous: the response keeps no account (one per person is still enforced, by a key kept apart). */
  anonymous: z.boolean(),
  /** Ask the respondent's consent to keep their capacity, district, age band and gender with the response. */
  askDemographics: z.boolean(),
});
/** A survey's settings. */
export type TSurveySettings = z.infer<typeof ZSurveySettings>;

// ---- planner routes --------------------------------------------------------------------------

/** GET/PUT /api/orgs/:slug/surveys/:activityId (planner): the survey as its builder sees it. */
export const ZSurveyAdmin = z.object({
  id: ZUuid,
  activityId: ZUuid,
  definition: ZSurveyDefinition,
  version: z.number().int(),
  frozenAt: z.string().nullable(),
  settings: ZSurveySettings,
  responseCount: z.number().int(),
  updatedAt: z.string(),
});
/** A survey as its builder sees it. */
export type TSurveyAdmin = z.infer<typeof ZSurveyAdmin>;

/**
 * PUT /api/orgs/:slug/surveys/:activityId/definition (planner). Refused with
 * `surveys.invalid_definition` (fields: question or section id → problem code) when
 * `validateDefinition` finds problems; after freezing, `surveys.survey_frozen` unless only the
 * wording changed (then the version goes up and the old definition is kept).
 */
export const ZPutSurveyDefinition = z.strictObject({
  definition: ZSurveyDefinition,
  /** The version the planner edited: a stale one is refused with `surveys.version_conflict`. */
  expectedVersion: z.number().int().min(1).optional(),
});
/** Save a definition. */
export type TPutSurveyDefinition = z.input<typeof ZPutSurveyDefinition>;

/** POST /api/orgs/:slug/surveys/:activityId/duplicate (planner): copy the definition and settings into another survey activity that has no responses. */
export const ZDuplicateSurvey = z.strictObject({ targetActivityId: ZUuid });
/** Duplicate a survey. */
export type TDuplicateSurvey = z.input<typeof ZDuplicateSurvey>;

/** One older version of a definition (kept when a wording fix bumps the version). */
export const ZSurveyVersion = z.object({ version: z.number().int(), definition: ZSurveyDefinition, createdAt: z.string() });
/** GET /api/orgs/:slug/surveys/:activityId/versions (planner), newest first. */
export const ZSurveyVersionList = z.object({ items: z.array(ZSurveyVersion) });
/** Older versions of a definition. */
export type TSurveyVersionList = z.infer<typeof ZSurveyVersionList>;

/** POST /api/orgs/:slug/surveys/:activityId/invites (planner): personal links, in bulk. */
export const ZCreateSurveyInvites = z.strictObject({
  /** One label per link (a name, a group), shown only to planners. */
  labels: z.array(textLine({ min: 1, max: 200 })).min(1).max(1000),
  /** When the links stop working (ISO date-time, in the future). */
  expiresAt: z.iso.datetime({ offset: true }),
});
/** Create invites. */
export type TCreateSurveyInvites = z.input<typeof ZCreateSurveyInvites>;

/** An invite as planners see it (without its token). */
export const ZSurveyInvite = z.object({
  id: ZUuid,
  label: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
/** An invite. */
export type TSurveyInvite = z.infer<typeof ZSurveyInvite>;

/**
 * The created invites WITH their tokens: shown once, never again (only a hash is stored). The
 * respondent's link is `/<slug>/surveys/<activityId>?invite=<token>`; `path` is that link.
 */
export const ZCreatedSurveyInvites = z.object({
  items: z.array(ZSurveyInvite.extend({ token: z.string(), path: z.string() })),
});
/** Created invites, with their tokens. */
export type TCreatedSurveyInvites = z.infer<typeof ZCreatedSurveyInvites>;

/** GET /api/orgs/:slug/surveys/:activityId/invites (planner), newest first. */
export const ZSurveyInviteList = z.object({ items: z.array(ZSurveyInvite) });
/** Invites of a survey. */
export type TSurveyInviteList = z.infer<typeof ZSurveyInviteList>;

// ---- respondent routes -----------------------------------------------------------------------

/** The `?invite=<token>` of every respondent route when answering through a personal link. */
export const ZSurveyInviteQuery = z.strictObject({ invite: textToken({ min: 1, max: 200 }).optional() });
/** The invite query. */
export type TSurveyInviteQuery = z.input<typeof ZSurveyInviteQuery>;

/**
 * POST /api/orgs/:slug/surveys/:activityId/images[?invite=]&filename=: the image answering a file
 * question, as the raw body (PNG, JPEG, WEBP; re-encoded, metadata dropped). Answers 201 with the
 * attachment (ZAttachment); its id is the answer. Signed-in respondents only.
 */
export const ZSurveyImageQuery = z.strictObject({
  invite: textToken({ min: 1, max: 200 }).optional(),
  filename: textVerbatim({ min: 1, max: 1000 }),
});
/** The image upload's query. */
export type TSurveyImageQuery = z.input<typeof ZSurveyImageQuery>;

/** The respondent's own response, if any. */
export const ZOwnSurveyResponse = z.object({
  status: z.enum(['draft', 'submitted']),
  /** The autosaved draft when there is one (also while editing a submitted response), else the submitted answers. */
  answers: z.record(z.string(), z.unknown()),
  /** Whether `answers` is an autosaved draft rather than what was submitted. */
  hasDraft: z.boolean(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  demographicsConsent: z.boolean(),
});
/** The respondent's own response. */
export type TOwnSurveyResponse = z.infer<typeof ZOwnSurveyResponse>;

/**
 * GET /api/orgs/:slug/surveys/:activityId/respond[?invite=]: the survey to answer. 409
 * `surveys.not_open_yet` / `surveys.closed` outside the activity's window, 403
 * `surveys.not_in_audience` (401 `identity.unauthenticated` when signing in would help).
 */
export const ZSurveyForRespondent = z.object({
  activityId: ZUuid,
  title: z.object({ fa: z.string(), ar: z.string().optional(), en: z.string().optional() }),
  description: z.object({ fa: z.string(), ar: z.string().optional(), en: z.string().optional() }).nullable(),
  definition: ZSurveyDefinition,
  version: z.number().int(),
  /** Build the response schema with it: `buildResponseSchema(definition, { box })`. */
  box: ZSurveyBox,
  closesAt: z.string().nullable(),
  anonymous: z.boolean(),
  askDemographics: z.boolean(),
  /** Null when nothing was saved yet (always null for an anonymous visitor without an invite). */
  response: ZOwnSurveyResponse.nullable(),
});
/** The survey to answer. */
export type TSurveyForRespondent = z.infer<typeof ZSurveyForRespondent>;

/**
 * PUT /api/orgs/:slug/surveys/:activityId/response/draft[?invite=]: autosave. The answers are
 * checked with `buildDraftSchema` on the server (400 `common.validation_failed`, fields by question id).
 */
export const ZSaveSurveyDraft = z.strictObject({ answers: z.record(ZSurveyId, z.unknown()) });
/** Save a draft. */
export type TSaveSurveyDraft = z.input<typeof ZSaveSurveyDraft>;

/**
 * POST /api/orgs/:slug/surveys/:activityId/response[?invite=] (header `Idempotency-Key`): submit.
 * PUT on the same path edits a submitted response until the survey closes. Answers are checked
 * with `buildResponseSchema` (400 `surveys.invalid_response`, fields: question id → code).
 * A second submission answers 409 `surveys.already_responded`.
 */
export const ZSubmitSurveyResponse = z.strictObject({
  answers: z.record(ZSurveyId, z.unknown()),
  /** Keep the respondent's capacity, district, age band and gender with the response (only when the survey asks). */
  demographicsConsent: z.boolean().optional(),
});
/** Submit a response. */
export type TSubmitSurveyResponse = z.input<typeof ZSubmitSurveyResponse>;

/** What a submitted (or saved) response answers with. */
export const ZSurveyResponseReceipt = z.object({
  id: ZUuid,
  status: z.enum(['draft', 'submitted']),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
/** A response's receipt. */
export type TSurveyResponseReceipt = z.infer<typeof ZSurveyResponseReceipt>;

/** One open-text answer as an input of the demands hub (issue 13). */
export type TSurveyOpenTextInput = {
  sourceType: 'survey_answer';
  responseId: string;
  surveyId: string;
  questionId: string;
  text: string;
  capacity: string | null;
  districtId: string | null;
  submittedAt: string;
};
