import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@hamandishi/contracts';
import { applyDocumentLocale, isLocale, LOCALES, readStoredLocale, storeLocale } from '@/lib/locale';
import faCommon from '@/locales/fa/common.json';
import faIdentity from '@/locales/fa/identity.json';
import faOrganizations from '@/locales/fa/organizations.json';
import faProfile from '@/locales/fa/profile.json';
import faErrors from '@/locales/fa/errors.json';
import faPlans from '@/locales/fa/plans.json';
import faNotifications from '@/locales/fa/notifications.json';
import arCommon from '@/locales/ar/common.json';
import arIdentity from '@/locales/ar/identity.json';
import arOrganizations from '@/locales/ar/organizations.json';
import arProfile from '@/locales/ar/profile.json';
import arErrors from '@/locales/ar/errors.json';
import arPlans from '@/locales/ar/plans.json';
import arNotifications from '@/locales/ar/notifications.json';
import enCommon from '@/locales/en/common.json';
import enIdentity from '@/locales/en/identity.json';
import enOrganizations from '@/locales/en/organizations.json';
import enProfile from '@/locales/en/profile.json';
import enErrors from '@/locales/en/errors.json';
import enPlans from '@/locales/en/plans.json';
import enNotifications from '@/locales/en/notifications.json';

/** Every catalog, bundled: three small languages cost less than an extra round trip on 3G. */
export const resources = {
  fa: { common: faCommon, identity: faIdentity, organizations: faOrganizations, profile: faProfile, errors: faErrors, plans: faPlans, notifications: faNotifications },
  ar: { common: arCommon, identity: arIdentity, organizations: arOrganizations, profile: arProfile, errors: arErrors, plans: arPlans, notifications: arNotifications },
  en: { common: enCommon, identity: enIdentity, organizations: enOrganizations, profile: enProfile, errors: enErrors, plans: enPlans, notifications: enNotifications },
} as const;

export const NAMESPACES = ['common', 'identity', 'organizations', 'profile', 'errors', 'plans', 'notifications'] as const;

/** Each language's name written in that language (for the switcher). */
export const LOCALE_NAMES: Record<Locale, string> = { fa: 'فارسی', ar: 'العربية', en: 'English' };

let initialized = false;

/** Initialises i18next once, synchronously, in the stored or default language. */
export function initI18n(locale: Locale = readStoredLocale()): I18n {
  if (!initialized) {
    initialized = true;
    i18next.on('languageChanged', (lng) => {
      if (isLocale(lng)) applyDocumentLocale(lng);
    });
    void i18next.use(initReactI18next).init({
      resources,
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

/** Switches the interface language, remembers it on this device and flips the direction. */
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
