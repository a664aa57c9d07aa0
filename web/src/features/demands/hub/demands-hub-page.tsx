import { lazy, Suspense, useMemo, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  DEMAND_CAPACITIES,
  DEMAND_KINDS,
  DEMAND_SOURCE_KINDS,
  type DemandMatrixDimension,
  type TDemand,
  type TDemandFilterInput,
  type TDemandImportReport,
  type TOrganization,
} from '@hamandishi/contracts';
import { Alert, Button, DateField, DateText, isIsoDate, PageHeader, Spinner, Tabs, TextField, UserText, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useOrganization } from '@/features/organizations/api/use-organizations';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { ClassifierStatusCard, SuggestionChips } from '@/features/demands/suggestions';
import { localizeDigits } from '@hamandishi/text';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { DEMANDS_NS } from './demands-i18n';
import {
  demandKeys,
  filterQuery,
  useBulkTag,
  useCreateDemand,
  useCreateGroup,
  useDeleteGroup,
  useDemandGroups,
  useDemandMatrix,
  useDemandPages,
  useDemandParticipation,
  useDemandTrends,
  useGroupSuggestions,
  useImportDemands,
  useTagDemand,
  useUpdateGroup,
} from './use-demands';
import './demands-hub.css';

const DemandsMap = lazy(() => import('./demands-map'));

/** The filter fields the page keeps in its address (so a matrix cell or a shared link opens the same table). */
const LIST_FIELDS = ['stageIds', 'sourceKinds', 'themeIds', 'kinds', 'priorities', 'capacities', 'districtIds'] as const;

function filterFromParams(params: URLSearchParams): TDemandFilterInput {
  const filter: Record<string, unknown> = { planId: params.get('planId') ?? '' };
  for (const key of LIST_FIELDS) {
    const value = params.get(key);
    if (value) filter[key] = value.split(',');
  }
  for (const key of ['untagged', 'located', 'from', 'to', 'q', 'groupId'] as const) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return filter as TDemandFilterInput;
}

/** `/:slug/manage/demands?planId=`: every input of a plan in one place (planners). */
export default function DemandsHubPage() {
  return (
    <RequirePlanner>
      <DemandsHub />
    </RequirePlanner>
  );
}

