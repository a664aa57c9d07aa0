import type { TSurveyDefinition } from '@hamandishi/contracts';

/** A one-question survey for the builder's tests. */
export const SURVEY_EXAMPLE_DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      title: { fa: 'بخش یک' },
      questions: [{ id: 'q1', type: 'short_text', title: { fa: 'نام محله' }, required: false }],
    },
  ],
} as TSurveyDefinition;
