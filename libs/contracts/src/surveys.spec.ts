import type { z } from 'zod';
import {
  buildDraftSchema,
  buildResponseSchema,
  completenessOfTranslations,
  isWordingChangeOnly,
  orderedOptions,
  type TSurveyDefinition,
  type TSurveyQuestion,
  validateDefinition,
  visibleQuestions,
  ZSurveyDefinition,
} from './surveys';
import { CONDITIONAL_DEFINITION, EVERY_TYPE_CASES, EVERY_TYPE_DEFINITION, EXAMPLE_BOX } from './surveys.examples';

// The code a user would see for an issue, the way the API's error response names it.
function code(issue: z.core.$ZodIssue): string {
  const known = ['required', 'invalid_type', 'too_short', 'too_long', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'duplicate'];
  if (issue.code === 'custom' || known.includes(issue.message)) return issue.message;
  if (issue.code === 'too_big') return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big';
  if (issue.code === 'too_small') return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'required' : 'invalid_type';
  return issue.code;
}

const issuesOf = (schema: z.ZodType, answers: unknown) => {
  const result = schema.safeParse(answers, { reportInput: true });
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: code(i) }));
};

describe('ZSurveyDefinition', () => {
  it('accepts the example definitions', () => {
    expect(ZSurveyDefinition.safeParse(EVERY_TYPE_DEFINITION).success).toBe(true);
    expect(ZSurveyDefinition.safeParse(CONDITIONAL_DEFINITION).success).toBe(true);
  });

  it('refuses a question without Persian text and an id that is not a short token', () => {
    const result = ZSurveyDefinition.safeParse({
      sections: [{ id: 's', questions: [{ id: '1 bad', type: 'short_text', title: { fa: '', en: 'x' } }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['sections.0.questions.0.id', 'sections.0.questions.0.title.fa']);
  });
});

describe('validateDefinition', () => {
  const section = (questions: TSurveyQuestion[]): TSurveyDefinition => ({ sections: [{ id: 's1', questions }] });
  const q = (id: string, extra: Partial<TSurveyQuestion> = {}) => ({ id, type: 'short_text', title: { fa: id }, ...extra }) as TSurveyQuestion;
  const codes = (def: TSurveyDefinition) => validateDefinition(def).map((p) => [p.code, p.questionId ?? p.sectionId]);

  it('finds no problem in the examples', () => {
    expect(validateDefinition(EVERY_TYPE_DEFINITION)).toEqual([]);
    expect(validateDefinition(CONDITIONAL_DEFINITION)).toEqual([]);
  });

  it('names an empty survey and an empty section', () => {
    expect(codes({ sections: [] })).toEqual([['no_questions', null]]);
    expect(codes({ sections: [{ id: 'a', questions: [] }] })).toEqual([
      ['no_questions', null],
      ['section_empty', 'a'],
    ]);
  });

  it('names duplicate question, section and option ids', () => {
    const def: TSurveyDefinition = {
      sections: [
        { id: 'x', questions: [q('a'), q('a')] },
        { id: 'x', questions: [{ id: 'c', type: 'single_choice', title: { fa: 'c' }, options: [{ id: 'o', label: { fa: 'o' } }, { id: 'o', label: { fa: 'p' } }] }] },
      ],
    };
    expect(codes(def)).toEqual([
      ['duplicate_id', 'x'],
      ['duplicate_id', 'a'],
      ['duplicate_id', 'c'],
    ]);
  });

  it('names missing options, rows, columns and Persian text', () => {
    const def = section([
      { id: 'a', type: 'single_choice', title: { fa: 'a' }, options: [] },
      { id: 'b', type: 'ranking', title: { fa: 'b' }, options: [{ id: 'o', label: { fa: 'o' } }] },
      { id: 'c', type: 'matrix_single', title: { fa: 'c' }, rows: [], columns: [{ id: 'k', label: { fa: ' ' } }] },
      { id: 'd', type: 'short_text', title: { fa: '  ' } },
    ]);
    expect(codes(def)).toEqual([
      ['options_missing', 'a'],
      ['options_missing', 'b'],
      ['rows_missing', 'c'],
      ['columns_missing', 'c'],
      ['missing_fa_text', 'c'],
      ['missing_fa_text', 'd'],
    ]);
  });

  it('names min > max, too many choices, topK beyond the options and miscounted Likert labels', () => {
    const options = [{ id: 'o1', label: { fa: '۱' } }, { id: 'o2', label: { fa: '۲' } }];
    const def = section([
      { id: 'n', type: 'number', title: { fa: 'n' }, min: 10, max: 1 },
      { id: 'd', type: 'date', title: { fa: 'd' }, min: '2026-02-01', max: '2026-01-01' },
      { id: 'm', type: 'multiple_choice', title: { fa: 'm' }, options, minChoices: 2, maxChoices: 1 },
      { id: 'm2', type: 'multiple_choice', title: { fa: 'm' }, options, maxChoices: 3 },
      { id: 'r', type: 'ranking', title: { fa: 'r' }, options, topK: 3 },
      { id: 'l', type: 'likert', title: { fa: 'l' }, points: 5, labels: [{ fa: 'بد' }, { fa: 'خوب' }] },
    ]);
    expect(codes(def)).toEqual([
      ['min_greater_than_max', 'n'],
      ['min_greater_than_max', 'd'],
      ['min_greater_than_max', 'm'],
      ['choices_exceed_options', 'm2'],
      ['top_k_exceeds_options', 'r'],
      ['likert_labels_count', 'l'],
    ]);
  });

  it('refuses a condition on a later, unknown or the same question, and names a cycle', () => {
    const later = section([q('a', { showIf: { combine: 'all', rules: [{ op: 'answered', question: 'b' }] } }), q('b')]);
    expect(codes(later)).toEqual([['condition_forward_reference', 'a']]);
    const self = section([q('a', { showIf: { combine: 'all', rules: [{ op: 'answered', question: 'a' }] } })]);
    expect(codes(self)).toEqual([
      ['condition_forward_reference', 'a'],
      ['condition_cycle', 'a'],
    ]);
    const unknown = section([q('a', { showIf: { combine: 'all', rules: [{ op: 'answered', question: 'zz' }] } })]);
    expect(codes(unknown)).toEqual([['condition_unknown_question', 'a']]);
    const cycle = section([
      q('a', { showIf: { combine: 'all', rules: [{ op: 'answered', question: 'b' }] } }),
      q('b', { showIf: { combine: 'all', rules: [{ op: 'answered', question: 'a' }] } }),
    ]);
    const problems = validateDefinition(cycle);
    expect(problems.filter((p) => p.code === 'condition_cycle').map((p) => p.questionId).sort()).toEqual(['a', 'b']);
    expect(problems.find((p) => p.code === 'condition_forward_reference')?.questionId).toBe('a');
  });

  it('refuses a section condition on a question of that same section', () => {
    const def: TSurveyDefinition = { sections: [{ id: 's', showIf: { combine: 'all', rules: [{ op: 'answered', question: 'a' }] }, questions: [q('a')] }] };
    expect(codes(def)).toEqual([
      ['condition_forward_reference', 's'],
      ['condition_cycle', 'a'],
    ]);
  });

  it('refuses an operator the question type has not and an unknown option in a condition', () => {
    const options = [{ id: 'o1', label: { fa: '۱' } }, { id: 'o2', label: { fa: '۲' } }];
    const def = section([
      { id: 'c', type: 'single_choice', title: { fa: 'c' }, options },
      q('a', { showIf: { combine: 'all', rules: [{ op: 'gt', question: 'c', value: 1 }] } }),
      q('b', { showIf: { combine: 'all', rules: [{ op: 'equals', question: 'c', value: 'o9' }] } }),
      { id: 'r', type: 'ranking', title: { fa: 'r' }, options },
      q('d', { showIf: { combine: 'all', rules: [{ op: 'rank_at_most', question: 'r', option: 'o7', rank: 1 }] } }),
      { id: 'm', type: 'matrix_single', title: { fa: 'm' }, rows: options, columns: options },
      q('e', { showIf: { combine: 'any', rules: [{ op: 'matrix_equals', question: 'm', row: 'o1', column: 'zz' }] } }),
    ]);
    expect(codes(def)).toEqual([
      ['condition_operator_mismatch', 'a'],
      ['condition_unknown_option', 'b'],
      ['condition_unknown_option', 'd'],
      ['condition_unknown_option', 'e'],
    ]);
  });
});

describe('buildResponseSchema: every question type', () => {
  const schema = buildResponseSchema(EVERY_TYPE_DEFINITION, { box: EXAMPLE_BOX });

  it.each(EVERY_TYPE_CASES)('%s = %j → %s', (question, answer, expected) => {
    const issues = issuesOf(schema, { [question]: answer });
    if (expected === null) expect(issues).toEqual([]);
    else {
      expect(issues.length).toBeGreaterThan(0);
      expect(issues[0].path.split('.')[0]).toBe(question);
      expect(issues.map((i) => i.code)).toContain(expected);
    }
  });

  it('reads Persian and Arabic digits as numbers and closes an open ring', () => {
    const out = schema.parse({
      num: '۱۲',
      rating: '٧',
      area: [
        { lat: 32.6, lng: 51.6 },
        { lat: 32.6, lng: 51.7 },
        { lat: 32.7, lng: 51.7 },
      ],
    }) as Record<string, unknown>;
    expect(out.num).toBe(12);
    expect((schema.parse({ date: '۱۴۰۴/۱۰/۲۵' }) as Record<string, unknown>).date).toBe('2026-01-15');
    expect(out.rating).toBe(7);
    expect((out.area as unknown[]).length).toBe(4);
  });

  it('refuses an unknown question and drops emptied answers', () => {
    expect(issuesOf(schema, { nope: 1 })).toEqual([{ path: '', code: 'unrecognized_keys' }]);
    expect(schema.parse({ short: '', multi: { choices: [] }, single: null })).toEqual({});
  });

  it('demands every row of a required matrix', () => {
    const def: TSurveyDefinition = {
      sections: [{ id: 's', questions: [{ ...(EVERY_TYPE_DEFINITION.sections[0].questions[9] as TSurveyQuestion), required: true }] }],
    };
    expect(issuesOf(buildResponseSchema(def, { box: EXAMPLE_BOX }), { msingle: { r1: 'c1' } })).toEqual([{ path: 'msingle.r2', code: 'required' }]);
  });

  it('keeps Arabic letters in an Arabic respondent’s text and normalises a Persian one', () => {
    const fa = buildResponseSchema(EVERY_TYPE_DEFINITION, { box: EXAMPLE_BOX }).parse({ short: 'علي' }) as Record<string, string>;
    const ar = buildResponseSchema(EVERY_TYPE_DEFINITION, { box: EXAMPLE_BOX, locale: 'ar' }).parse({ short: 'علي' }) as Record<string, string>;
    expect(fa.short).toBe('علی');
    expect(ar.short).toBe('علي');
  });
});

describe('conditions', () => {
  const schema = buildResponseSchema(CONDITIONAL_DEFINITION, { box: EXAMPLE_BOX });
  const base = { pet: { choice: 'no' } };

  it('equals: a required question shows, and is required, only when its condition holds', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, base)).not.toContain('kind');
    expect(issuesOf(schema, base)).toEqual([]);
    expect(issuesOf(schema, { pet: { choice: 'yes' } })).toEqual([{ path: 'kind', code: 'required' }]);
    expect(issuesOf(schema, { pet: { choice: 'yes' }, kind: 'گربه' })).toEqual([]);
  });

  it('refuses an answer to a hidden question, naming it', () => {
    expect(issuesOf(schema, { ...base, kind: 'گربه' })).toEqual([{ path: 'kind', code: 'hidden_question' }]);
  });

  it('not_equals holds for another answer and for no answer', () => {
    const def: TSurveyDefinition = {
      sections: [
        {
          id: 's',
          questions: [
            { id: 'a', type: 'rating', title: { fa: 'a' }, max: 5 },
            { id: 'b', type: 'short_text', title: { fa: 'b' }, showIf: { combine: 'all', rules: [{ op: 'not_equals', question: 'a', value: 3 }] } },
          ],
        },
      ],
    };
    expect(visibleQuestions(def, {})).toEqual(['a', 'b']);
    expect(visibleQuestions(def, { a: 4 })).toEqual(['a', 'b']);
    expect(visibleQuestions(def, { a: 3 })).toEqual(['a']);
  });

  it('includes: a section shows only when the multiple choice includes the option', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, modes: { choices: ['car'] } })).not.toContain('busline');
    expect(issuesOf(schema, { ...base, modes: { choices: ['car', 'bus'] } })).toEqual([{ path: 'busline', code: 'required' }]);
    expect(issuesOf(schema, { ...base, modes: { choices: ['car'] }, busline: '۱۲' })).toEqual([{ path: 'busline', code: 'hidden_question' }]);
  });

  it('answered / not_answered', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, base)).toContain('note');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, modes: { choices: ['car'] } })).not.toContain('note');
  });

  it('gt and lt, combined with any', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, age: 30, score: 4 })).not.toContain('old');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, age: 61 })).toContain('old');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, age: '۶۱' })).toContain('old');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, score: 2 })).toContain('old');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, age: 60 })).not.toContain('old');
  });

  it('rank_at_most: shows when the option is ranked within the top N', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, prio: ['roads', 'parks', 'waste'] })).toContain('why');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, prio: ['roads', 'waste', 'parks'] })).not.toContain('why');
  });

  it('matrix_equals: shows when the row is answered with the column', () => {
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, grid: { road: 'bad' } })).toContain('fix');
    expect(visibleQuestions(CONDITIONAL_DEFINITION, { ...base, grid: { road: 'good', light: 'bad' } })).not.toContain('fix');
  });

  it('hiding cascades: an answer to a hidden question does not show what depends on it', () => {
    const def: TSurveyDefinition = {
      sections: [
        {
          id: 's',
          questions: [
            { id: 'a', type: 'single_choice', title: { fa: 'a' }, options: [{ id: 'y', label: { fa: 'y' } }, { id: 'n', label: { fa: 'n' } }] },
            { id: 'b', type: 'rating', title: { fa: 'b' }, max: 5, showIf: { combine: 'all', rules: [{ op: 'equals', question: 'a', value: 'y' }] } },
            { id: 'c', type: 'short_text', title: { fa: 'c' }, required: true, showIf: { combine: 'all', rules: [{ op: 'answered', question: 'b' }] } },
          ],
        },
      ],
    };
    expect(visibleQuestions(def, { a: { choice: 'n' }, b: 3 })).toEqual(['a']);
    expect(issuesOf(buildResponseSchema(def, { box: EXAMPLE_BOX }), { a: { choice: 'n' }, b: 3 })).toEqual([{ path: 'b', code: 'hidden_question' }]);
  });

  it('lists type problems and condition problems together', () => {
    expect(issuesOf(schema, { pet: { choice: 'yes' }, age: 'x' })).toEqual([
      { path: 'age', code: 'invalid_type' },
      { path: 'kind', code: 'required' },
    ]);
  });
});

