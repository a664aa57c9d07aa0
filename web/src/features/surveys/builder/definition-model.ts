// The builder's edits as pure functions over a definition: each returns a new definition, so the
// builder's state is one value (undoable, comparable, previewable) and these are tested alone.
import {
  operatorsFor,
  type SurveyConditionOperator,
  type SurveyQuestionType,
  type TSurveyDefinition,
  type TSurveyOption,
  type TSurveyQuestion,
  SURVEY_QUESTION_TYPES,
  type TSurveyRule,
  type TSurveySection,
} from '@hamandishi/contracts';

/** The question types a planner can add, in the menu's order (the contracts' order). */
export const BUILDER_QUESTION_TYPES = SURVEY_QUESTION_TYPES;

function usedIds(def: TSurveyDefinition): Set<string> {
  const ids = new Set<string>();
  for (const section of def.sections) {
    ids.add(section.id);
    for (const q of section.questions) ids.add(q.id);
  }
  return ids;
}

/** The first free id `<prefix><n>` (question and section ids share one space). */
export function freeId(taken: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

const option = (id: string): TSurveyOption => ({ id, label: { fa: '' } });

/** A new option (or row, or column) with a free id in its list. */
export function newOption(list: readonly TSurveyOption[], prefix = 'o'): TSurveyOption {
  return option(freeId(new Set(list.map((o) => o.id)), prefix));
}

/** A question of a type with the settings it needs to be valid once its texts are written. */
export function newQuestion(type: SurveyQuestionType, id: string): TSurveyQuestion {
  const base = { id, title: { fa: '' } };
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'ranking':
      return { ...base, type, options: [option('o1'), option('o2')] } as TSurveyQuestion;
    case 'matrix_single':
    case 'matrix_multiple':
      return { ...base, type, rows: [option('r1')], columns: [option('c1'), option('c2')] };
    case 'likert':
      return { ...base, type, points: 5 };
    case 'rating':
      return { ...base, type, max: 5 };
    default:
      return { ...base, type } as TSurveyQuestion;
  }
}

const withSection = (
  def: TSurveyDefinition,
  s: number,
  change: (section: TSurveySection) => TSurveySection,
): TSurveyDefinition => ({
  ...def,
  sections: def.sections.map((section, index) => (index === s ? change(section) : section)),
});

const move = <T>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
};

/** Adds an empty section at the end (a new page when it is not the first). */
export function addSection(def: TSurveyDefinition): TSurveyDefinition {
  const id = freeId(usedIds(def), 's');
  return {
    ...def,
    sections: [...def.sections, { id, questions: [], ...(def.sections.length ? { newPage: true } : {}) }],
  };
}

/** Replaces section `s` with a changed copy. */
export function updateSection(def: TSurveyDefinition, s: number, patch: Partial<TSurveySection>): TSurveyDefinition {
  return withSection(def, s, (section) => ({ ...section, ...patch }));
}

/** Removes section `s` with its questions. */
export function removeSection(def: TSurveyDefinition, s: number): TSurveyDefinition {
  return { ...def, sections: def.sections.filter((_, index) => index !== s) };
}

/** Moves section `s` one place up (-1) or down (+1). */
export function moveSection(def: TSurveyDefinition, s: number, direction: -1 | 1): TSurveyDefinition {
  const to = s + direction;
  if (to < 0 || to >= def.sections.length) return def;
  return { ...def, sections: move(def.sections, s, to) };
}

/** Adds a question of `type` at the end of section `s`; returns the definition and the new id. */
export function addQuestion(
  def: TSurveyDefinition,
  s: number,
  type: SurveyQuestionType,
): { definition: TSurveyDefinition; id: string } {
  const id = freeId(usedIds(def), 'q');
  return {
    definition: withSection(def, s, (section) => ({
      ...section,
      questions: [...section.questions, newQuestion(type, id)],
    })),
    id,
  };
}

