import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Spinner } from '@/components/spinner';
import { useSession } from '@/features/identity/api/use-session';
import { useRealtimeSession } from '@/lib/realtime';
import { Footer } from './footer';
import { Header } from './header';

/** Every page: skip link, header, main landmark, footer. */
export function RootLayout() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  useRealtimeSession(session?.account?.id);
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Spinner size="lg" />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
      <ScrollRestoration />
    </div>
  );
}

/** The shell around the error page when the router itself failed. */
export function RootErrorLayout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </div>
  );
}
