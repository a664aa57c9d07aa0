import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClassName } from '@/components/button';
import { formatNumber } from '@/lib/format';
import { isApiError } from '@/lib/api-client';
import { isLocale } from '@/lib/locale';
import { RootErrorLayout } from './root-layout';
import { usePageTitle } from './use-page-title';

export type ErrorViewProps = { status?: number };

/** "Not found" or "something went wrong", always with a way home. */
export function ErrorView({ status }: ErrorViewProps) {
  const { t, i18n } = useTranslation();
  const isNotFound = status === 404;
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  usePageTitle(t(isNotFound ? 'errorPage.notFoundTitle' : 'errorPage.errorTitle'));
  return (
    <section className="empty-state" aria-labelledby="error-title">
      <h1 id="error-title">{t(isNotFound ? 'errorPage.notFoundTitle' : 'errorPage.errorTitle')}</h1>
      <p className="muted">{t(isNotFound ? 'errorPage.notFoundBody' : 'errorPage.errorBody')}</p>
      {status ? <p className="muted">{t('errorPage.code', { status: formatNumber(status, locale) })}</p> : null}
      <Link to="/" className={buttonClassName({ variant: 'primary' })}>
        {t('errorPage.goHome')}
      </Link>
    </section>
  );
}

/** The router's error boundary: unknown paths, failed lazy chunks, thrown API errors. */
export function RouteErrorPage() {
  const error = useRouteError();
  let status: number | undefined;
  if (isRouteErrorResponse(error)) status = error.status;
  else if (isApiError(error)) status = error.status || undefined;
  return (
    <RootErrorLayout>
      <ErrorView status={status ?? 500} />
    </RootErrorLayout>
  );
}

/** The page of a path that matches no route. */
export function NotFoundPage() {
  return <ErrorView status={404} />;
}
