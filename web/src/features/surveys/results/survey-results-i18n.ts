import { i18next } from '@/app/i18n';
import arSurveyResults from '@/locales/ar/survey-results.json';
import enSurveyResults from '@/locales/en/survey-results.json';
import faSurveyResults from '@/locales/fa/survey-results.json';

/** The survey results catalog loads with the results page: citizens never download it. */
export const SURVEY_RESULTS_NS = 'survey-results';

/** The survey results catalog of every language (a test keeps their keys equal). */
export const surveyResultsResources = { fa: faSurveyResults, ar: arSurveyResults, en: enSurveyResults } as const;

for (const [locale, bundle] of Object.entries(surveyResultsResources)) {
  if (!i18next.hasResourceBundle(locale, SURVEY_RESULTS_NS)) i18next.addResourceBundle(locale, SURVEY_RESULTS_NS, bundle, true, true);
}
