import '../thinktank.css';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '@hamandishi/contracts';
import { PageHeader, TableScroll, useToast } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { usePlan } from '@/features/plans/api/use-plans';
import { QueryView } from '@/features/plans/components/query-view';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { SessionForm } from '../session-form';
import { THINKTANK_NS } from '../thinktank-i18n';
import { useCreateSession, useSessions } from '../use-thinktank';

/** `/:slug/manage/plans/:planId/sessions`: a plan's think-tank sessions and scheduling a new one (planners). */
export default function ManageSessionsPage() {
  return (
    <RequirePlanner>
      <Loader />
    </RequirePlanner>
  );
}

function Loader() {
  const { planId = '' } = useParams();
  const organization = useCurrentOrganization();
  const plan = usePlan(organization.slug, planId);
  return <QueryView query={plan}>{(data) => <ManageSessions slug={organization.slug} plan={data} />}</QueryView>;
}

function ManageSessions({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([THINKTANK_NS, 'common']);
  const locale = useLocale();
  const toast = useToast();
  const uid = useId();
  const [filter, setFilter] = useState<{ stageId?: string; committeeId?: string }>({});
  const sessions = useSessions(slug, plan.id, filter);
  const create = useCreateSession(slug, plan.id);
  const title = t('sessions.title', { plan: pickLocalized(plan.title, locale) });
  usePageTitle(title);

  return (
    <div className="stack manage thinktank">
      <p>
        <Link to={`/${slug}/manage/plans/${plan.id}`}>{t('sessions.backToPlan')}</Link>
      </p>
      <PageHeader title={title} actions={<Link to={`/${slug}/manage/plans/${plan.id}/sessions/dashboard`}>{t('sessions.dashboard')}</Link>} />
      <section className="card stack" aria-labelledby="sessions-list">
        <h2 id="sessions-list">{t('sessions.list')}</h2>
        <div className="field-row">
          <div className="field">
            <label className="field__label" htmlFor={`${uid}-stage`}>
              {t('sessions.filterStage')}
            </label>
            <select id={`${uid}-stage`} className="field__input" value={filter.stageId ?? ''} onChange={(e) => setFilter((f) => ({ ...f, stageId: e.target.value || undefined }))}>
              <option value="">{t('sessions.all')}</option>
              {plan.stages.map((stage) => (
                <option key={stage.id} value={stage.id}>
                  {pickLocalized(stage.title, locale)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${uid}-committee`}>
              {t('sessions.filterCommittee')}
            </label>
            <select
              id={`${uid}-committee`}
              className="field__input"
              value={filter.committeeId ?? ''}
              onChange={(e) => setFilter((f) => ({ ...f, committeeId: e.target.value || undefined }))}
            >
              <option value="">{t('sessions.all')}</option>
              {plan.committees.map((committee) => (
                <option key={committee.id} value={committee.id}>
                  {pickLocalized(committee.name, locale)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {sessions.data && sessions.data.length === 0 && <p className="muted">{t('sessions.empty')}</p>}
        {sessions.data && sessions.data.length > 0 && (
          <TableScroll label={t('tableOf', { title: t('sessions.list') })}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('sessions.topic')}</th>
                  <th scope="col">{t('sessions.when')}</th>
                  <th scope="col">{t('sessions.committee')}</th>
                  <th scope="col">{t('sessions.status')}</th>
                  <th scope="col">{t('sessions.answers')}</th>
                  <th scope="col">{t('sessions.personHours')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id} data-testid="session-row">
                    <td>
                      <Link to={`/${slug}/manage/plans/${plan.id}/sessions/${s.id}`}>
                        <bdi>{s.topic}</bdi>
                      </Link>
                    </td>
                    <td>{formatDateTime(s.startsAt, locale)}</td>
                    <td>{s.committeeName ? pickLocalized(s.committeeName, locale) : '—'}</td>
                    <td>{t(`status.${s.status}`)}</td>
                    <td>
                      {t('sessions.answerCounts', {
                        yes: formatNumber(s.counts.yes, locale),
                        invited: formatNumber(s.counts.invited, locale),
                        waiting: formatNumber(s.counts.waiting, locale),
                      })}
                    </td>
                    <td>{formatNumber(s.personHours, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="card stack" aria-labelledby="sessions-new">
        <h2 id="sessions-new">{t('sessions.new')}</h2>
        {plan.stages.length === 0 ? (
          <p className="muted">{t('sessions.needsStage')}</p>
        ) : (
          <SessionForm
            slug={slug}
            plan={plan}
            submitLabel={t('sessions.schedule')}
            onSubmit={async (values) => {
              await create.mutateAsync(values);
              toast.show({ title: t('sessions.scheduled'), variant: 'success' });
            }}
          />
        )}
      </section>
    </div>
  );
}
