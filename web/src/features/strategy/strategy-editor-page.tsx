import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, PageHeader, Spinner, Tabs } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { StructureTree } from './structure-tree';
import { ApprovalsPanel, BudgetPanel, ImportPanel, StatementForm, VersionsPanel } from './strategy-panels';
import { STRATEGY_NS } from './strategy-i18n';
import { useStructure } from './use-strategy';
import './strategy.css';

/** `/:slug/manage/plans/:planId/strategy`: the plan's structure editor (planners). */
export default function StrategyEditorPage() {
  return (
    <RequirePlanner>
      <StrategyEditor />
    </RequirePlanner>
  );
}

function StrategyEditor() {
  const { slug = '', planId = '' } = useParams();
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const locale = useLocale();
  const structure = useStructure(slug, planId);
  usePageTitle(t('page.title'));
  if (structure.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(structure.error))}</Alert>;
  if (!structure.data) return <Spinner />;
  const s = structure.data;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <article className="stack strategy">
      <p>
        <Link to={`/${slug}/manage/plans/${planId}`}>{t('page.back')}</Link>
      </p>
      <PageHeader title={t('page.heading', { title: pickLocalized(s.plan.title, locale) })} />
      <p className="muted" data-testid="strategy-counts">
        {t('page.counts', {
          goals: n(s.goals.length),
          outputs: n(s.outputs.length),
          indicators: n(s.indicators.length),
          projects: n(s.projects.length),
          actions: n(s.actions.length),
          portfolios: n(s.portfolios.length),
        })}
      </p>
      {!s.isEditable && <Alert variant="info">{t('page.locked', { status: t(`planStatus.${s.plan.status}`) })}</Alert>}
      <Tabs
        label={t('page.sections')}
        items={[
          {
            value: 'structure',
            label: t('tabs.structure'),
            content: (
              <div className="stack">
                <StatementForm slug={slug} planId={planId} structure={s} />
                <StructureTree slug={slug} planId={planId} structure={s} />
              </div>
            ),
          },
          { value: 'budget', label: t('tabs.budget'), content: <BudgetPanel slug={slug} planId={planId} structure={s} /> },
          { value: 'import', label: t('tabs.import'), content: <ImportPanel slug={slug} planId={planId} structure={s} /> },
          {
            value: 'approvals',
            label: t('tabs.approvals'),
            content: (
              <div className="stack">
                <ApprovalsPanel slug={slug} planId={planId} structure={s} />
                <VersionsPanel slug={slug} planId={planId} structure={s} />
              </div>
            ),
          },
        ]}
      />
    </article>
  );
}