function DemandsHub() {
  const { slug = '' } = useParams();
  const { t } = useTranslation([DEMANDS_NS, 'errors']);
  usePageTitle(t('page.title'));
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const organization = useOrganization(slug);
  const [tab, setTab] = useState('table');

  function handleFilter(patch: Partial<Record<string, string | string[] | undefined>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      const text = Array.isArray(value) ? value.join(',') : value;
      if (text) next.set(key, text);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  if (!filter.planId) {
    return (
      <article className="stack">
        <PageHeader title={t('page.title')} />
        <Alert variant="info">{t('page.choosePlan')}</Alert>
        <Link to={`/${slug}/manage/plans`}>{t('page.plans')}</Link>
      </article>
    );
  }
  const org = organization.data;
  const exportQuery = filterQuery(filter);

  return (
    <article className="stack demands-hub">
      <PageHeader
        title={t('page.title')}
        actions={
          // Slot for the exports helper's page (CSV/XLSX/JSON/GeoJSON and the supporting document).
          <Link className="btn btn--secondary" data-testid="demands-export" to={`/${slug}/manage/demands/export?${exportQuery}`}>
            {t('page.export')}
          </Link>
        }
      />
      <p>{t('page.intro')}</p>
      <ClassifierStatusCard slug={slug} />
      {org ? <Filters org={org} filter={filter} onChange={handleFilter} /> : <Spinner />}
      <Tabs
        label={t('tabs.label')}
        value={tab}
        onValueChange={setTab}
        items={[
          { value: 'table', label: t('tabs.table'), content: org && <DemandTable slug={slug} org={org} filter={filter} /> },
          {
            value: 'matrix',
            label: t('tabs.matrix'),
            content: org && <Matrices slug={slug} org={org} filter={filter} isActive={tab === 'matrix'} onCell={(patch) => { handleFilter(patch); setTab('table'); }} />,
          },
          {
            value: 'map',
            label: t('tabs.map'),
            content: tab === 'map' && org && (
              <Suspense fallback={<Spinner />}>
                <DemandsMap slug={slug} org={org} filter={filter} />
              </Suspense>
            ),
          },
          { value: 'trends', label: t('tabs.trends'), content: <Trends slug={slug} filter={filter} isActive={tab === 'trends'} /> },
          { value: 'participation', label: t('tabs.participation'), content: <Participation slug={slug} filter={filter} isActive={tab === 'participation'} /> },
          { value: 'groups', label: t('tabs.groups'), content: <Groups slug={slug} planId={filter.planId} isActive={tab === 'groups'} onOpen={(groupId) => { handleFilter({ groupId }); setTab('table'); }} /> },
          { value: 'entry', label: t('tabs.entry'), content: org && <Entry slug={slug} org={org} planId={filter.planId} /> },
        ]}
      />
    </article>
  );
}

// ---- filters ------------------------------------------------------------------------------------

type FiltersProps = { org: TOrganization; filter: TDemandFilterInput; onChange: (patch: Record<string, string | string[] | undefined>) => void };

function MultiSelect({ label, name, options, value, onChange }: { label: string; name: string; options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <label className="field demands-filter">
      <span className="field__label">{label}</span>
      <select
        multiple
        name={name}
        className="demands-filter__select"
        value={value}
        onChange={(e) => onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Filters({ org, filter, onChange }: FiltersProps) {
  const { t } = useTranslation(DEMANDS_NS);
  const locale = useLocale();
  const [q, setQ] = useState(filter.q ?? '');
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  return (
    <section className="card demands-filters" aria-label={t('filters.label')}>
      <form
        className="demands-filters__search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q: q.trim() || undefined });
        }}
      >
        <TextField label={t('filters.q')} name="q" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Button type="submit" variant="secondary">
          {t('filters.search')}
        </Button>
      </form>
      <div className="demands-filters__grid">
        <MultiSelect
          label={t('filters.themes')}
          name="themeIds"
          value={list(filter.themeIds)}
          onChange={(v) => onChange({ themeIds: v })}
          options={org.themes.filter((th) => !th.isArchived).map((th) => ({ value: th.id, label: pickLocalized(th.name, locale) }))}
        />
        <MultiSelect label={t('filters.kinds')} name="kinds" value={list(filter.kinds)} onChange={(v) => onChange({ kinds: v })} options={DEMAND_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <MultiSelect
          label={t('filters.capacities')}
          name="capacities"
          value={list(filter.capacities)}
          onChange={(v) => onChange({ capacities: v })}
          options={DEMAND_CAPACITIES.map((c) => ({ value: c, label: t(`capacity.${c}`) }))}
        />
        <MultiSelect
          label={t('filters.districts')}
          name="districtIds"
          value={list(filter.districtIds)}
          onChange={(v) => onChange({ districtIds: v })}
          options={org.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) }))}
        />
        <MultiSelect
          label={t('filters.sources')}
          name="sourceKinds"
          value={list(filter.sourceKinds)}
          onChange={(v) => onChange({ sourceKinds: v })}
          options={DEMAND_SOURCE_KINDS.map((s) => ({ value: s, label: t(`source.${s}`) }))}
        />
        <MultiSelect
          label={t('filters.priorities')}
          name="priorities"
          value={list(filter.priorities).map(String)}
          onChange={(v) => onChange({ priorities: v })}
          options={[1, 2, 3].map((p) => ({ value: String(p), label: t(`priority.${p}`) }))}
        />
        <label className="field demands-filter">
          <span className="field__label">{t('filters.tagging')}</span>
          <select value={String(filter.untagged ?? '')} onChange={(e) => onChange({ untagged: e.currentTarget.value || undefined })}>
            <option value="">{t('filters.all')}</option>
            <option value="true">{t('filters.untagged')}</option>
            <option value="false">{t('filters.tagged')}</option>
          </select>
        </label>
        <div className="demands-filter">
          <DateField label={t('filters.from')} value={filter.from ?? ''} onChange={(v) => (v === '' || isIsoDate(v)) && onChange({ from: v || undefined })} />
        </div>
        <div className="demands-filter">
          <DateField label={t('filters.to')} value={filter.to ?? ''} onChange={(v) => (v === '' || isIsoDate(v)) && onChange({ to: v || undefined })} />
        </div>
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setQ('');
          onChange(Object.fromEntries([...LIST_FIELDS, 'untagged', 'located', 'from', 'to', 'q', 'groupId'].map((k) => [k, undefined])));
        }}
      >
        {t('filters.clear')}
      </Button>
    </section>
  );
}

