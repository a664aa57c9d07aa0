import { OTHER_CHOICE, surveyQuestions, type TSurveyDefinition, type TSurveyGrid, type TSurveyLatLng } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { cellOf, cellsOfArea } from './grid';

/**
 * One row of `survey_answer_fact`: an atomic part of one answer. `first` marks exactly one row
 * per (response, question), so "how many answered" is a count of them.
 * - single choice: item = option id (or `_other`); multiple choice: one row per choice
 * - number, likert, rating: value
 * - ranking: one row per ranked option, item = option, value = rank (1 = best), value2 = the
 *   Borda points (k − rank + 1 with k the number of ranked places)
 * - matrix: one row per chosen cell, item = row, sub = column
 * - date: item = `YYYY-MM`
 * - short/long text: text and its search key
 * - map point: value = lat, value2 = lng, cell; map area: one row per covered cell
 * - file: an "answered" row
 */
export type AnswerFact = {
  questionId: string;
  item: string | null;
  sub: string | null;
  value: number | null;
  value2: number | null;
  cell: number | null;
  text: string | null;
  textKey: string | null;
  first: boolean;
};

const fact = (questionId: string, part: Partial<AnswerFact>): AnswerFact => ({
  questionId,
  item: null,
  sub: null,
  value: null,
  value2: null,
  cell: null,
  text: null,
  textKey: null,
  first: false,
  ...part,
});

/** The fact rows of a submitted response's answers (already checked by the response schema). */
export function factsOf(definition: TSurveyDefinition, answers: Record<string, unknown>, grid: TSurveyGrid): AnswerFact[] {
  const out: AnswerFact[] = [];
  for (const { question: q } of surveyQuestions(definition)) {
    const a = answers[q.id];
    if (a === undefined || a === null) continue;
    const rows: AnswerFact[] = [];
    const id = q.id;
    switch (q.type) {
      case 'single_choice': {
        const choice = (a as { choice: string }).choice;
        rows.push(fact(id, { item: choice }));
        break;
      }
      case 'multiple_choice':
        for (const choice of (a as { choices: string[] }).choices) rows.push(fact(id, { item: choice }));
        break;
      case 'number':
      case 'likert':
      case 'rating':
        rows.push(fact(id, { value: a as number }));
        break;
      case 'ranking': {
        const ranked = a as string[];
        ranked.forEach((option, i) => rows.push(fact(id, { item: option, value: i + 1, value2: ranked.length - i })));
        break;
      }
      case 'matrix_single':
      case 'matrix_multiple':
        for (const [row, value] of Object.entries(a as Record<string, string | string[]>)) {
          for (const column of Array.isArray(value) ? value : [value]) rows.push(fact(id, { item: row, sub: column }));
        }
        break;
      case 'date':
        rows.push(fact(id, { item: (a as string).slice(0, 7) }));
        break;
      case 'short_text':
      case 'long_text':
        rows.push(fact(id, { text: a as string, textKey: normalizeForSearch(a as string) }));
        break;
      case 'map_point': {
        const p = a as TSurveyLatLng;
        rows.push(fact(id, { value: p.lat, value2: p.lng, cell: cellOf(grid, p) }));
        break;
      }
      case 'map_area':
        for (const cell of cellsOfArea(grid, a as TSurveyLatLng[])) rows.push(fact(id, { cell }));
        break;
      case 'file':
        rows.push(fact(id, {}));
        break;
    }
    // An answer with no part (an empty matrix) still counts as answered.
    if (rows.length === 0) rows.push(fact(id, {}));
    rows[0].first = true;
    out.push(...rows);
  }
  return out;
}

/** Whether a single/multiple choice's item is the "other" choice. */
export const isOther = (item: string | null) => item === OTHER_CHOICE;
