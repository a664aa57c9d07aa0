import type { TSurveyBox, TSurveyDefinition } from './surveys';

// Definitions and answers shared by the contracts' unit spec and the API's integration tests, so
// the web's validator and the server are proved against the same cases. Not exported from the
// package index: tests import this file by path.

/** A box around Isfahan (the demo municipality's map centre ± 0.5°). */
export const EXAMPLE_BOX: TSurveyBox = { minLat: 32.15, maxLat: 33.15, minLng: 51.17, maxLng: 52.17 };

const t = (fa: string) => ({ fa });
const opts = (...ids: string[]) => ids.map((id) => ({ id, label: t(`گزینه ${id}`) }));

/** One question of every type, none required, no conditions. */
export const EVERY_TYPE_DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      title: t('همه انواع'),
      questions: [
        { id: 'single', type: 'single_choice', title: t('یکی'), options: opts('a', 'b', 'c'), allowOther: true },
        { id: 'multi', type: 'multiple_choice', title: t('چندتا'), options: opts('a', 'b', 'c', 'd'), allowOther: true, minChoices: 1, maxChoices: 2 },
        { id: 'short', type: 'short_text', title: t('کوتاه'), maxLength: 20 },
        { id: 'long', type: 'long_text', title: t('بلند'), maxLength: 100 },
        { id: 'num', type: 'number', title: t('عدد'), min: 0, max: 120, integer: true },
        { id: 'likert', type: 'likert', title: t('لیکرت'), points: 5 },
        { id: 'rating', type: 'rating', title: t('امتیاز'), max: 10 },
        { id: 'rank', type: 'ranking', title: t('رتبه'), options: opts('a', 'b', 'c', 'd'), topK: 2 },
        { id: 'rankall', type: 'ranking', title: t('رتبه همه'), options: opts('a', 'b', 'c') },
        { id: 'msingle', type: 'matrix_single', title: t('ماتریس'), rows: opts('r1', 'r2'), columns: opts('c1', 'c2', 'c3') },
        { id: 'mmulti', type: 'matrix_multiple', title: t('ماتریس چند'), rows: opts('r1', 'r2'), columns: opts('c1', 'c2', 'c3') },
        { id: 'date', type: 'date', title: t('تاریخ'), min: '2025-03-21', max: '2027-03-20' },
        { id: 'point', type: 'map_point', title: t('نقطه') },
        { id: 'area', type: 'map_area', title: t('محدوده') },
        { id: 'photo', type: 'file', title: t('عکس') },
      ],
    },
  ],
};

const square = [
  { lat: 32.6, lng: 51.6 },
  { lat: 32.6, lng: 51.7 },
  { lat: 32.7, lng: 51.7 },
  { lat: 32.7, lng: 51.6 },
];