// ---- the table ----------------------------------------------------------------------------------

/** Keys of the table: digits 1–9 toggle the n-th theme, p/s/g/q set the kind, j/k move (physical keys, any layout). */
const KIND_KEYS: Record<string, (typeof DEMAND_KINDS)[number]> = { KeyP: 'problem', KeyS: 'suggestion', KeyG: 'praise', KeyQ: 'question' };

function DemandTable({ slug, org, filter }: { slug: string; org: TOrganization; filter: TDemandFilterInput }) {
  const { t } = useTranslation([DEMANDS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const pages = useDemandPages(slug, filter);
  const queryClient = useQueryClient();
  const tag = useTagDemand(slug);
  const bulk = useBulkTag(slug);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [bulkTheme, setBulkTheme] = useState('');
  const themes = org.themes.filter((th) => !th.isArchived);
  const demands = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const districtName = new Map(org.districts.map((d) => [d.id, pickLocalized(d.name, locale)]));

  function toggleTheme(d: TDemand, themeId: string) {
    const has = d.themes.some((th) => th.id === themeId);
    tag.mutate({ demandId: d.id, change: has ? { removeThemeIds: [themeId] } : { addThemeIds: [themeId] } });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.target as HTMLElement).closest('input, select, textarea, button')) return;
    const d = demands[active];
    if (!d) return;
    const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
    if (digit && themes[Number(digit) - 1]) {
      event.preventDefault();
      toggleTheme(d, themes[Number(digit) - 1].id);
    } else if (KIND_KEYS[event.code]) {
      event.preventDefault();
      tag.mutate({ demandId: d.id, change: { kind: KIND_KEYS[event.code] } });
    } else if (event.code === 'KeyJ' || event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, demands.length - 1));
    } else if (event.code === 'KeyK' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.code === 'KeyX') {
      event.preventDefault();
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(d.id)) next.delete(d.id);
        else next.add(d.id);
        return next;
      });
    }
  }

  function handleBulk(scope: 'selected' | 'filter') {
    if (!bulkTheme) return;
    bulk.mutate(
      { filter, ...(scope === 'selected' ? { demandIds: [...selected] } : {}), addThemeIds: [bulkTheme] },
      {
        onSuccess: (r) => {
          toast.show({ variant: 'success', title: t('bulk.done', { count: r.changed, formatted: formatNumber(r.changed, locale) }) });
          setSelected(new Set());
        },
      },
    );
  }

  return (
    <div className="stack">
      <section className="demands-bulk" aria-label={t('bulk.label')}>
        <label className="field">
          <span className="field__label">{t('bulk.theme')}</span>
          <select value={bulkTheme} onChange={(e) => setBulkTheme(e.currentTarget.value)} name="bulkTheme">
            <option value="">{t('bulk.pick')}</option>
            {themes.map((th) => (
              <option key={th.id} value={th.id}>
                {pickLocalized(th.name, locale)}
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary" disabled={!bulkTheme || selected.size === 0} isLoading={bulk.isPending} onClick={() => handleBulk('selected')}>
          {t('bulk.selected', { count: selected.size, formatted: formatNumber(selected.size, locale) })}
        </Button>
        <Button variant="secondary" disabled={!bulkTheme} isLoading={bulk.isPending} onClick={() => handleBulk('filter')}>
          {t('bulk.filter')}
        </Button>
      </section>
      <p className="muted demands-keys">{t('table.keys', { themes: themes.slice(0, 9).map((th, i) => `${formatNumber(i + 1, locale)}: ${pickLocalized(th.name, locale)}`).join(' · ') })}</p>
      {(pages.isError || bulk.isError || tag.isError) && (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(pages.error ?? bulk.error ?? tag.error))}</Alert>
      )}
      {pages.isPending && <Spinner />}
      {pages.data && demands.length === 0 && <p className="muted">{t('table.empty')}</p>}
      {demands.length > 0 && (
        <div className="table-scroll">
          <table className="table demands-table">
            <caption className="visually-hidden">{t('table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.select')}</th>
                <th scope="col">{t('table.text')}</th>
                <th scope="col">{t('table.themes')}</th>
                <th scope="col">{t('table.kind')}</th>
                <th scope="col">{t('table.who')}</th>
                <th scope="col">{t('table.when')}</th>
              </tr>
            </thead>
            <tbody tabIndex={0} onKeyDown={handleKeyDown} aria-label={t('table.body')} data-testid="demands-rows">
              {demands.map((d, i) => (
                <tr key={d.id} className={i === active ? 'demands-table__row--active' : undefined} onClick={() => setActive(i)} data-testid="demand-row" aria-current={i === active ? 'true' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('table.selectOne')}
                      checked={selected.has(d.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setSelected((s) => {
                          const next = new Set(s);
                          if (on) next.add(d.id);
                          else next.delete(d.id);
                          return next;
                        });
                      }}
                    />
                  </td>
                  <td className="demands-table__text">
                    <UserText as="p">{d.text}</UserText>
                    <p className="muted">
                      {t(`source.${d.sourceKind}`)}
                      {d.meeting ? ` · ${d.meeting}` : ''}
                      {d.sourceState !== 'live' ? ` · ${t(`state.${d.sourceState}`)}` : ''}
                      {d.weight > 0 ? ` · ${t('table.weight', { formatted: formatNumber(d.weight, locale) })}` : ''}
                    </p>
                    {d.themes.length === 0 && i === active && <SuggestionChips slug={slug} demandId={d.id} onDecided={() => queryClient.invalidateQueries({ queryKey: demandKeys.all(slug) })} />}
                  </td>
                  <td>
                    <ul className="demands-themes">
                      {d.themes.map((th) => (
                        <li key={th.id} className="demands-theme" style={{ borderInlineStartColor: th.colour }}>
                          {pickLocalized(th.name, locale)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{d.kind ? t(`kind.${d.kind}`) : '—'}</td>
                  <td>
                    {d.capacity ? t(`capacity.${d.capacity}`, { defaultValue: d.capacity }) : '—'}
                    {d.districtId ? ` · ${districtName.get(d.districtId) ?? ''}` : ''}
                  </td>
                  <td>
                    <DateText value={d.occurredAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <Button variant="secondary" isLoading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
          {t('table.more')}
        </Button>
      )}
    </div>
  );
}

// ---- matrices, trends, participation ------------------------------------------------------------

function Matrices({ slug, org, filter, isActive, onCell }: { slug: string; org: TOrganization; filter: TDemandFilterInput; isActive: boolean; onCell: (patch: Record<string, string[]>) => void }) {
  const { t } = useTranslation([DEMANDS_NS, 'errors']);
  const locale = useLocale();
  const [by, setBy] = useState<DemandMatrixDimension>('capacity');
  const matrix = useDemandMatrix(slug, filter, by, isActive);
  const m = matrix.data;
  const count = new Map((m?.cells ?? []).map((c) => [`${c.themeId}|${c.key}`, c.count]));
  const columnLabel = (key: string, name: { fa: string } | null) => (key === 'none' ? t('matrix.none') : name ? pickLocalized(name, locale) : t(`capacity.${key}`, { defaultValue: key }));
  return (
    <div className="stack">
      <div role="group" aria-label={t('matrix.by')} className="demands-toggle">
        {(['capacity', 'district'] as const).map((d) => (
          <button key={d} type="button" className="btn btn--secondary btn--sm" aria-pressed={by === d} onClick={() => setBy(d)}>
            {t(`matrix.${d}`)}
          </button>
        ))}
      </div>
      {matrix.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(matrix.error))}</Alert>}
      {matrix.isPending && <Spinner />}
      {m && m.cells.length === 0 && <p className="muted">{t('matrix.empty')}</p>}
      {m && m.cells.length > 0 && (
        <div className="table-scroll">
          <table className="table demands-matrix" data-testid="demands-matrix">
            <caption>{t(`matrix.caption.${by}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matrix.theme')}</th>
                {m.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {columnLabel(c.key, c.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.themes.map((th) => (
                <tr key={th.id}>
                  <th scope="row">{pickLocalized(th.name, locale)}</th>
                  {m.columns.map((c) => {
                    const n = count.get(`${th.id}|${c.key}`) ?? 0;
                    return (
                      <td key={c.key}>
                        {n > 0 && c.key !== 'none' ? (
                          <button
                            type="button"
                            className="demands-matrix__cell"
                            aria-label={t('matrix.open', { theme: pickLocalized(th.name, locale), column: columnLabel(c.key, c.name), formatted: formatNumber(n, locale) })}
                            onClick={() => onCell({ themeIds: [th.id], ...(by === 'capacity' ? { capacities: [c.key] } : { districtIds: [c.key] }) })}
                          >
                            {formatNumber(n, locale)}
                          </button>
                        ) : (
                          formatNumber(n, locale)
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {org.themes.length === 0 && <p className="muted">{t('matrix.noThemes')}</p>}
    </div>
  );
}

function Trends({ slug, filter, isActive }: { slug: string; filter: TDemandFilterInput; isActive: boolean }) {
  const { t } = useTranslation(DEMANDS_NS);
  const locale = useLocale();
  const trends = useDemandTrends(slug, filter, isActive);
  const months = trends.data?.months ?? [];
  const max = Math.max(1, ...months.map((m) => m.count));
  if (trends.isPending) return isActive ? <Spinner /> : null;
  if (months.length === 0) return <p className="muted">{t('trends.empty')}</p>;
  return (
    <table className="table demands-trends">
      <caption>{t('trends.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trends.month')}</th>
          <th scope="col">{t('trends.count')}</th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{localizeDigits(m.month.replace('-', '/'), locale)}</th>
            <td>
              <span className="demands-bar" style={{ inlineSize: `${(m.count / max) * 100}%` }} aria-hidden="true" />
              {formatNumber(m.count, locale)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Participation({ slug, filter, isActive }: { slug: string; filter: TDemandFilterInput; isActive: boolean }) {
  const { t } = useTranslation(DEMANDS_NS);
  const locale = useLocale();
  const p = useDemandParticipation(slug, filter, isActive).data;
  if (!p) return isActive ? <Spinner /> : null;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <div className="stack" data-testid="demands-participation">
      <dl className="demands-figures">
        <dt>{t('participation.demands')}</dt>
        <dd>{n(p.demands)}</dd>
        <dt>{t('participation.people')}</dt>
        <dd>{n(p.people)}</dd>
        <dt>{t('participation.withoutAuthor')}</dt>
        <dd>{n(p.withoutAuthor)}</dd>
      </dl>
      <table className="table">
        <caption>{t('participation.bySource')}</caption>
        <tbody>
          {p.bySource.map((s) => (
            <tr key={s.sourceKind}>
              <th scope="row">{t(`source.${s.sourceKind}`)}</th>
              <td>{n(s.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table">
        <caption>{t('participation.byCapacity')}</caption>
        <tbody>
          {p.byCapacity.map((c) => (
            <tr key={c.capacity ?? 'none'}>
              <th scope="row">{c.capacity ? t(`capacity.${c.capacity}`, { defaultValue: c.capacity }) : t('matrix.none')}</th>
              <td>{n(c.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table">
        <caption>{t('participation.byDistrict')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participation.district')}</th>
            <th scope="col">{t('participation.demands')}</th>
            <th scope="col">{t('participation.people')}</th>
            <th scope="col">{t('participation.population')}</th>
            <th scope="col">{t('participation.per10k')}</th>
          </tr>
        </thead>
        <tbody>
          {p.byDistrict.map((d) => (
            <tr key={d.districtId ?? 'none'}>
              <th scope="row">{d.name ? pickLocalized(d.name, locale) : t('matrix.none')}</th>
              <td>{n(d.count)}</td>
              <td>{n(d.people)}</td>
              <td>{d.population === null ? '—' : n(d.population)}</td>
              <td>{d.per10k === null ? '—' : n(d.per10k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- groups -------------------------------------------------------------------------------------

function Groups({ slug, planId, isActive, onOpen }: { slug: string; planId: string; isActive: boolean; onOpen: (groupId: string) => void }) {
  const { t } = useTranslation([DEMANDS_NS, 'errors']);
  const locale = useLocale();
  const groups = useDemandGroups(slug, planId, isActive);
  const suggestions = useGroupSuggestions(slug, planId, isActive);
  const create = useCreateGroup(slug);
  const update = useUpdateGroup(slug);
  const remove = useDeleteGroup(slug);
  const [names, setNames] = useState<Record<string, string>>({});
  const error = create.error ?? update.error ?? remove.error;
  return (
    <div className="stack">
      {error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(error))}</Alert>}
      <h3>{t('groups.title')}</h3>
      {groups.data?.items.length === 0 && <p className="muted">{t('groups.empty')}</p>}
      <ul className="stack demands-groups">
        {groups.data?.items.map((g) => (
          <li key={g.id} className="card stack" data-testid="demand-group">
            <form
              className="demands-group__name"
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ groupId: g.id, name: (names[g.id] ?? g.name ?? '').trim() || null });
              }}
            >
              <TextField label={t('groups.name')} value={names[g.id] ?? g.name ?? ''} onChange={(e) => setNames({ ...names, [g.id]: e.currentTarget.value })} />
              <Button type="submit" variant="secondary" size="sm">
                {t('groups.save')}
              </Button>
            </form>
            <p>{t('groups.count', { count: g.count, formatted: formatNumber(g.count, locale) })}</p>
            <ul>
              {g.samples.map((s) => (
                <li key={s.id}>
                  <UserText>{s.text}</UserText>
                </li>
              ))}
            </ul>
            <label>
              <input type="checkbox" checked={g.isFocusCandidate} onChange={(e) => update.mutate({ groupId: g.id, isFocusCandidate: e.currentTarget.checked })} /> {t('groups.focus')}
            </label>
            <div className="demands-group__actions">
              <Button variant="secondary" size="sm" onClick={() => onOpen(g.id)}>
                {t('groups.open')}
              </Button>
              <Button variant="secondary" size="sm" onClick={() => remove.mutate(g.id)}>
                {t('groups.ungroup')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <h3>{t('groups.suggested')}</h3>
      {suggestions.isPending && isActive && <Spinner />}
      {suggestions.data?.items.length === 0 && <p className="muted">{t('groups.noSuggestions')}</p>}
      <ul className="stack">
        {suggestions.data?.items.map((s) => (
          <li key={s.demands.map((d) => d.id).join()} className="card stack" data-testid="group-suggestion">
            <ul>
              {s.demands.map((d) => (
                <li key={d.id}>
                  <UserText>{d.text}</UserText>
                </li>
              ))}
            </ul>
            <Button variant="secondary" size="sm" isLoading={create.isPending} onClick={() => create.mutate({ planId, demandIds: s.demands.map((d) => d.id) })}>
              {t('groups.create', { count: s.demands.length, formatted: formatNumber(s.demands.length, locale) })}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---- manual entry and import --------------------------------------------------------------------

function Entry({ slug, org, planId }: { slug: string; org: TOrganization; planId: string }) {
  const { t } = useTranslation([DEMANDS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const create = useCreateDemand(slug);
  const importer = useImportDemands(slug);
  const [meeting, setMeeting] = useState('');
  const [text, setText] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [capacity, setCapacity] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TDemandImportReport | null>(null);

  function handleCreate() {
    create.mutate(
      { planId, meeting, text, districtId: districtId || null, capacity: (capacity || null) as never },
      {
        onSuccess: () => {
          setText('');
          toast.show({ variant: 'success', title: t('entry.saved') });
        },
      },
    );
  }

  function handleImport(dryRun: boolean) {
    if (!file) return;
    importer.mutate({ planId, file, dryRun, meeting }, { onSuccess: setReport });
  }

  return (
    <div className="stack demands-entry">
      <section className="card stack" aria-labelledby="demands-entry-manual">
        <h3 id="demands-entry-manual">{t('entry.title')}</h3>
        <TextField label={t('entry.meeting')} name="meeting" value={meeting} onChange={(e) => setMeeting(e.currentTarget.value)} />
        <label className="field">
          <span className="field__label">{t('entry.text')}</span>
          <textarea name="text" rows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('filters.capacities')}</span>
          <select value={capacity} onChange={(e) => setCapacity(e.currentTarget.value)}>
            <option value="">—</option>
            {DEMAND_CAPACITIES.map((c) => (
              <option key={c} value={c}>
                {t(`capacity.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('filters.districts')}</span>
          <select value={districtId} onChange={(e) => setDistrictId(e.currentTarget.value)}>
            <option value="">—</option>
            {org.districts.map((d) => (
              <option key={d.id} value={d.id}>
                {pickLocalized(d.name, locale)}
              </option>
            ))}
          </select>
        </label>
        {create.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(create.error))}</Alert>}
        <Button disabled={!meeting.trim() || !text.trim()} isLoading={create.isPending} onClick={handleCreate}>
          {t('entry.save')}
        </Button>
      </section>
      <section className="card stack" aria-labelledby="demands-entry-import">
        <h3 id="demands-entry-import">{t('import.title')}</h3>
        <p className="muted">{t('import.help')}</p>
        <label className="field">
          <span className="field__label">{t('import.file')}</span>
          <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <div className="demands-group__actions">
          <Button variant="secondary" disabled={!file} isLoading={importer.isPending} onClick={() => handleImport(true)}>
            {t('import.check')}
          </Button>
          <Button disabled={!file} isLoading={importer.isPending} onClick={() => handleImport(false)}>
            {t('import.apply')}
          </Button>
        </div>
        {importer.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(importer.error))}</Alert>}
        {report && (
          <div role="status" className="stack">
            <p>{report.applied ? t('import.applied', { formatted: formatNumber(report.created, locale) }) : report.problems.length ? t('import.problems') : t('import.ready', { formatted: formatNumber(report.rows, locale) })}</p>
            {report.problems.length > 0 && (
              <ul>
                {report.problems.map((p, i) => (
                  <li key={i}>{t('import.problem', { row: formatNumber(p.row, locale), column: p.column ?? '—', problem: t(`import.reason.${p.problem}`) })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
