import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import type { Locale } from '@hamandishi/contracts';
import { applyDocumentLocale, isLocale, LOCALES, readStoredLocale, storeLocale } from '@/lib/locale';
import faCommon from '@/locales/fa/common.json';
import faIdentity from '@/locales/fa/identity.json';
import faOrganizations from '@/locales/fa/organizations.json';
import faProfile from '@/locales/fa/profile.json';
import faErrors from '@/locales/fa/errors.json';
import faPlans from '@/locales/fa/plans.json';
import faNotifications from '@/locales/fa/notifications.json';

/**
 * Persian, the default language, ships inside the first bundle so the first paint needs no extra
 * request. Arabic and English are fetched per namespace when someone chooses them: on 3G every
 * kilobyte before the first paint costs about 20 ms, and most visitors never switch.
 */
export const resources = {
  fa: {
    common: faCommon,
    identity: faIdentity,
    organizations: faOrganizations,
    profile: faProfile,
    errors: faErrors,
    plans: faPlans,
    notifications: faNotifications,
  },
} as const;

type Catalog = Record<string, unknown>;

/**
 * One catalog of a language. Persian is at hand; Arabic and English arrive as one small chunk per
 * namespace (Vite makes a chunk of each file the template can match, so each language gets its
 * own template: otherwise the Persian files would become separate requests too).
 */
export async function loadCatalog(locale: Locale, namespace: string): Promise<Catalog> {
  if (locale === 'fa') {
    const bundled = (resources.fa as Record<string, Catalog>)[namespace];
    if (bundled) return bundled;
    throw new Error(`The Persian catalog "${namespace}" is registered by its feature, not fetched`);
  }
  const module = (await (locale === 'ar'
    ? import(`../locales/ar/${namespace}.json`)
    : import(`../locales/en/${namespace}.json`))) as { default: Catalog };
  return module.default;
}

export const NAMESPACES = [
  'common',
  'identity',
  'organizations',
  'profile',
  'errors',
  'plans',
  'notifications',
] as const;

/** Each language's name written in that language (for the switcher). */
export const LOCALE_NAMES: Record<Locale, string> = { fa: 'فارسی', ar: 'العربية', en: 'English' };

let initialized = false;
let ready: Promise<unknown> = Promise.resolve();

/**
 * Initialises i18next once in the stored or default language: synchronously for Persian (bundled),
 * while Arabic or English catalogs are still on their way otherwise (see `whenI18nReady`).
 */
export function initI18n(locale: Locale = readStoredLocale()): I18n {
  if (!initialized) {
    initialized = true;
    i18next.on('languageChanged', (lng) => {
      if (isLocale(lng)) applyDocumentLocale(lng);
    });
    ready = i18next
      .use(initReactI18next)
      .use(resourcesToBackend((language: string, namespace: string) => loadCatalog(language as Locale, namespace)))
      .init({
        // A copy: i18next adds each fetched language to the object it is given.
        resources: { fa: { ...resources.fa } },
        // The bundled Persian is only part of what exists: the rest comes from the backend above.
        partialBundledLanguages: true,
        lng: locale,
        fallbackLng: 'fa',
        supportedLngs: [...LOCALES],
        ns: [...NAMESPACES],
        defaultNS: 'common',
        interpolation: { escapeValue: false },
        returnNull: false,
        initAsync: false,
        react: { useSuspense: false },
      });
  }
  applyDocumentLocale(locale);
  return i18next;
}

/**
 * Settles once the starting language's catalogs are in (at once for Persian). The app renders
 * after it, so an Arabic or English visitor never sees a flash of Persian text; a failed fetch
 * still renders, in Persian, rather than a blank page.
 */
export function whenI18nReady(): Promise<void> {
  return ready.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Switches the interface language, remembers it on this device and flips the direction. i18next
 * fetches the new language's catalogs first and only then changes language, so text and direction
 * flip together.
 */
export async function changeLocale(locale: Locale): Promise<void> {
  storeLocale(locale);
  await i18next.changeLanguage(locale);
  applyDocumentLocale(locale);
}

/** The current interface language. */
export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'fa';
}

/** Translates an API or client error code, with a generic fallback for codes not in the catalog. */
export function translateErrorCode(t: TFunction, code: string): string {
  return t(`errors:${code}`, { defaultValue: t('errors:generic') });
}

export { i18next };
