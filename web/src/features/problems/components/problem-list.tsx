import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TOrganization, TProblemFilters } from '@hamandishi/contracts';
import { Alert, Button, DateText, Spinner, UserText } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useProblemList } from '../api/use-problems';
import { PROBLEMS_NS } from '../problems-i18n';
import { nameOf, ProblemStatusBadge } from './problem-bits';

export type ProblemListProps = {
  organization: TOrganization;
  filters: TProblemFilters;
  /** Only the reports of this signed-in account ("mine"). */
  mineOf?: string | null;
};

/** The accessible alternative to the map: the same filtered problems, newest first, "load more". */
export function ProblemList({ organization, filters, mineOf = null }: ProblemListProps) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const list = useProblemList(organization.slug, filters, true, mineOf);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <Spinner size="lg" />;
  if (list.isError) return <Alert variant="danger">{t('list.loadError')}</Alert>;
  if (items.length === 0) return <p className="muted">{t(mineOf ? 'list.emptyMine' : 'list.empty')}</p>;
  return (
    <>
      <ul className="problem-list">
        {items.map((problem) => (
          <li key={problem.id} className="problem-list__item">
            {problem.thumbUrl && <img className="problem-list__thumb" src={problem.thumbUrl} alt="" loading="lazy" />}
            <div className="problem-list__body">
              <Link to={`/${organization.slug}/problems/${problem.id}`}>
                <UserText>{problem.title}</UserText>
              </Link>
              <div className="problem-list__meta">
                <ProblemStatusBadge status={problem.status} />
                <span className="muted">{nameOf(organization.themes, problem.themeId, locale)}</span>
                {problem.districtId && <span className="muted">{nameOf(organization.districts, problem.districtId, locale)}</span>}
                <span className="muted">{t('list.supports', { count: problem.supportCount, number: formatNumber(problem.supportCount, locale) })}</span>
                <span className="muted">{t('list.comments', { count: problem.commentCount, number: formatNumber(problem.commentCount, locale) })}</span>
                <span className="muted">
                  <DateText value={problem.createdAt} />
                </span>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <p>
          <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('list.loadMore')}
          </Button>
        </p>
      )}
    </>
  );
}
