import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { translateErrorCode } from '@/app/i18n';
import { isApiError } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';

export type QueryViewProps<T> = { query: UseQueryResult<T>; children: (data: T) => ReactNode };

/** A page's main query: spinner, not-found page, retryable error, or the page itself. */
export function QueryView<T>({ query, children }: QueryViewProps<T>) {
  const { t } = useTranslation(['common', 'errors']);
  if (query.isPending) return <Spinner size="lg" />;
  if (query.isError) {
    if (isApiError(query.error, 404)) return <ErrorView status={404} />;
    return (
      <Alert variant="danger">
        <p>{translateErrorCode(t, errorCodeOf(query.error))}</p>
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          {t('common:actions.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