describe('buildDraftSchema', () => {
  const draft = buildDraftSchema(CONDITIONAL_DEFINITION, { box: EXAMPLE_BOX });

  it('requires nothing and keeps answers to questions hidden for now', () => {
    expect(issuesOf(draft, {})).toEqual([]);
    expect(issuesOf(draft, { kind: 'سگ', pet: { choice: 'no' } })).toEqual([]);
  });

  it('accepts an unfinished ranking and area but still refuses a wrong type or option', () => {
    const every = buildDraftSchema(EVERY_TYPE_DEFINITION, { box: EXAMPLE_BOX });
    expect(issuesOf(every, { rankall: ['a'], area: [{ lat: 32.6, lng: 51.6 }] })).toEqual([]);
    expect(issuesOf(every, { single: { choice: 'zz' } })).toEqual([{ path: 'single.choice', code: 'unknown_option' }]);
    expect(issuesOf(every, { num: 'abc' })).toEqual([{ path: 'num', code: 'invalid_type' }]);
  });
});

describe('wording and translations', () => {
  it('tells a wording fix from a change of structure', () => {
    const before = EVERY_TYPE_DEFINITION;
    const reworded = structuredClone(before);
    reworded.sections[0].questions[0].title = { fa: 'عنوان تازه', en: 'New title' };
    expect(isWordingChangeOnly(before, reworded)).toBe(true);
    const restructured = structuredClone(before);
    (restructured.sections[0].questions[1] as { maxChoices?: number }).maxChoices = 3;
    expect(isWordingChangeOnly(before, restructured)).toBe(false);
    const reordered = structuredClone(before);
    reordered.sections[0].questions.reverse();
    expect(isWordingChangeOnly(before, reordered)).toBe(false);
  });

  it('lists the texts that lack Arabic or English', () => {
    const def: TSurveyDefinition = {
      sections: [
        {
          id: 's',
          title: { fa: 'بخش', ar: 'قسم', en: 'Section' },
          questions: [{ id: 'q', type: 'single_choice', title: { fa: 'پرسش', en: 'Question' }, options: [{ id: 'o', label: { fa: 'گزینه', ar: 'خيار', en: 'Option' } }] }],
        },
      ],
    };
    const result = completenessOfTranslations(def);
    expect(result.textCount).toBe(3);
    expect(result.missing).toEqual([{ locale: 'ar', sectionId: 's', questionId: 'q', field: 'title' }]);
    expect(result.complete).toEqual({ ar: false, en: true });
  });
});

describe('orderedOptions', () => {
  const options = Array.from({ length: 8 }, (_, i) => `o${i}`);

  it('keeps the defined order unless the question randomises it', () => {
    expect(orderedOptions({ id: 'q' }, options, 'seed')).toEqual(options);
  });

  it('shuffles the same way for the same respondent, differently for another, losing nothing', () => {
    const a = orderedOptions({ id: 'q', randomizeOptions: true }, options, 'respondent-1');
    expect(orderedOptions({ id: 'q', randomizeOptions: true }, options, 'respondent-1')).toEqual(a);
    expect([...a].sort()).toEqual(options);
    const others = ['respondent-2', 'respondent-3', 'respondent-4'].map((seed) => orderedOptions({ id: 'q', randomizeOptions: true }, options, seed).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });
});
