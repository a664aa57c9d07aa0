import { useTranslation } from 'react-i18next';
import type { Locale } from '@hamandishi/contracts';
import { isLocale } from './locale';

/** The interface language as a supported locale (Persian while i18next is still unsure). */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'fa';
}
