import { i18next } from '@/app/i18n';
import arSurveys from '@/locales/ar/surveys.json';
import enSurveys from '@/locales/en/surveys.json';
import faSurveys from '@/locales/fa/surveys.json';

/** The surveys catalog loads with the survey pages (answering and building), not with the main bundle. */
export const SURVEYS_NS = 'surveys';

/** The surveys catalog of every language (a test keeps their keys equal). */
export const surveysResources = { fa: faSurveys, ar: arSurveys, en: enSurveys } as const;

for (const [locale, bundle] of Object.entries(surveysResources)) {
  if (!i18next.hasResourceBundle(locale, SURVEYS_NS)) i18next.addResourceBundle(locale, SURVEYS_NS, bundle, true, true);
}
