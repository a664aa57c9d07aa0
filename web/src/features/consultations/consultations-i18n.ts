import { i18next } from '@/app/i18n';
import arConsultations from '@/locales/ar/consultations.json';
import enConsultations from '@/locales/en/consultations.json';
import faConsultations from '@/locales/fa/consultations.json';

/** The consultations catalog loads with the consultation pages, not with the main bundle. */
export const CONSULTATIONS_NS = 'consultations';

/** The consultations catalog of every language (a test keeps their keys equal). */
export const consultationsResources = { fa: faConsultations, ar: arConsultations, en: enConsultations } as const;

for (const [locale, bundle] of Object.entries(consultationsResources)) {
  if (!i18next.hasResourceBundle(locale, CONSULTATIONS_NS))
    i18next.addResourceBundle(locale, CONSULTATIONS_NS, bundle, true, true);
}
