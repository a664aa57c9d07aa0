import { i18next } from '@/app/i18n';
import arPlatform from '@/locales/ar/platform.json';
import enPlatform from '@/locales/en/platform.json';
import faPlatform from '@/locales/fa/platform.json';

/** The platform administration has its own catalog, loaded with its screen: nobody else downloads it. */
export const PLATFORM_NS = 'platform';

/** The platform catalog of every language (a test keeps their keys equal). */
export const platformResources = { fa: faPlatform, ar: arPlatform, en: enPlatform } as const;

for (const [locale, bundle] of Object.entries(platformResources)) {
  if (!i18next.hasResourceBundle(locale, PLATFORM_NS)) i18next.addResourceBundle(locale, PLATFORM_NS, bundle, true, true);
}
