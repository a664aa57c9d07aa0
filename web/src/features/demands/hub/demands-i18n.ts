import { i18next } from '@/app/i18n';
import arDemands from '@/locales/ar/demands.json';
import enDemands from '@/locales/en/demands.json';
import faDemands from '@/locales/fa/demands.json';

/** The demands hub's catalog loads with the planners' screens: citizens never download it. */
export const DEMANDS_NS = 'demands';

/** The catalog of every language (a test keeps their keys equal). */
export const demandsResources = { fa: faDemands, ar: arDemands, en: enDemands } as const;

for (const [locale, bundle] of Object.entries(demandsResources)) {
  if (!i18next.hasResourceBundle(locale, DEMANDS_NS)) i18next.addResourceBundle(locale, DEMANDS_NS, bundle, true, true);
}
