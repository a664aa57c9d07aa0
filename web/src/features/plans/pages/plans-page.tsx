import '../plans.css';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeader } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { pickLocalized } from '@/lib/locale';
import { usePlans } from '../api/use-plans';
import { PlanList } from '../components/plan-list';
import { QueryView } from '../components/query-view';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/plans`: every plan of the municipality. */
export default function PlansPage() {
  const { t, i18n } = useTranslation('plans');
  usePageTitle(t('list.sectionTitle'));
  const organization = useCurrentOrganization();
  const plans = usePlans(organization.slug);
  return (
    <>
      <PageHeader title={t('list.title', { name: pickLocalized(organization.name, i18n.language) })} description={t('list.intro')} />
      <QueryView query={plans}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState title={t('list.emptyTitle')} description={t('list.emptyBody')} />
          ) : (
            <PlanList slug={organization.slug} plans={data} headingLevel={2} />
          )
        }
      </QueryView>
    </>
  );
}