/** Answers to EVERY_TYPE_DEFINITION: the question, the answer, and null (accepted) or the field code expected. */
export const EVERY_TYPE_CASES: [question: string, answer: unknown, expected: string | null][] = [
  ['single', { choice: 'a' }, null],
  ['single', { choice: '_other', other: 'چیز دیگر' }, null],
  ['single', { choice: 'z' }, 'unknown_option'],
  ['single', { choice: '_other' }, 'other_text_required'],
  ['single', 'a', 'invalid_type'],
  ['multi', { choices: ['a', 'b'] }, null],
  ['multi', { choices: ['a', 'b', 'c'] }, 'too_many_choices'],
  ['multi', { choices: ['a', 'x'] }, 'unknown_option'],
  ['multi', { choices: ['a', 'a'] }, 'duplicate'],
  ['short', 'سلام', null],
  ['short', 'x'.repeat(21), 'too_long'],
  ['short', 42, 'invalid_type'],
  ['long', 'متن بلند\nدو خط', null],
  ['long', 'x'.repeat(101), 'too_long'],
  ['num', '۴۲', null],
  ['num', '٤٢', null],
  ['num', 42, null],
  ['num', 121, 'too_big'],
  ['num', 4.5, 'not_integer'],
  ['num', 'abc', 'invalid_type'],
  ['likert', 5, null],
  ['likert', 6, 'too_big'],
  ['likert', 0, 'too_small'],
  ['rating', 10, null],
  ['rating', 11, 'too_big'],
  ['rank', ['b', 'a'], null],
  ['rank', ['b'], 'ranking_incomplete'],
  ['rank', ['b', 'a', 'c'], 'too_many_choices'],
  ['rank', ['b', 'q'], 'unknown_option'],
  ['rankall', ['c', 'a', 'b'], null],
  ['rankall', ['c', 'a'], 'ranking_incomplete'],
  ['msingle', { r1: 'c1', r2: 'c3' }, null],
  ['msingle', { r1: 'c9' }, 'unknown_option'],
  ['msingle', { r9: 'c1' }, 'unknown_option'],
  ['mmulti', { r1: ['c1', 'c2'], r2: ['c3'] }, null],
  ['mmulti', { r1: ['c1', 'c7'] }, 'unknown_option'],
  ['date', '2026-01-15', null],
  ['date', '۲۰۲۶-۰۱-۱۵', null],
  ['date', '۱۴۰۴/۱۰/۲۵', null],
  ['date', '1404-10-25', null],
  ['date', '1404/12/30', 'invalid_format'],
  ['date', '2024-01-01', 'too_small'],
  ['date', '2026-13-01', 'invalid_format'],
  ['point', { lat: 32.65, lng: 51.67 }, null],
  ['point', { lat: 35.7, lng: 51.4 }, 'outside_box'],
  ['area', square, null],
  ['area', [...square, square[0]], null],
  ['area', square.slice(0, 2), 'too_few_points'],
  [
    'area',
    [
      { lat: 32.6, lng: 51.6 },
      { lat: 32.7, lng: 51.7 },
      { lat: 32.6, lng: 51.7 },
      { lat: 32.7, lng: 51.6 },
    ],
    'self_intersecting',
  ],
  ['area', square.map((p) => ({ lat: p.lat + 3, lng: p.lng })), 'outside_box'],
  ['photo', '3f1c2b9e-8a47-4c6e-9d2a-5b8e7f6a1c3d', null],
  ['photo', 'not-a-uuid', 'invalid_format'],
];

/**
 * A survey with conditions: `pet` asks whether the respondent has a pet; `kind` (required) shows
 * only for "yes"; section `transport` shows when `modes` includes bus; `why` shows when `prio`
 * ranks `parks` in the top 2; `fix` shows when the matrix row `road` is rated `bad`; `old` shows
 * when `age` > 60 (any) or `score` < 3.
 */
export const CONDITIONAL_DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 'about',
      questions: [
        { id: 'pet', type: 'single_choice', title: t('حیوان خانگی دارید؟'), options: opts('yes', 'no'), required: true },
        { id: 'kind', type: 'short_text', title: t('چه حیوانی؟'), required: true, showIf: { combine: 'all', rules: [{ op: 'equals', question: 'pet', value: 'yes' }] } },
        { id: 'modes', type: 'multiple_choice', title: t('با چه وسیله‌ای؟'), options: opts('bus', 'car', 'bike') },
        { id: 'age', type: 'number', title: t('سن'), integer: true },
        { id: 'score', type: 'rating', title: t('امتیاز'), max: 5 },
        {
          id: 'old',
          type: 'short_text',
          title: t('سالمند؟'),
          showIf: {
            combine: 'any',
            rules: [
              { op: 'gt', question: 'age', value: 60 },
              { op: 'lt', question: 'score', value: 3 },
            ],
          },
        },
        { id: 'prio', type: 'ranking', title: t('اولویت'), options: opts('parks', 'roads', 'waste') },
        { id: 'why', type: 'long_text', title: t('چرا پارک؟'), showIf: { combine: 'all', rules: [{ op: 'rank_at_most', question: 'prio', option: 'parks', rank: 2 }] } },
        { id: 'grid', type: 'matrix_single', title: t('وضعیت'), rows: opts('road', 'light'), columns: opts('good', 'bad') },
        { id: 'fix', type: 'short_text', title: t('چه اصلاحی؟'), showIf: { combine: 'all', rules: [{ op: 'matrix_equals', question: 'grid', row: 'road', column: 'bad' }] } },
        { id: 'note', type: 'short_text', title: t('یادداشت'), showIf: { combine: 'all', rules: [{ op: 'not_answered', question: 'modes' }] } },
      ],
    },
    {
      id: 'transport',
      newPage: true,
      showIf: { combine: 'all', rules: [{ op: 'includes', question: 'modes', value: 'bus' }] },
      questions: [{ id: 'busline', type: 'short_text', title: t('کدام خط؟'), required: true }],
    },
  ],
};
