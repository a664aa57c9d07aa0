import '../problems.css';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TProblemFilters } from '@hamandishi/contracts';
import { buttonClassName, PageHeader, Spinner } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { filtersToParams, useProblemHeat, useProblemMap, type TViewport } from '../api/use-problems';
import { ProblemList } from '../components/problem-list';
import { filtersFromSearch } from '../lib/filters-from-search';
import { PROBLEMS_NS } from '../problems-i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useSession } from '@/features/identity/api/use-session';

// Leaflet and its CSS are fetched only when the map is drawn.
const ProblemsMap = lazy(() => import('../components/problems-map'));
// The filter form (Radix selects, zod) is fetched when its panel opens: folded on a first visit,
// it would otherwise share a slow phone's link with the map it is folded to make room for.
const ProblemFilters = lazy(() => import('../components/problem-filters').then((m) => ({ default: m.ProblemFilters })));

/** `/:slug/problems`: the map of problems with its filters, and the same problems as a list. */
export default function ProblemsPage() {
  const { t } = useTranslation(PROBLEMS_NS);
  usePageTitle(t('title'));
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const hasFilters = Object.keys(filters).length > 0;
  const [isFiltersOpen, setIsFiltersOpen] = useState(hasFilters);
  const [viewport, setViewport] = useState<TViewport | null>(null);
  const [isHeatShown, setIsHeatShown] = useState(false);
  const map = useProblemMap(organization.slug, filters, viewport, !isHeatShown);
  const heat = useProblemHeat(organization.slug, filters, viewport, isHeatShown);
  const handleViewportChange = useCallback((next: TViewport) => setViewport(next), []);
  const { data: session } = useSession();
  const accountId = session?.account?.id ?? null;
  const isMine = Boolean(accountId) && search.get('mine') === '1';
  const handleFiltersChange = (next: TProblemFilters) => {
    const params = filtersToParams(next);
    if (isMine) params.set('mine', '1');
    setSearch(params, { replace: true });
  };
  const handleMine = (checked: boolean) => {
    const params = new URLSearchParams(search);
    if (checked) params.set('mine', '1');
    else params.delete('mine');
    setSearch(params, { replace: true });
  };

  return (
    <div className="stack">
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <Link to={`/${organization.slug}/problems/new`} className={buttonClassName({ variant: 'primary' })}>
            {t('report')}
          </Link>
        }
      />
      {/* Folded on phones so the map comes first; open while any filter is set. */}
      <details
        className="problem-filters-panel"
        open={hasFilters || undefined}
        onToggle={(event) => setIsFiltersOpen(event.currentTarget.open)}
      >
        <summary>{t('filters.title')}</summary>
        {(isFiltersOpen || hasFilters) && (
          <Suspense fallback={<Spinner />}>
            <ProblemFilters
              key={hasFilters ? 'set' : 'empty'}
              organization={organization}
              value={filters}
              onChange={handleFiltersChange}
            />
          </Suspense>
        )}
      </details>
      <div className="problems-layout">
        <section aria-labelledby="map-title" className="stack">
          <div className="problems-toolbar">
            <h2 id="map-title" className="visually-hidden">
              {t('map.label')}
            </h2>
            <p className="muted" aria-live="polite">
              {map.data && !isHeatShown ? t('map.total', { count: map.data.total, number: formatNumber(map.data.total, locale) }) : ''}
            </p>
            <label className="heat-toggle checkbox">
              <input type="checkbox" checked={isHeatShown} onChange={(e) => setIsHeatShown(e.target.checked)} />
              {t('map.heat')}
            </label>
          </div>
          <p className="visually-hidden">{t('map.listIsAlternative')}</p>
          <Suspense
            fallback={
              <div className="map-placeholder">
                <Spinner size="lg" />
              </div>
            }
          >
            <ProblemsMap
              organization={organization}
              view={map.data}
              heat={heat.data}
              isHeatShown={isHeatShown}
              onViewportChange={handleViewportChange}
            />
          </Suspense>
        </section>
        <section aria-labelledby="list-title" className="problems-layout__list stack">
          <h2 id="list-title">{t('list.title')}</h2>
          {accountId && (
            <label className="checkbox">
              <input type="checkbox" checked={isMine} onChange={(e) => handleMine(e.target.checked)} />
              {t('list.mine')}
            </label>
          )}
          <ProblemList organization={organization} filters={filters} mineOf={isMine ? accountId : null} />
        </section>
      </div>
    </div>
  );
}
