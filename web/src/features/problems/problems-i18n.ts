import { i18next } from '@/app/i18n';
import arProblems from '@/locales/ar/problems.json';
import enProblems from '@/locales/en/problems.json';
import faProblems from '@/locales/fa/problems.json';

/** The problems catalog loads with the problem pages, not with the main bundle. */
export const PROBLEMS_NS = 'problems';

/** The problems catalog of every language (a test keeps their keys equal). */
export const problemsResources = { fa: faProblems, ar: arProblems, en: enProblems } as const;

for (const [locale, bundle] of Object.entries(problemsResources)) {
  if (!i18next.hasResourceBundle(locale, PROBLEMS_NS)) i18next.addResourceBundle(locale, PROBLEMS_NS, bundle, true, true);
}
