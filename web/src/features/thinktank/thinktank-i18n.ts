import { i18next } from '@/app/i18n';
import arThinktank from '@/locales/ar/thinktank.json';
import enThinktank from '@/locales/en/thinktank.json';
import faThinktank from '@/locales/fa/thinktank.json';

/** The think-tank sessions' catalog loads with their pages only. */
export const THINKTANK_NS = 'thinktank';

/** The catalog of every language (a test keeps their keys equal). */
export const thinktankResources = { fa: faThinktank, ar: arThinktank, en: enThinktank } as const;

for (const [locale, bundle] of Object.entries(thinktankResources)) {
  if (!i18next.hasResourceBundle(locale, THINKTANK_NS)) i18next.addResourceBundle(locale, THINKTANK_NS, bundle, true, true);
}
