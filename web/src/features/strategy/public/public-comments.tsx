import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Spinner } from '@/components';
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

export type GoalCommentsProps = { slug: string; goal: { id: string; code: string; title: string } };

/** One goal of the dashboard with a toggle that opens the public's comments on it. */
export function GoalComments({ slug, goal }: GoalCommentsProps) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  const [isOpen, setIsOpen] = useState(false);
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
          aria-label={t(isOpen ? 'comments.hideFor' : 'comments.showFor', { goal: label })}
          onClick={() => setIsOpen((open) => !open)}
        >
          {t(isOpen ? 'comments.hide' : 'comments.show')}
        </Button>
      </div>
      <div id={panelId} hidden={!isOpen}>
        {isOpen && (
          <Suspense fallback={<Spinner />}>
            <CommentThread slug={slug} targetType="goal" targetId={goal.id} title={t('comments.goal', { goal: label })} headingLevel={3} />
          </Suspense>
        )}
      </div>
    </li>
  );
}
