import { i18next } from '@/app/i18n';
import arDemandSuggestions from '@/locales/ar/demand-suggestions.json';
import enDemandSuggestions from '@/locales/en/demand-suggestions.json';
import faDemandSuggestions from '@/locales/fa/demand-suggestions.json';

/** The suggested themes' catalog loads with the planners' screens: citizens never download it. */
export const DEMAND_SUGGESTIONS_NS = 'demand-suggestions';

/** The catalog of every language (a test keeps their keys equal). */
export const demandSuggestionsResources = { fa: faDemandSuggestions, ar: arDemandSuggestions, en: enDemandSuggestions } as const;

for (const [locale, bundle] of Object.entries(demandSuggestionsResources)) {
  if (!i18next.hasResourceBundle(locale, DEMAND_SUGGESTIONS_NS))
    i18next.addResourceBundle(locale, DEMAND_SUGGESTIONS_NS, bundle, true, true);
}
