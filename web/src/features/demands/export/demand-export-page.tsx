import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TDemandFilterInput } from '@hamandishi/contracts';
import { Alert, PageHeader } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { DEMAND_EXPORT_NS } from './demand-export-i18n';
import { DemandExportPanel } from './demand-export-panel';

/**
 * `/:slug/manage/demands/export?planId=&<filters>`: the planner's exports of the demands the
 * demands page's filters select (passed on as they are; the API refuses a field it does not know).
 */
export default function DemandExportPage() {
  return (
    <RequirePlanner>
      <DemandExportScreen />
    </RequirePlanner>
  );
}

/** The filter of the query string: every parameter as sent (repeated keys joined with commas). */
export function filterFromSearch(params: URLSearchParams): TDemandFilterInput | null {
  const filter: Record<string, string> = {};
  for (const key of new Set(params.keys())) filter[key] = params.getAll(key).join(',');
  return filter.planId ? (filter as TDemandFilterInput) : null;
}

function DemandExportScreen() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation(DEMAND_EXPORT_NS);
  const locale = useLocale();
  usePageTitle(t('title'));
  const filter = useMemo(() => filterFromSearch(params), [params]);
  const filterCount = filter ? Object.keys(filter).filter((k) => k !== 'planId').length : 0;
  return (
    <article className="stack">
      <PageHeader title={t('title')} />
      {!filter && <Alert variant="info">{t('noPlan')}</Alert>}
      {filter && (
        <>
          <p className="muted">{filterCount > 0 ? t('filters', { n: formatNumber(filterCount, locale) }) : t('noFilters')}</p>
          <DemandExportPanel slug={slug} filter={filter} />
        </>
      )}
    </article>
  );
}
