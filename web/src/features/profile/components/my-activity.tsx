import '../profile.css';
import '@/features/comments/comments-i18n';
import '@/features/problems/problems-i18n';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMyComment, TMyFollow, TMyProblem, TMySupport } from '@hamandishi/contracts';
import { Alert, Button, DateText, Spinner, Tabs } from '@/components';
import { PlanStatusBadge, StageStatusBadge } from '@/features/plans/components/plan-bits';
import { ProblemStatusBadge } from '@/features/problems/components/problem-bits';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { type MyActivityKind, useMyActivity, useMyFollows } from '../api/use-my-activity';

export type MyActivityProps = { accountId: string; slug: string };

const TABS = ['problems', 'supports', 'comments', 'follows'] as const;
type Tab = (typeof TABS)[number];

/**
 * "My activity" on the profile: what I reported, supported, commented on and follow in this
 * municipality, and what became of each. A tab's list is fetched when the tab is first opened.
 */
export function MyActivity({ accountId, slug }: MyActivityProps) {
  const { t } = useTranslation('profile');
  const [tab, setTab] = useState<Tab>('problems');
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(new Set(['problems']));
  const handleTab = (value: string) => {
    const next = value as Tab;
    setTab(next);
    setOpened((old) => new Set([...old, next]));
  };
  const content: Record<Tab, ReactNode> = {
    problems: <PagedList accountId={accountId} slug={slug} kind="problems" isEnabled={opened.has('problems')} />,
    supports: <PagedList accountId={accountId} slug={slug} kind="supports" isEnabled={opened.has('supports')} />,
    comments: <PagedList accountId={accountId} slug={slug} kind="comments" isEnabled={opened.has('comments')} />,
    follows: <FollowList accountId={accountId} slug={slug} isEnabled={opened.has('follows')} />,
  };
  return (
    <section className="card stack my-activity" aria-labelledby="my-activity-title">
      <h2 id="my-activity-title">{t('activity.title')}</h2>
      <p className="muted">{t('activity.intro')}</p>
      <Tabs
        label={t('activity.title')}
        value={tab}
        onValueChange={handleTab}
        items={TABS.map((value) => ({ value, label: t(`activity.tabs.${value}`), content: content[value] }))}
      />
    </section>
  );
}

function PagedList({
  accountId,
  slug,
  kind,
  isEnabled,
}: {
  accountId: string;
  slug: string;
  kind: MyActivityKind;
  isEnabled: boolean;
}) {
  const { t } = useTranslation('profile');
  const list = useMyActivity(accountId, slug, kind, isEnabled);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  if (list.isPending) return <Spinner />;
  if (list.isError) return <Alert variant="danger">{t('activity.loadError')}</Alert>;
  if (items.length === 0) return <p className="muted">{t(`activity.empty.${kind}`)}</p>;
  return (
    <>
      <ul className="my-activity__list">
        {items.map((item) => (
          <li key={'id' in item ? item.id : item.problemId} className="my-activity__item">
            {kind === 'problems' && <ProblemItem slug={slug} problem={item as TMyProblem} />}
            {kind === 'supports' && <SupportItem slug={slug} support={item as TMySupport} />}
            {kind === 'comments' && <CommentItem comment={item as TMyComment} />}
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <p>
          <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('activity.loadMore')}
          </Button>
        </p>
      )}
    </>
  );
}

/** What became of a problem: its status, the planners' reason, when, and where a merged one went. */
function Fate({
  slug,
  fate,
}: {
  slug: string;
  fate: Pick<TMyProblem, 'status' | 'statusReason' | 'statusChangedAt' | 'mergedIntoId'>;
}) {
  const { t } = useTranslation('profile');
  return (
    <>
      <div className="my-activity__meta">
        <ProblemStatusBadge status={fate.status} />
        {fate.statusChangedAt && (
          <span className="muted">
            {t('activity.changedOn')} <DateText value={fate.statusChangedAt} />
          </span>
        )}
      </div>
      {fate.statusReason && <p className="muted">{t('activity.reason', { reason: fate.statusReason })}</p>}
      {fate.mergedIntoId && <Link to={`/${slug}/problems/${fate.mergedIntoId}`}>{t('activity.mergedInto')}</Link>}
    </>
  );
}

