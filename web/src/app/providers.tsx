import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { DirectionProvider } from '@radix-ui/react-direction';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ToastProvider } from '@/components/toast';
import { createQueryClient } from '@/lib/query-client';
import { directionOf, isLocale } from '@/lib/locale';
import { i18next } from './i18n';

/** Gives Radix (menus, tabs, selects) the reading direction of the current language. */
function LocaleDirection({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const dir = directionOf(isLocale(i18n.language) ? i18n.language : 'fa');
  return <DirectionProvider dir={dir}>{children}</DirectionProvider>;
}

export type AppProvidersProps = { children: ReactNode; queryClient?: QueryClient };

/** Everything a page needs around it: server state, translations, direction and toasts. */
export function AppProviders({ children, queryClient }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18next}>
        <LocaleDirection>
          <ToastProvider>{children}</ToastProvider>
        </LocaleDirection>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
