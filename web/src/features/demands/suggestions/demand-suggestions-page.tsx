import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert, Button, DateText, PageHeader, UserText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { errorCodeOf } from '@/lib/errors';
import { ClassifierStatusCard } from './classifier-status-card';
import { SuggestionChips } from './suggestion-chips';
import { DEMAND_SUGGESTIONS_NS } from './suggestions-i18n';
import { useSuggestedDemands } from './use-demand-suggestions';
import './suggestions.css';

/** `/:slug/manage/demands/suggestions`: untagged demands with their suggested themes (planners). */
export default function DemandSuggestionsPage() {
  return (
    <RequirePlanner>
      <DemandSuggestionsScreen />
    </RequirePlanner>
  );
}

function DemandSuggestionsScreen() {
  const { slug = '' } = useParams();
  const { t } = useTranslation([DEMAND_SUGGESTIONS_NS, 'errors']);
  usePageTitle(t('page.title'));
  const pages = useSuggestedDemands(slug);
  const demands = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <article className="stack">
      <PageHeader title={t('page.title')} />
      <p>{t('page.intro')}</p>
      <ClassifierStatusCard slug={slug} />
      <h2>{t('page.list')}</h2>
      {pages.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(pages.error))}</Alert>}
      {pages.data && demands.length === 0 && <p className="muted">{t('page.empty')}</p>}
      <ul className="stack suggested-demands">
        {demands.map((d) => (
          <li key={d.demandId} className="card stack" data-testid="suggested-demand">
            <UserText as="p">{d.text}</UserText>
            <p className="muted">
              <DateText value={d.occurredAt} style="long" />
            </p>
            <SuggestionChips slug={slug} demandId={d.demandId} suggestions={d.suggestions} />
          </li>
        ))}
      </ul>
      {pages.hasNextPage && (
        <Button variant="secondary" isLoading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
          {t('page.more')}
        </Button>
      )}
    </article>
  );
}
