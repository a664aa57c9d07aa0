import { i18next } from '@/app/i18n';
import arDemandExport from '@/locales/ar/demand-export.json';
import enDemandExport from '@/locales/en/demand-export.json';
import faDemandExport from '@/locales/fa/demand-export.json';

/** The demands export screen has its own catalog, loaded with it: citizens never download it. */
export const DEMAND_EXPORT_NS = 'demand-export';

/** The demands export catalog of every language (a test keeps their keys equal). */
export const demandExportResources = { fa: faDemandExport, ar: arDemandExport, en: enDemandExport } as const;

for (const [locale, bundle] of Object.entries(demandExportResources)) {
  if (!i18next.hasResourceBundle(locale, DEMAND_EXPORT_NS))
    i18next.addResourceBundle(locale, DEMAND_EXPORT_NS, bundle, true, true);
}
