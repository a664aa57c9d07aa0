import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Locale, TAccountabilityDashboard } from '@hamandishi/contracts';
import { Alert, PageHeader, Spinner, Table } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { AccountabilityChart } from './accountability-chart';
import { GoalCommentsList } from './public-comments';
import { STRATEGY_PUBLIC_NS } from './public-i18n';
import { accountabilityCsvUrl, useAccountability } from './use-accountability';
import './accountability.css';

const ProjectsMap = lazy(() => import('./projects-map'));
const STATUS_COLOURS = { on_track: '#15803d', at_risk: '#b45309', off_track: '#b91c1c', unmeasured: '#64748b' } as const;
const FILES = ['goals', 'indicators', 'measurements', 'projects', 'districts'] as const;

/** A Jalali year with the locale's digits and no grouping separator. */
const yearText = (year: number, locale: Locale) => formatNumber(year, locale).replace(/[٬,]/g, '');

/** `/:slug/plans/:planId/accountability`: the public accountability dashboard. */
export default function AccountabilityPage() {
  const { slug = '', planId = '' } = useParams();
  const { t } = useTranslation([STRATEGY_PUBLIC_NS, 'errors']);
  const locale = useLocale();
  const dashboard = useAccountability(slug, planId);
  const title = dashboard.data ? pickLocalized(dashboard.data.plan.title as { fa: string }, locale) : '';
  usePageTitle(t('dashboard.title', { plan: title }));

  return (
    <article className="stack accountability">
      <PageHeader title={t('dashboard.title', { plan: title })} />
      <p>{t('dashboard.intro')}</p>
      {dashboard.isPending && <Spinner />}
      {dashboard.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(dashboard.error))}</Alert>}
      {dashboard.data && <Dashboard slug={slug} planId={planId} data={dashboard.data} locale={locale} />}
    </article>
  );
}

function Dashboard({ slug, planId, data, locale }: { slug: string; planId: string; data: TAccountabilityDashboard; locale: Locale }) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  const organization = useCurrentOrganization();
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, locale)}٪`);
  if (data.goals.length === 0) return <p className="muted">{t('dashboard.empty')}</p>;
  const statuses = ['on_track', 'at_risk', 'off_track', 'unmeasured'] as const;

  return (
    <>
      <section className="stack" aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t('dashboard.downloads')}</h2>
        <ul className="accountability__downloads">
          {FILES.map((file) => (
            <li key={file}>
              <a className="button button--secondary" href={accountabilityCsvUrl(slug, planId, file)} download>
                {t(`dashboard.files.${file}`)} ({t('dashboard.download')})
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="goals-title">
        <h2 id="goals-title">{t('dashboard.goals')}</h2>
        <AccountabilityChart
          label={t('dashboard.goalChart')}
          locale={locale}
          isHorizontal
          categories={data.goals.map((g) => `${g.code} ${g.title}`)}
          series={statuses.map((s) => ({
            name: s === 'unmeasured' ? t('dashboard.unmeasured') : t(`status.${s}`),
            kind: 'bar' as const,
            stack: 'status',
            color: STATUS_COLOURS[s],
            values: data.goals.map((g) => g.indicatorStatus[s]),
          }))}
        />
        <Table
          caption={t('dashboard.goalsTable')}
          rowKey={(g) => g.id}
          rows={data.goals}
          columns={[
            { key: 'goal', header: t('project.goal'), isRowHeader: true, render: (g) => <bdi>{`${g.code} ${g.title}`}</bdi> },
            ...statuses.map((s) => ({ key: s, header: s === 'unmeasured' ? t('dashboard.unmeasured') : t(`status.${s}`), render: (g: (typeof data.goals)[number]) => formatNumber(g.indicatorStatus[s], locale) })),
            { key: 'progress', header: t('dashboard.averageProgress'), render: (g) => pct(g.averageProgress) },
            { key: 'cost', header: t('dashboard.totalCost'), render: (g) => formatNumber(g.totalCost, locale) },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('dashboard.indicators')}</h2>
        <div className="accountability__goals">
          {data.indicators.map((i) => {
            const periods = i.measurements.map((m) => (m.quarter ? t('dashboard.period', { year: yearText(m.year, locale), quarter: formatNumber(m.quarter, locale) }) : yearText(m.year, locale)));
            return (
              <section key={i.id} className="card stack" aria-label={`${i.code} ${i.title}`}>
                <h3>
                  <bdi>
                    {i.code} — {i.title}
                  </bdi>{' '}
                  <span className="muted">({i.unit})</span>
                </h3>
                <p className="muted">
                  {t('dashboard.formula', { formula: '' })}
                  <bdi dir="ltr">{i.formula}</bdi>
                </p>
                {i.measurements.length === 0 ? (
                  <p className="muted">{t('dashboard.noMeasurements')}</p>
                ) : (
                  <AccountabilityChart
                    label={t('dashboard.indicatorChart', { title: `${i.code} ${i.title}` })}
                    locale={locale}
                    categories={periods}
                    series={[
                      { name: t('dashboard.measured'), kind: 'bar', color: '#0f766e', values: i.measurements.map((m) => m.value) },
                      { name: t('dashboard.target'), kind: 'line', color: '#b45309', values: i.measurements.map((m) => m.target) },
                    ]}
                  />
                )}
              </section>
            );
          })}
        </div>
      </section>

      <section className="stack" aria-labelledby="map-title">
        <h2 id="map-title">{t('dashboard.projects')}</h2>
        <Suspense fallback={<Spinner />}>
          <ProjectsMap organization={organization} projects={data.projects} />
        </Suspense>
        <Table
          caption={t('dashboard.projectsTable')}
          rowKey={(p) => p.id}
          rows={data.projects}
          columns={[
            {
              key: 'project',
              header: t('dashboard.projectsTable'),
              isRowHeader: true,
              render: (p) => (
                <Link to={`/${slug}/projects/${p.id}`}>
                  <bdi>
                    {p.code} — {p.title}
                  </bdi>
                </Link>
              ),
            },
            { key: 'status', header: t('dashboard.status'), render: (p) => t(`projectStatus.${p.status}`) },
            { key: 'progress', header: t('dashboard.progress'), render: (p) => pct(p.progress) },
            { key: 'monitoring', header: t('dashboard.status'), render: (p) => t(`status.${p.monitoringStatus ?? 'none'}`) },
            { key: 'cost', header: t('dashboard.totalCost'), render: (p) => formatNumber(p.totalCost, locale) },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="goal-comments-title">
        <h2 id="goal-comments-title">{t('comments.title')}</h2>
        <GoalCommentsList slug={slug} goals={data.goals} />
      </section>

      <section className="stack" aria-labelledby="districts-title">
        <h2 id="districts-title">{t('dashboard.districts')}</h2>
        <Table
          caption={t('dashboard.districtsTable')}
          rowKey={(d) => d.id}
          rows={data.districts}
          columns={[
            { key: 'district', header: t('dashboard.district'), isRowHeader: true, render: (d) => pickLocalized(d.name as Record<Locale, string>, locale) },
            { key: 'count', header: t('dashboard.projectCount'), render: (d) => formatNumber(d.projectCount, locale) },
            { key: 'cost', header: t('dashboard.totalCost'), render: (d) => formatNumber(d.totalCost, locale) },
            { key: 'progress', header: t('dashboard.averageProgress'), render: (d) => pct(d.averageProgress) },
          ]}
        />
      </section>
    </>
  );
}
