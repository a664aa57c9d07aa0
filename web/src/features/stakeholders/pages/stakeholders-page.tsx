import '../stakeholders.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { STAKEHOLDER_KINDS, STAKEHOLDER_RELATIONS, type StakeholderKind, type StakeholderRelation, type TStakeholderListItem } from '@hamandishi/contracts';
import { Alert, Button, buttonClassName, PageHeader, Select, Table, Tabs, TextField, type TableColumn } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { usePlans } from '@/features/plans/api/use-plans';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { stakeholderExportUrl, useNotHeard, useStakeholderGrid, useStakeholders, type StakeholderFilters } from '../api/use-stakeholders';
import { CreateDialog } from '../components/create-dialog';
import { ImportDialog } from '../components/import-dialog';
import { PowerInterestGrid } from '../components/power-interest-grid';
import { STAKEHOLDERS_NS } from '../stakeholders-i18n';

const ALL = 'all';

/** `/:slug/manage/stakeholders`: the registry (list, search, filters, grid, not yet heard, import, export). */
export default function StakeholdersPage() {
  return (
    <RequirePlanner>
      <StakeholdersScreen />
    </RequirePlanner>
  );
}

function StakeholdersScreen() {
  const organization = useCurrentOrganization();
  const slug = organization.slug;
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const locale = useLocale();
  usePageTitle(t('page.title'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const plans = usePlans(slug);
  const [isImportOpen, setImportOpen] = useState(false);
  const [isCreateOpen, setCreateOpen] = useState(false);

  const planId = params.get('planId') ?? undefined;
  const tab = params.get('tab') ?? 'list';
  const filters: StakeholderFilters = {
    q: params.get('q') ?? undefined,
    kind: (params.get('kind') as StakeholderKind | null) ?? undefined,
    planId,
    relation: planId ? ((params.get('relation') as StakeholderRelation | null) ?? undefined) : undefined,
    mandatory: planId ? ((params.get('mandatory') as 'true' | 'false' | null) ?? undefined) : undefined,
    themeId: params.get('themeId') ?? undefined,
    districtId: params.get('districtId') ?? undefined,
    verified: (params.get('verified') as 'true' | 'false' | null) ?? undefined,
  };
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (!value || value === ALL) next.delete(key);
    else next.set(key, value);
    if (key === 'planId' && !value) {
      next.delete('relation');
      next.delete('mandatory');
    }
    setParams(next, { replace: true });
  };
  const [search, setSearch] = useState(filters.q ?? '');

  const list = useStakeholders(slug, filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const grid = useStakeholderGrid(slug, planId);
  const notHeard = useNotHeard(slug, planId);
  const plan = plans.data?.find((p) => p.id === planId);
  const planTitle = plan ? pickLocalized(plan.title, locale) : undefined;

  const yesNo = (key: string) => [
    { value: ALL, label: t('filters.all') },
    { value: 'true', label: t(`filters.${key}.true`) },
    { value: 'false', label: t(`filters.${key}.false`) },
  ];
  const columns: TableColumn<TStakeholderListItem>[] = [
    { key: 'name', header: t('fields.name'), isRowHeader: true, render: (s) => <Link to={`/${slug}/manage/stakeholders/${s.id}`}>{s.name}</Link> },
    { key: 'kind', header: t('fields.kind'), render: (s) => t(`kinds.${s.kind}`) },
    {
      key: 'verified',
      header: t('fields.verified'),
      render: (s) => (s.isVerified ? <span className="stakeholder-badge stakeholder-badge--verified">{t('profile.verified')}</span> : '—'),
    },
    ...(planId
      ? [
          { key: 'relation', header: t('fields.relation'), render: (s: TStakeholderListItem) => (s.assessment ? t(`relations.${s.assessment.relation}`) : t('list.notAssessed')) },
          {
            key: 'scores',
            header: t('fields.scores'),
            render: (s: TStakeholderListItem) =>
              s.assessment ? t('grid.tooltip', { interest: formatNumber(s.assessment.interest, locale), influence: formatNumber(s.assessment.influence, locale) }) : '—',
          },
          { key: 'mandatory', header: t('fields.mandatory'), render: (s: TStakeholderListItem) => (s.assessment ? t(s.assessment.isMandatory ? 'filters.mandatory.true' : 'filters.mandatory.false') : '—') },
        ]
      : []),
    { key: 'accounts', header: t('fields.linkedAccounts'), render: (s) => formatNumber(s.linkedAccounts, locale) },
  ];

  const listTab = (
    <div className="stack">
      {list.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(list.error))}</Alert>}
      {list.data && items.length === 0 && <p className="muted">{t('list.empty')}</p>}
      {items.length > 0 && <Table columns={columns} rows={items} rowKey={(s) => s.id} caption={t('list.caption')} />}
      {list.hasNextPage && (
        <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {t('list.more')}
        </Button>
      )}
    </div>
  );
  const gridTab = !planId ? (
    <p className="muted">{t('grid.choosePlan')}</p>
  ) : grid.data && grid.data.points.length === 0 ? (
    <p className="muted">{t('grid.empty')}</p>
  ) : grid.data ? (
    <PowerInterestGrid slug={slug} points={grid.data.points} locale={locale} onOpen={(id) => navigate(`/${slug}/manage/stakeholders/${id}`)} />
  ) : null;
  const notHeardTab = !planId ? (
    <p className="muted">{t('grid.choosePlan')}</p>
  ) : (
    <div className="stack">
      <p className="muted">{t('notHeard.intro')}</p>
      {notHeard.data?.stages.map((stage) => (
        <section key={stage.stageId} className="stakeholder-section" aria-labelledby={`nh-${stage.stageId}`}>
          <h3 id={`nh-${stage.stageId}`}>{pickLocalized(stage.title as { fa: string }, locale)}</h3>
          {stage.stakeholders.length === 0 ? (
            <p className="muted">{t('notHeard.none')}</p>
          ) : (
            <ul>
              {stage.stakeholders.map((s) => (
                <li key={s.id}>
                  <Link to={`/${slug}/manage/stakeholders/${s.id}`}>{s.name}</Link> ({t(`kinds.${s.kind}`)}){s.role ? ` — ${s.role}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );

  return (
    <article className="stack">
      <PageHeader
        title={t('page.title')}
        actions={
          <div className="stakeholder-toolbar">
            <Button onClick={() => setCreateOpen(true)}>{t('create.open')}</Button>
            <Button variant="secondary" onClick={() => setImportOpen(true)}>
              {t('import.open')}
            </Button>
            <a className={buttonClassName({ variant: 'ghost' })} href={stakeholderExportUrl(slug, 'csv', planId)} download>
              {t('export.csv')}
            </a>
            <a className={buttonClassName({ variant: 'ghost' })} href={stakeholderExportUrl(slug, 'xlsx', planId)} download>
              {t('export.xlsx')}
            </a>
          </div>
        }
      />
      <p>{t('page.intro')}</p>
      <form
        className="stakeholder-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', search.trim() || undefined);
        }}
      >
        <TextField label={t('filters.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} onBlur={() => setParam('q', search.trim() || undefined)} />
        <Select
          label={t('fields.plan')}
          value={planId ?? ALL}
          onValueChange={(v) => setParam('planId', v)}
          options={[{ value: ALL, label: t('filters.noPlan') }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: pickLocalized(p.title, locale) }))]}
        />
        <Select
          label={t('fields.kind')}
          value={filters.kind ?? ALL}
          onValueChange={(v) => setParam('kind', v)}
          options={[{ value: ALL, label: t('filters.all') }, ...STAKEHOLDER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))]}
        />
        {planId && (
          <>
            <Select
              label={t('fields.relation')}
              value={filters.relation ?? ALL}
              onValueChange={(v) => setParam('relation', v)}
              options={[{ value: ALL, label: t('filters.all') }, ...STAKEHOLDER_RELATIONS.map((r) => ({ value: r, label: t(`relations.${r}`) }))]}
            />
            <Select label={t('fields.mandatory')} value={filters.mandatory ?? ALL} onValueChange={(v) => setParam('mandatory', v)} options={yesNo('mandatory')} />
          </>
        )}
        <Select
          label={t('fields.theme')}
          value={filters.themeId ?? ALL}
          onValueChange={(v) => setParam('themeId', v)}
          options={[{ value: ALL, label: t('filters.all') }, ...organization.themes.filter((th) => !th.isArchived).map((th) => ({ value: th.id, label: pickLocalized(th.name, locale) }))]}
        />
        <Select
          label={t('fields.district')}
          value={filters.districtId ?? ALL}
          onValueChange={(v) => setParam('districtId', v)}
          options={[{ value: ALL, label: t('filters.all') }, ...organization.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) }))]}
        />
        <Select label={t('fields.verified')} value={filters.verified ?? ALL} onValueChange={(v) => setParam('verified', v)} options={yesNo('verified')} />
      </form>
      <Tabs
        label={t('page.views')}
        value={tab}
        onValueChange={(v) => setParam('tab', v === 'list' ? undefined : v)}
        items={[
          { value: 'list', label: t('tabs.list'), content: listTab },
          { value: 'grid', label: t('tabs.grid'), content: gridTab },
          { value: 'not-heard', label: t('tabs.notHeard'), content: notHeardTab },
        ]}
      />
      <ImportDialog slug={slug} planId={planId} planTitle={planTitle} isOpen={isImportOpen} onOpenChange={setImportOpen} />
      <CreateDialog slug={slug} isOpen={isCreateOpen} onOpenChange={setCreateOpen} />
    </article>
  );
}
