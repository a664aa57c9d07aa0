import { i18next } from '@/app/i18n';
import arAdmin from '@/locales/ar/admin.json';
import enAdmin from '@/locales/en/admin.json';
import faAdmin from '@/locales/fa/admin.json';

/** The administration area has its own catalog, loaded with its screens: citizens never download it. */
export const ADMIN_NS = 'admin';

/** The admin catalog of every language (a test keeps their keys equal). */
export const adminResources = { fa: faAdmin, ar: arAdmin, en: enAdmin } as const;

for (const [locale, bundle] of Object.entries(adminResources)) {
  if (!i18next.hasResourceBundle(locale, ADMIN_NS)) i18next.addResourceBundle(locale, ADMIN_NS, bundle, true, true);
}
