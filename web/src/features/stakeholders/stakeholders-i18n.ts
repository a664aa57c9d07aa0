import { i18next } from '@/app/i18n';
import arStakeholders from '@/locales/ar/stakeholders.json';
import enStakeholders from '@/locales/en/stakeholders.json';
import faStakeholders from '@/locales/fa/stakeholders.json';

/** The registry's catalog loads with the planners' stakeholder screens: citizens never download it. */
export const STAKEHOLDERS_NS = 'stakeholders';

/** The catalog of every language (a test keeps their keys equal). */
export const stakeholdersResources = { fa: faStakeholders, ar: arStakeholders, en: enStakeholders } as const;

for (const [locale, bundle] of Object.entries(stakeholdersResources)) {
  if (!i18next.hasResourceBundle(locale, STAKEHOLDERS_NS)) i18next.addResourceBundle(locale, STAKEHOLDERS_NS, bundle, true, true);
}
