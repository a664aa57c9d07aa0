import { i18next } from '@/app/i18n';
import arManage from '@/locales/ar/manage.json';
import enManage from '@/locales/en/manage.json';
import faManage from '@/locales/fa/manage.json';

/** The planners' screens have their own catalog, loaded with them: citizens never download it. */
export const MANAGE_NS = 'manage';

/** The manage catalog of every language (a test keeps their keys equal). */
export const manageResources = { fa: faManage, ar: arManage, en: enManage } as const;

for (const [locale, bundle] of Object.entries(manageResources)) {
  if (!i18next.hasResourceBundle(locale, MANAGE_NS)) i18next.addResourceBundle(locale, MANAGE_NS, bundle, true, true);
}
