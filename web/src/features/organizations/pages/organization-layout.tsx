import { Outlet, useOutletContext, useParams } from 'react-router';
import type { TOrganization } from '@hamandishi/contracts';
import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { isApiError } from '@/lib/api-client';
import { useWatchOrganization } from '@/lib/realtime';
import { useOrganization } from '../api/use-organizations';

type OrganizationContext = { organization: TOrganization };

/** Loads the municipality of `/:slug` once for all its pages; an unknown slug is a 404. */
export default function OrganizationLayout() {
  const { t } = useTranslation('organizations');
  const { slug } = useParams();
  const query = useOrganization(slug);
  useWatchOrganization(query.data ? slug : undefined);

  if (query.isPending) return <Spinner size="lg" />;
  if (query.isError) {
    const status = isApiError(query.error) ? query.error.status || 500 : 500;
    return <ErrorView status={status === 404 ? 404 : status} />;
  }
  return (
    <>
      {/* A suspended municipality is read-only: say so on every page before anyone types. */}
      {query.data.status === 'suspended' && (
        <div className="organization-suspended">
          <Alert variant="danger">{t('suspendedBanner')}</Alert>
        </div>
      )}
      <Outlet context={{ organization: query.data } satisfies OrganizationContext} />
    </>
  );
}

/** The municipality of the current page (inside `/:slug`). */
export function useCurrentOrganization(): TOrganization {
  return useOutletContext<OrganizationContext>().organization;
}