/** Replaces question `i` of section `s`. */
export function updateQuestion(
  def: TSurveyDefinition,
  s: number,
  i: number,
  question: TSurveyQuestion,
): TSurveyDefinition {
  return withSection(def, s, (section) => ({
    ...section,
    questions: section.questions.map((q, index) => (index === i ? question : q)),
  }));
}

/** Copies question `i` of section `s` right after it, under a new id (its condition still refers to earlier questions). */
export function duplicateQuestion(
  def: TSurveyDefinition,
  s: number,
  i: number,
): { definition: TSurveyDefinition; id: string } {
  const id = freeId(usedIds(def), 'q');
  // A deep copy through JSON: a definition is plain data (and jsdom lacks structuredClone).
  const copy = { ...(JSON.parse(JSON.stringify(def.sections[s]!.questions[i]!)) as TSurveyQuestion), id };
  return {
    definition: withSection(def, s, (section) => ({
      ...section,
      questions: [...section.questions.slice(0, i + 1), copy, ...section.questions.slice(i + 1)],
    })),
    id,
  };
}

/** Removes question `i` of section `s` (conditions that named it are then reported by `validateDefinition`). */
export function removeQuestion(def: TSurveyDefinition, s: number, i: number): TSurveyDefinition {
  return withSection(def, s, (section) => ({
    ...section,
    questions: section.questions.filter((_, index) => index !== i),
  }));
}

/**
 * Moves a question one place up or down; at the edge of its section it crosses into the
 * neighbouring section (its end going up, its start going down).
 */
export function moveQuestion(def: TSurveyDefinition, s: number, i: number, direction: -1 | 1): TSurveyDefinition {
  const section = def.sections[s]!;
  const to = i + direction;
  if (to >= 0 && to < section.questions.length)
    return withSection(def, s, (sec) => ({ ...sec, questions: move(sec.questions, i, to) }));
  const target = s + direction;
  if (target < 0 || target >= def.sections.length) return def;
  const question = section.questions[i]!;
  const sections = def.sections.map((sec, index) => {
    if (index === s) return { ...sec, questions: sec.questions.filter((_, k) => k !== i) };
    if (index === target)
      return { ...sec, questions: direction < 0 ? [...sec.questions, question] : [question, ...sec.questions] };
    return sec;
  });
  return { ...def, sections };
}

/**
 * The questions a condition may refer to: those before the question (for a section's condition,
 * before the section). Later ones are never offered, so a forward reference or a cycle cannot be built.
 */
export function earlierQuestions(def: TSurveyDefinition, s: number, i: number | null): TSurveyQuestion[] {
  const out: TSurveyQuestion[] = [];
  for (let k = 0; k < def.sections.length; k++) {
    const questions = def.sections[k]!.questions;
    if (k < s) out.push(...questions);
    else if (k === s && i !== null) out.push(...questions.slice(0, i));
  }
  return out;
}

/** A rule of `op` about `question`, with a first sensible value (its first option, row, column). */
export function ruleFor(
  question: TSurveyQuestion,
  op: SurveyConditionOperator = operatorsFor(question.type)[0]!,
): TSurveyRule {
  const firstOption = 'options' in question ? (question.options[0]?.id ?? '') : '';
  switch (op) {
    case 'answered':
    case 'not_answered':
      return { op, question: question.id };
    case 'includes':
      return { op, question: question.id, value: firstOption };
    case 'gt':
    case 'lt':
      return { op, question: question.id, value: question.type === 'likert' || question.type === 'rating' ? 3 : 0 };
    case 'rank_at_most':
      return { op, question: question.id, option: firstOption, rank: 1 };
    case 'matrix_equals': {
      const rows = 'rows' in question ? question.rows : [];
      const columns = 'columns' in question ? question.columns : [];
      return { op, question: question.id, row: rows[0]?.id ?? '', column: columns[0]?.id ?? '' };
    }
    case 'equals':
    case 'not_equals': {
      const numeric = question.type === 'number' || question.type === 'likert' || question.type === 'rating';
      return { op, question: question.id, value: numeric ? 1 : question.type === 'single_choice' ? firstOption : '' };
    }
  }
}
