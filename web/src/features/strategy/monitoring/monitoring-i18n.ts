import { i18next } from '@/app/i18n';
import ar from '@/locales/ar/strategy-monitoring.json';
import en from '@/locales/en/strategy-monitoring.json';
import fa from '@/locales/fa/strategy-monitoring.json';

/** The monitoring screens' catalog loads with them: citizens never download it. */
export const MONITORING_NS = 'strategy-monitoring';

/** The catalog of every language (a test keeps their keys equal). */
export const monitoringResources = { fa, ar, en } as const;

for (const [locale, bundle] of Object.entries(monitoringResources)) {
  if (!i18next.hasResourceBundle(locale, MONITORING_NS)) i18next.addResourceBundle(locale, MONITORING_NS, bundle, true, true);
}
