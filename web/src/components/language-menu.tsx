import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@hamandishi/contracts';
import { LOCALE_NAMES } from '@/app/i18n';
import { isLocale, LOCALES } from '@/lib/locale';
import { buttonClassName } from './button';
import { GlobeIcon } from './icons';

export type LanguageMenuProps = {
  onChange: (locale: Locale) => void;
  /** Opened by the press that loaded it. */
  defaultOpen?: boolean;
  /** The languages to offer (a municipality's); all three when omitted. */
  locales?: readonly Locale[];
};

/**
 * The language menu itself (Radix), loaded by `LanguageSwitcher` on first intent: lists the three
 * languages, each written in itself and marked with its `lang`.
 */
export default function LanguageMenu({ onChange, defaultOpen = false, locales = LOCALES }: LanguageMenuProps) {
  const { t, i18n } = useTranslation();
  const current: Locale = isLocale(i18n.language) ? i18n.language : 'fa';
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger
        className={buttonClassName({ variant: 'ghost', size: 'sm' })}
        aria-label={t('language.current', { name: LOCALE_NAMES[current] })}
      >
        <GlobeIcon />
        <span lang={current}>{LOCALE_NAMES[current]}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu__content" align="end" sideOffset={4}>
          <DropdownMenu.Label className="visually-hidden">{t('language.label')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={current}
            onValueChange={(value) => {
              if (isLocale(value)) onChange(value);
            }}
          >
            {LOCALES.filter((locale) => locales.includes(locale)).map((locale) => (
              <DropdownMenu.RadioItem
                key={locale}
                value={locale}
                className="menu__item"
                lang={locale}
                dir={locale === 'en' ? 'ltr' : 'rtl'}
              >
                {LOCALE_NAMES[locale]}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
