import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Spinner } from '@/components';
import { useCommentCounts } from '@/features/comments/api/use-comments';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { STRATEGY_PUBLIC_NS } from './public-i18n';

// The thread (its form, socket, catalog) loads only when someone opens it: most readers of the
// dashboard never do, and the citizen pages are read on phones on slow networks.
const CommentThread = lazy(() => import('@/features/comments/components/comment-thread').then((m) => ({ default: m.CommentThread })));

export type ProjectCommentsProps = { slug: string; projectId: string };

/** The public's comments on a project (the project page). */
export function ProjectComments({ slug, projectId }: ProjectCommentsProps) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  return (
    <Suspense fallback={<Spinner />}>
      <CommentThread slug={slug} targetType="project" targetId={projectId} title={t('comments.project')} />
    </Suspense>
  );
}

type Goal = { id: string; code: string; title: string };

export type GoalCommentsListProps = { slug: string; goals: Goal[] };

/** The plan's goals, each with a "comments (n)" toggle; the counts come in one request. */
export function GoalCommentsList({ slug, goals }: GoalCommentsListProps) {
  const counts = useCommentCounts(slug, 'goal', goals.map((g) => g.id));
  return (
    <ul className="goal-comments__list">
      {goals.map((g) => (
        <GoalComments key={g.id} slug={slug} goal={g} count={counts.data?.counts[g.id]} />
      ))}
    </ul>
  );
}

export type GoalCommentsProps = { slug: string; goal: Goal; /** Comments so far, when known. */ count?: number };

/** One goal of the dashboard with a toggle that opens the public's comments on it. */
export function GoalComments({ slug, goal, count }: GoalCommentsProps) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  const locale = useLocale();
  const [isOpen, setIsOpen] = useState(false);
  // The thread reports its own total once open (a comment posted here, or arriving live).
  const [liveCount, setLiveCount] = useState<number | undefined>(undefined);
  const shown = liveCount ?? count;
  const countText = shown === undefined ? '' : ` (${formatNumber(shown, locale)})`;
  const panelId = useId();
  const label = `${goal.code} ${goal.title}`;
  return (
    <li className="goal-comments stack">
      <div className="goal-comments__head">
        <bdi className="goal-comments__title">{label}</bdi>
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={isOpen}
          aria-controls={panelId}
          aria-label={`${t(isOpen ? 'comments.hideFor' : 'comments.showFor', { goal: label })}${countText}`}
          onClick={() => setIsOpen((open) => !open)}
        >
          {t(isOpen ? 'comments.hide' : 'comments.show')}
          {countText}
        </Button>
      </div>
      <div id={panelId} hidden={!isOpen}>
        {isOpen && (
          <Suspense fallback={<Spinner />}>
            <CommentThread slug={slug} targetType="goal" targetId={goal.id} title={t('comments.goal', { goal: label })} headingLevel={3} onTotalChange={setLiveCount} />
          </Suspense>
        )}
      </div>
    </li>
  );
}
