import { i18next } from '@/app/i18n';
import arStrategy from '@/locales/ar/strategy.json';
import enStrategy from '@/locales/en/strategy.json';
import faStrategy from '@/locales/fa/strategy.json';

/** The structure editor's catalog loads with the planners' screens: citizens never download it. */
export const STRATEGY_NS = 'strategy';

/** The catalog of every language (a test keeps their keys equal). */
export const strategyResources = { fa: faStrategy, ar: arStrategy, en: enStrategy } as const;

for (const [locale, bundle] of Object.entries(strategyResources)) {
  if (!i18next.hasResourceBundle(locale, STRATEGY_NS)) i18next.addResourceBundle(locale, STRATEGY_NS, bundle, true, true);
}
