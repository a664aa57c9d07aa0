import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLocale, i18next } from '@/app/i18n';
import { LOCALE_STORAGE_KEY } from '@/lib/locale';
import { LanguageSwitcher } from './language-switcher';
import { renderWithApp } from '../../test/render';

describe('language switching', () => {
  it.each([
    ['en', 'ltr'],
    ['ar', 'rtl'],
    ['fa', 'rtl'],
  ] as const)('switching to %s sets lang and dir=%s on <html> and remembers the choice', async (locale, dir) => {
    await changeLocale(locale === 'fa' ? 'en' : 'fa');
    await changeLocale(locale);
    expect(document.documentElement).toHaveAttribute('lang', locale);
    expect(document.documentElement).toHaveAttribute('dir', dir);
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe(locale);
  });

  it('lists each language in its own script and switches fa → en → ar from the menu', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn((locale: 'fa' | 'ar' | 'en') => void changeLocale(locale));
    renderWithApp(<LanguageSwitcher onChange={onChange} />);
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');

    await user.click(screen.getByRole('button', { name: 'زبان: فارسی' }));
    const english = await screen.findByRole('menuitemradio', { name: 'English' });
    expect(english).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('menuitemradio', { name: 'العربية' })).toHaveAttribute('lang', 'ar');
    await user.click(english);

    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'ltr'));
    expect(document.documentElement).toHaveAttribute('lang', 'en');
    expect(i18next.language).toBe('en');

    await user.click(screen.getByRole('button', { name: 'Language: English' }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'العربية' }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'rtl'));
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(screen.getByRole('button', { name: 'اللغة: العربية' })).toBeInTheDocument();
  });
});
