import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@hamandishi/contracts';
import { LOCALE_NAMES } from '@/app/i18n';
import { isLocale } from '@/lib/locale';
import { buttonClassName } from './button';
import { GlobeIcon } from './icons';

// The Radix menu (with its positioning and focus code, ~20 KB compressed) is not needed to show a
// page: a look-alike button stands in until the visitor points at, focuses or presses it.
const loadMenu = () => import('./language-menu');
const LanguageMenu = lazy(loadMenu);

export type LanguageSwitcherProps = {
  onChange: (locale: Locale) => void;
  /** The languages to offer (a municipality's); all three when omitted. */
  locales?: readonly Locale[];
};

/** The header's language switcher: lists the languages offered, each written in itself. */
export function LanguageSwitcher({ onChange, locales }: LanguageSwitcherProps) {
  const { t, i18n } = useTranslation();
  const current: Locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const [isPressed, setIsPressed] = useState(false);

  // Pointing at or focusing the stand-in starts the download; only a completed press swaps it for
  // the menu (opened), so no press is ever lost on an element being replaced.
  const standIn = (
    <button
      type="button"
      className={buttonClassName({ variant: 'ghost', size: 'sm' })}
      aria-label={t('language.current', { name: LOCALE_NAMES[current] })}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() => setIsPressed(true)}
    >
      <GlobeIcon />
      <span lang={current}>{LOCALE_NAMES[current]}</span>
    </button>
  );

  if (!isPressed) return standIn;
  return (
    <Suspense fallback={standIn}>
      <LanguageMenu onChange={onChange} locales={locales} defaultOpen />
    </Suspense>
  );
}
