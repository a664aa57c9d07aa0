import { i18next } from '@/app/i18n';
import arSurveyExport from '@/locales/ar/survey-export.json';
import enSurveyExport from '@/locales/en/survey-export.json';
import faSurveyExport from '@/locales/fa/survey-export.json';

/** The survey export screen has its own catalog, loaded with it: citizens never download it. */
export const SURVEY_EXPORT_NS = 'survey-export';

/** The survey export catalog of every language (a test keeps their keys equal). */
export const surveyExportResources = { fa: faSurveyExport, ar: arSurveyExport, en: enSurveyExport } as const;

for (const [locale, bundle] of Object.entries(surveyExportResources)) {
  if (!i18next.hasResourceBundle(locale, SURVEY_EXPORT_NS))
    i18next.addResourceBundle(locale, SURVEY_EXPORT_NS, bundle, true, true);
}
