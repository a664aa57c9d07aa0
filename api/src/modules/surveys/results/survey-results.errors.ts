import { AppError } from '../../../common/errors/app-error';

/** The survey results' errors, in one place. */
export const SurveyResultErrors = {
  questionNotFound: () => new AppError('surveys.question_not_found', 404, 'No such question in this survey'),
  crosstabUnsupported: () => new AppError('surveys.crosstab_unsupported', 400, 'A cross-tab is made for choice, scale, ranking, matrix and date questions', { question: 'invalid_value' }),
};
