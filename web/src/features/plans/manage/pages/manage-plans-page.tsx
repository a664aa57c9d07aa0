import '../manage.css';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader, useToast } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { usePlans } from '../../api/use-plans';
import { PlanList } from '../../components/plan-list';
import { QueryView } from '../../components/query-view';
import { MANAGE_NS } from '../manage-i18n';
import { PlanForm } from '../plan-form';
import { RequirePlanner } from '../require-planner';
import { useCreatePlan } from '../use-manage-plans';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/manage/plans`: the planner's list of plans and a form for a new one. */
export default function ManagePlansPage() {
  return (
    <RequirePlanner>
      <ManagePlans />
    </RequirePlanner>
  );
}

function ManagePlans() {
  const { t } = useTranslation([MANAGE_NS, 'common']);
  usePageTitle(t('list.title'));
  const organization = useCurrentOrganization();
  const navigate = useNavigate();
  const toast = useToast();
  const plans = usePlans(organization.slug);
  const create = useCreatePlan(organization.slug);
  const base = `/${organization.slug}/manage/plans`;

  return (
    <div className="stack">
      <PageHeader title={t('list.title')} description={t('list.intro')} />
      <section aria-labelledby="manage-plans-list">
        <h2 id="manage-plans-list">{t('list.existing')}</h2>
        <QueryView query={plans}>
          {(data) =>
            data.length === 0 ? <p className="muted">{t('list.empty')}</p> : <PlanList slug={organization.slug} plans={data} basePath={base} />
          }
        </QueryView>
      </section>
      <section className="card" aria-labelledby="manage-plans-new">
        <h2 id="manage-plans-new">{t('list.newPlan')}</h2>
        <PlanForm
          submitLabel={t('list.create')}
          error={create.error}
          onSubmit={async (values) => {
            const plan = await create.mutateAsync(values);
            toast.show({ title: t('list.created'), variant: 'success' });
            void navigate(`${base}/${plan.id}`);
          }}
        />
      </section>
    </div>
  );
}
