import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, PageHeader, Spinner, Table, Tabs } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { errorCodeOf } from '@/lib/errors';
import { MONITORING_NS } from './monitoring-i18n';
import { StatusBadge } from './monitoring-bits';
import { MeasurementForm, ReportForm } from './monitoring-forms';
import { LinksPanel, SettingsPanel } from './monitoring-panels';
import { useMonitoringOverview } from './use-monitoring';
import './monitoring.css';

/** `/:slug/manage/plans/:planId/monitoring`: measurements, progress reports, links and rules (planners). */
export default function MonitoringPage() {
  return (
    <RequirePlanner>
      <MonitoringScreen />
    </RequirePlanner>
  );
}

function MonitoringScreen() {
  const { slug = '', planId = '' } = useParams();
  const { t } = useTranslation([MONITORING_NS, 'errors']);
  usePageTitle(t('page.title'));
  const overview = useMonitoringOverview(slug, planId);

  return (
    <article className="stack">
      <p>
        <Link to={`/${slug}/manage/plans/${planId}`}>{t('page.back')}</Link>
      </p>
      <PageHeader title={t('page.title')} />
      <p>{t('page.intro')}</p>
      <p>
        <Link to={`/${slug}/plans/${planId}/accountability`}>{t('page.publicLink')}</Link>
      </p>
      {overview.isPending && <Spinner />}
      {overview.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(overview.error))}</Alert>}
      {overview.data && (
        <Tabs
          label={t('tabs.label')}
          items={[
            {
              value: 'indicators',
              label: t('tabs.indicators'),
              content: (
                <div className="stack">
                  {overview.data.indicators.length > 0 && (
                    <Table
                      caption={t('tabs.indicators')}
                      rowKey={(i) => i.id}
                      rows={overview.data.indicators}
                      columns={[
                        { key: 'code', header: t('indicators.code'), isRowHeader: true, render: (i) => <bdi>{i.code}</bdi> },
                        { key: 'title', header: t('indicators.title'), render: (i) => <bdi>{i.title}</bdi> },
                        { key: 'unit', header: t('indicators.unit'), render: (i) => <bdi>{i.unit}</bdi> },
                        { key: 'unitResp', header: t('indicators.responsible'), render: (i) => <bdi>{i.responsibleUnit ?? '—'}</bdi> },
                        { key: 'latest', header: t('indicators.latest'), render: (i) => <StatusBadge status={i.measurements.filter((m) => m.status).at(-1)?.status ?? null} /> },
                      ]}
                    />
                  )}
                  <MeasurementForm slug={slug} planId={planId} overview={overview.data} />
                </div>
              ),
            },
            { value: 'projects', label: t('tabs.projects'), content: <ReportForm slug={slug} planId={planId} overview={overview.data} /> },
            { value: 'links', label: t('tabs.links'), content: <LinksPanel slug={slug} planId={planId} overview={overview.data} /> },
            { value: 'settings', label: t('tabs.settings'), content: <SettingsPanel slug={slug} planId={planId} overview={overview.data} /> },
          ]}
        />
      )}
    </article>
  );
}