function ProblemItem({ slug, problem }: { slug: string; problem: TMyProblem }) {
  const { t } = useTranslation('profile');
  const locale = useLocale();
  return (
    <>
      {problem.isHidden ? (
        <strong>{problem.title}</strong>
      ) : (
        <Link to={`/${slug}/problems/${problem.id}`}>{problem.title}</Link>
      )}
      <Fate slug={slug} fate={problem} />
      <p className="muted">
        {t('activity.reportedOn')} <DateText value={problem.createdAt} /> ·{' '}
        {t('activity.supporters', { number: formatNumber(problem.supportCount, locale) })} ·{' '}
        {t('activity.commentCount', { number: formatNumber(problem.commentCount, locale) })}
      </p>
      {problem.isHidden && <p className="muted">{t('activity.hidden')}</p>}
    </>
  );
}

function SupportItem({ slug, support }: { slug: string; support: TMySupport }) {
  const { t } = useTranslation('profile');
  const locale = useLocale();
  return (
    <>
      <Link to={`/${slug}/problems/${support.problemId}`}>{support.title}</Link>
      <Fate slug={slug} fate={support} />
      <p className="muted">
        {t('activity.supportedOn')} <DateText value={support.supportedAt} /> ·{' '}
        {t('activity.supporters', { number: formatNumber(support.supportCount, locale) })}
      </p>
    </>
  );
}

function CommentItem({ comment }: { comment: TMyComment }) {
  const { t } = useTranslation(['profile', 'comments']);
  const locale = useLocale();
  // Comments on a consultation's text get an outcome from the planners; others do not.
  const hasOutcomes = comment.targetType === 'paragraph' || comment.targetType === 'document';
  return (
    <>
      <p className="my-activity__excerpt">«{comment.excerpt}»</p>
      <p className="muted">
        {t(comment.isReply ? 'activity.replyOn' : 'activity.commentOn')}{' '}
        {comment.place ? (
          <Link to={comment.place.link}>{pickLocalized(comment.place.title, locale)}</Link>
        ) : (
          t('activity.placeGone')
        )}
      </p>
      <div className="my-activity__meta">
        {comment.outcome ? (
          <span className="badge badge--success">{t(`comments:outcome.${comment.outcome.status}`)}</span>
        ) : (
          hasOutcomes && !comment.isReply && <span className="badge badge--info">{t('activity.outcomePending')}</span>
        )}
        {comment.isOfficial && <span className="badge badge--info">{t('comments:official')}</span>}
        <span className="muted">{t('activity.replies', { number: formatNumber(comment.replyCount, locale) })}</span>
        <span className="muted">
          <DateText value={comment.createdAt} />
        </span>
      </div>
      {comment.outcome?.reason && <p className="muted">{t('activity.reason', { reason: comment.outcome.reason })}</p>}
      {comment.isHidden && <p className="muted">{t('activity.hidden')}</p>}
    </>
  );
}

function FollowList({ accountId, slug, isEnabled }: { accountId: string; slug: string; isEnabled: boolean }) {
  const { t } = useTranslation('profile');
  const follows = useMyFollows(accountId, slug, isEnabled);
  if (follows.isPending) return <Spinner />;
  if (follows.isError) return <Alert variant="danger">{t('activity.loadError')}</Alert>;
  if (follows.data.length === 0) return <p className="muted">{t('activity.empty.follows')}</p>;
  return (
    <ul className="my-activity__list">
      {follows.data.map((follow) => (
        <li key={`${follow.targetType}:${follow.targetId}`} className="my-activity__item">
          <FollowItem slug={slug} follow={follow} />
        </li>
      ))}
    </ul>
  );
}

function FollowItem({ slug, follow }: { slug: string; follow: TMyFollow }) {
  const { t } = useTranslation('profile');
  const locale = useLocale();
  const link =
    follow.targetType === 'stage'
      ? `/${slug}/plans/${follow.planId}/stages/${follow.targetId}`
      : `/${slug}/plans/${follow.planId}`;
  return (
    <>
      <Link to={link}>{pickLocalized(follow.title, locale)}</Link>
      <div className="my-activity__meta">
        <span className="muted">{t(`activity.followKinds.${follow.targetType}`)}</span>
        {follow.stageStatus ? (
          <StageStatusBadge status={follow.stageStatus} />
        ) : (
          <PlanStatusBadge status={follow.planStatus} />
        )}
        {follow.targetType === 'stage' && <span className="muted">{pickLocalized(follow.planTitle, locale)}</span>}
      </div>
    </>
  );
}
