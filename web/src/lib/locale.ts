import type { Locale } from '@hamandishi/contracts';

// The same lists as libs/contracts (a test keeps them equal). Importing the values from there
// would pull zod into the first page's chunk: only the lazy form pages need it.
/** The supported languages, fa first. */
export const LOCALES = ['fa', 'ar', 'en'] as const satisfies readonly Locale[];
/** The platform's default language. */
export const DEFAULT_LOCALE: Locale = 'fa';
/** Languages written right-to-left. */
export const RTL_LOCALES: readonly Locale[] = ['fa', 'ar'];

export const LOCALE_STORAGE_KEY = 'hm_locale';

/** Narrows any string to a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Writing direction of a language. */
export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
}

/** The language chosen on this device earlier, else the platform default (Persian). */
export function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Private mode or disabled storage: fall back to the default.
  }
  return DEFAULT_LOCALE;
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not fatal: the choice just will not survive a reload.
  }
}

/** Applies the language to the document so screen readers and CSS logical properties follow. */
export function applyDocumentLocale(locale: Locale): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** Picks the text of a localised name in the wanted language, falling back to Persian. */
export function pickLocalized(text: { fa: string; ar?: string; en?: string }, locale: string): string {
  if (locale === 'ar' && text.ar) return text.ar;
  if (locale === 'en' && text.en) return text.en;
  return text.fa;
}
