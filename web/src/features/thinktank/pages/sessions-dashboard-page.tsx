import '../thinktank.css';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClassName, PageHeader, Spinner, TableScroll } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { THINKTANK_NS } from '../thinktank-i18n';
import { dashboardExportUrl, useDashboard } from '../use-thinktank';

/** `/:slug/manage/plans/:planId/sessions/dashboard`: the figures cities publish about their sessions, exportable (planners). */
export default function SessionsDashboardPage() {
  return (
    <RequirePlanner>
      <Dashboard />
    </RequirePlanner>
  );
}

function Dashboard() {
  const { planId = '' } = useParams();
  const { slug } = useCurrentOrganization();
  const { t } = useTranslation(THINKTANK_NS);
  const locale = useLocale();
  usePageTitle(t('dashboard.title'));
  const dashboard = useDashboard(slug, planId);
  const n = (value: number) => formatNumber(value, locale);
  if (!dashboard.data) return <Spinner size="lg" />;
  const d = dashboard.data;
  return (
    <div className="stack manage thinktank">
      <p>
        <Link to={`/${slug}/manage/plans/${planId}/sessions`}>{t('dashboard.back')}</Link>
      </p>
      <PageHeader
        title={t('dashboard.title')}
        actions={
          <div className="thinktank-actions">
            <a className={buttonClassName({ variant: 'secondary', size: 'sm' })} href={dashboardExportUrl(slug, planId, 'xlsx', locale)} download>
              {t('dashboard.xlsx')}
            </a>
            <a className={buttonClassName({ variant: 'secondary', size: 'sm' })} href={dashboardExportUrl(slug, planId, 'csv', locale)} download>
              {t('dashboard.csv')}
            </a>
          </div>
        }
      />
      <dl className="thinktank-figures">
        <div className="card">
          <dt>{t('dashboard.sessionsHeld')}</dt>
          <dd>{n(d.sessionsHeld)}</dd>
        </div>
        <div className="card">
          <dt>{t('dashboard.sessionsScheduled')}</dt>
          <dd>{n(d.sessionsScheduled)}</dd>
        </div>
        <div className="card">
          <dt>{t('dashboard.participants')}</dt>
          <dd>{n(d.participants)}</dd>
        </div>
        <div className="card">
          <dt>{t('dashboard.personHours')}</dt>
          <dd data-testid="dashboard-person-hours">{n(d.personHours)}</dd>
        </div>
      </dl>
      <FigureTable
        id="by-kind"
        title={t('dashboard.byKind')}
        head={[t('dashboard.kind'), t('dashboard.participants'), t('dashboard.personHours')]}
        rows={d.participantsByKind.map((k) => [t(`kinds.${k.kind}`), n(k.participants), n(k.personHours)])}
      />
      <FigureTable
        id="by-committee"
        title={t('dashboard.byCommittee')}
        head={[t('dashboard.committee'), t('dashboard.sessions'), t('dashboard.personHours')]}
        rows={d.byCommittee.map((c) => [c.name ? pickLocalized(c.name, locale) : t('dashboard.noCommittee'), n(c.sessions), n(c.personHours)])}
      />
      <FigureTable
        id="by-stage"
        title={t('dashboard.byStage')}
        head={[t('dashboard.stage'), t('dashboard.sessions'), t('dashboard.personHours')]}
        rows={d.byStage.map((s) => [pickLocalized(s.title, locale), n(s.sessions), n(s.personHours)])}
      />
      <FigureTable
        id="sessions"
        title={t('dashboard.sessions')}
        head={[t('sessions.topic'), t('sessions.when'), t('sessions.status'), t('dashboard.participants'), t('dashboard.personHours')]}
        rows={d.sessions.map((s) => [s.topic, formatDateTime(s.startsAt, locale), t(`status.${s.status}`), n(s.participants), n(s.personHours)])}
      />
      {d.statementsAndThemes && (
        <FigureTable
          id="statements"
          title={t('dashboard.statements')}
          head={[t('dashboard.theme'), t('dashboard.statementCount')]}
          rows={d.statementsAndThemes.map((s) => [s.name ? pickLocalized(s.name, locale) : t('dashboard.noTheme'), n(s.statements)])}
        />
      )}
    </div>
  );
}

function FigureTable({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: string[][] }) {
  const { t } = useTranslation(THINKTANK_NS);
  return (
    <section className="card stack" aria-labelledby={`dashboard-${id}`}>
      <h2 id={`dashboard-${id}`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('dashboard.none')}</p>
      ) : (
        <TableScroll label={t('tableOf', { title })}>
          <table className="table">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>
                      <bdi>{cell}</bdi>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
