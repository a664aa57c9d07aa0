import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, EmptyState, PageHeader, Spinner } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { useOrganizations } from '../api/use-organizations';
import { usePageTitle } from '@/app/use-page-title';

/** `/`: pick the municipality whose plan you want to take part in. */
export default function OrganizationsPage() {
  const { t, i18n } = useTranslation(['organizations', 'common']);
  usePageTitle(t('list.title'));
  const organizations = useOrganizations();

  return (
    <>
      <PageHeader title={t('list.title')} description={t('list.intro')} />
      {organizations.isPending && <Spinner size="lg" />}
      {organizations.isError && (
        <Alert variant="danger">
          <p>{translateErrorCode(t, errorCodeOf(organizations.error))}</p>
          <Button variant="secondary" size="sm" onClick={() => void organizations.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      )}
      {organizations.data && organizations.data.length === 0 && (
        <EmptyState title={t('list.emptyTitle')} description={t('list.emptyBody')} />
      )}
      {organizations.data && organizations.data.length > 0 && (
        <ul className="grid" aria-label={t('list.listLabel')}>
          {organizations.data.map((organization) => (
            <li key={organization.id}>
              <Card title={pickLocalized(organization.name, i18n.language)} to={`/${organization.slug}`} headingLevel={2} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
