import { i18next } from '@/app/i18n';
import ar from '@/locales/ar/strategy-public.json';
import en from '@/locales/en/strategy-public.json';
import fa from '@/locales/fa/strategy-public.json';

/** The accountability pages' catalog (dashboard, project page, a problem's plan response). */
export const STRATEGY_PUBLIC_NS = 'strategy-public';

/** The catalog of every language (a test keeps their keys equal). */
export const strategyPublicResources = { fa, ar, en } as const;

for (const [locale, bundle] of Object.entries(strategyPublicResources)) {
  if (!i18next.hasResourceBundle(locale, STRATEGY_PUBLIC_NS)) i18next.addResourceBundle(locale, STRATEGY_PUBLIC_NS, bundle, true, true);
}
