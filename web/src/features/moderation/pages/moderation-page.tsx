import '@/features/problems/problems.css';
import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { excerpt } from '@hamandishi/text';
import { Alert, Button, DateText, Dialog, DialogClose, PageHeader, Spinner, Tabs, TextField, UserText, useToast } from '@/components';
import { ErrorView } from '@/app/error-page';
import { translateErrorCode } from '@/app/i18n';
import { useDismissReports, useModerateComment, useModerationComments, type TModerationComment } from '@/features/comments/api/use-comments';
import { ReasonDialog } from '@/features/comments/components/comment-thread';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { useHideProblem, useModerationProblems, useRestoreProblem, type TModerationProblem } from '@/features/problems/api/use-problems';
import { ProblemStatusBadge } from '@/features/problems/components/problem-bits';
import { MergeProblemForm } from '@/features/problems/components/problem-staff-forms';
import { PROBLEMS_NS } from '@/features/problems/problems-i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/moderation`: reported and new problems and comments, for moderators. */
export default function ModerationPage() {
  const { t } = useTranslation(PROBLEMS_NS);
  const organization = useCurrentOrganization();
  const location = useLocation();
  const roles = useOrganizationRoles(organization.slug);
  usePageTitle(t('queue.title'));
  if (roles.isPending) return <Spinner size="lg" />;
  if (!roles.isSignedIn) return <Navigate to={`/${organization.slug}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!roles.isModerator) return <ErrorView status={403} />;
  return (
    <div className="stack">
      <PageHeader title={t('queue.title')} />
      <Tabs
        label={t('queue.title')}
        items={[
          { value: 'problems', label: t('queue.problems'), content: <ProblemQueue slug={organization.slug} /> },
          { value: 'comments', label: t('queue.comments'), content: <CommentQueue slug={organization.slug} /> },
        ]}
      />
    </div>
  );
}

export function ProblemQueue({ slug }: { slug: string }) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const [isHiddenOnly, setIsHiddenOnly] = useState(false);
  const query = useModerationProblems(slug, isHiddenOnly);
  const filter = (
    <label className="checkbox">
      <input type="checkbox" checked={isHiddenOnly} onChange={(e) => setIsHiddenOnly(e.target.checked)} />
      {t('queue.hiddenOnly')}
    </label>
  );
  if (query.isPending) return <Spinner />;
  if (query.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(query.error))}</Alert>;
  if (query.data.length === 0) return <div className="stack">{filter}<p className="muted">{t('queue.empty')}</p></div>;
  return (
    <div className="stack">
    {filter}
    <ul className="problem-list">
      {query.data.map((problem) => (
        <ProblemQueueItem key={problem.id} slug={slug} problem={problem} />
      ))}
    </ul>
    </div>
  );
}

function ProblemQueueItem({ slug, problem }: { slug: string; problem: TModerationProblem }) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const hide = useHideProblem(slug, problem.id);
  const restore = useRestoreProblem(slug, problem.id);
  const [isOpen, setIsOpen] = useState(false);
  const [isMerging, setIsMerging] = useState(false);
  const action = problem.isHidden ? restore : hide;
  return (
    <li className="problem-list__item">
      <div className="problem-list__body">
        <Link to={`/${slug}/problems/${problem.id}`}>
          <UserText>{problem.title}</UserText>
        </Link>
        {/* Who wrote it and how it starts: enough to judge most reports without opening each. */}
        <div className="problem-list__meta">
          {problem.author && (
            <span>
              <Trans t={t} i18nKey="queue.by" values={{ name: problem.author.displayName }} components={{ name: <UserText /> }} />
            </span>
          )}
          {problem.isAnonymous && <span className="badge badge--neutral">{t('queue.anonymousBadge')}</span>}
        </div>
        {problem.description && (
          <UserText as="p" className="problem-list__excerpt">
            {excerpt(problem.description, 200)}
          </UserText>
        )}
        <div className="problem-list__meta">
          <ProblemStatusBadge status={problem.status} />
          {problem.isHidden && <span className="badge badge--neutral">{t('queue.hiddenBadge')}</span>}
          {problem.reportCount !== undefined && <span className="muted">{t('queue.reports', { number: formatNumber(problem.reportCount, locale) })}</span>}
          <span className="muted">
            <DateText value={problem.createdAt} />
          </span>
        </div>
        <div className="comment__actions">
          <Button size="sm" variant={problem.isHidden ? 'secondary' : 'danger'} onClick={() => setIsOpen(true)}>
            {t(problem.isHidden ? 'moderation.restore' : 'moderation.hide')}
          </Button>
          {problem.status !== 'merged' && (
            <Button size="sm" variant="ghost" onClick={() => setIsMerging(true)}>
              {t('moderation.merge')}
            </Button>
          )}
        </div>
      </div>
      {isMerging && (
        <Dialog
          isOpen
          onOpenChange={(open) => !open && setIsMerging(false)}
          title={t('queue.mergeTitle', { title: problem.title })}
          actions={
            <DialogClose asChild>
              <Button variant="ghost">{t('common:actions.cancel')}</Button>
            </DialogClose>
          }
        >
          <MergeProblemForm slug={slug} problemId={problem.id} onMerged={() => setIsMerging(false)} />
        </Dialog>
      )}
      {isOpen && (
        <ReasonDialog
          title={t(problem.isHidden ? 'moderation.restore' : 'moderation.hide')}
          isPending={action.isPending}
          onClose={() => setIsOpen(false)}
          onSubmit={(reason) =>
            action.mutate(
              { reason },
              {
                onSuccess: () => {
                  setIsOpen(false);
                  toast.show({ title: t(problem.isHidden ? 'moderation.restored' : 'moderation.hidden'), variant: 'success' });
                },
                onError: (e) => toast.show({ title: translateErrorCode(t, errorCodeOf(e)), variant: 'danger' }),
              },
            )
          }
        />
      )}
    </li>
  );
}

export function CommentQueue({ slug }: { slug: string }) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const [filter, setFilter] = useState<'reported' | 'newest'>('reported');
  const query = useModerationComments(slug, filter);
  return (
    <div className="stack">
      <div className="comment__actions" role="group" aria-label={t('queue.comments')}>
        {(['reported', 'newest'] as const).map((value) => (
          <Button key={value} size="sm" variant={filter === value ? 'secondary' : 'ghost'} aria-pressed={filter === value} onClick={() => setFilter(value)}>
            {t(`queue.filters.${value}`)}
          </Button>
        ))}
      </div>
      {query.isPending && <Spinner />}
      {query.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(query.error))}</Alert>}
      {query.data?.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      {query.data && query.data.length > 0 && (
        <ul className="problem-list">
          {query.data.map((comment) => (
            <CommentQueueItem key={comment.id} slug={slug} comment={comment} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CommentQueueItem({ slug, comment }: { slug: string; comment: TModerationComment }) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const moderate = useModerateComment(slug);
  const [isOpen, setIsOpen] = useState(false);
  const [isDismissing, setIsDismissing] = useState(false);
  const action = comment.isHidden ? 'restore' : 'hide';
  const place = comment.link ?? (comment.targetType === 'problem' && comment.targetId ? `/${slug}/problems/${comment.targetId}#comment-${comment.id}` : null);
  return (
    <li className="problem-list__item">
      <div className="problem-list__body">
        <UserText as="strong">{comment.author?.displayName ?? ''}</UserText>
        {/* bodyHtml is sanitised by the server. */}
        <div className="comment__body" dir="auto" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }} />
        <div className="problem-list__meta">
          {comment.isHidden && <span className="badge badge--neutral">{t('queue.hiddenBadge')}</span>}
          {comment.reportCount !== undefined && <span className="muted">{t('queue.reports', { number: formatNumber(comment.reportCount, locale) })}</span>}
          {comment.reportReasons?.map((reason) => (
            <span key={reason} className="badge badge--warning">
              {t(`comments:report.reasons.${reason}`)}
            </span>
          ))}
          {comment.isHidden && comment.hiddenReason && <span className="muted">{comment.hiddenReason}</span>}
          <span className="muted">
            <DateText value={comment.createdAt} />
          </span>
          {place && <Link to={place}>{t('queue.openInPlace')}</Link>}
        </div>
        <div className="comment__actions">
          <Button size="sm" variant={comment.isHidden ? 'secondary' : 'danger'} onClick={() => setIsOpen(true)}>
            {t(comment.isHidden ? 'moderation.restore' : 'moderation.hide')}
          </Button>
          {!comment.isHidden && (comment.reportCount ?? 0) > 0 && (
            <Button size="sm" variant="ghost" onClick={() => setIsDismissing(true)}>
              {t('queue.dismiss')}
            </Button>
          )}
        </div>
      </div>
      {isDismissing && <DismissReportsDialog slug={slug} commentId={comment.id} onClose={() => setIsDismissing(false)} />}
      {isOpen && (
        <ReasonDialog
          title={t(`moderation.${action}`)}
          isPending={moderate.isPending}
          onClose={() => setIsOpen(false)}
          onSubmit={(reason) =>
            moderate.mutate(
              { id: comment.id, action, reason },
              {
                onSuccess: () => {
                  setIsOpen(false);
                  toast.show({ title: t(comment.isHidden ? 'moderation.restored' : 'moderation.hidden'), variant: 'success' });
                },
                onError: (e) => toast.show({ title: translateErrorCode(t, errorCodeOf(e)), variant: 'danger' }),
              },
            )
          }
        />
      )}
    </li>
  );
}

/** Keeps a reported comment and clears its reports, with an optional note for the audit log. */
function DismissReportsDialog({ slug, commentId, onClose }: { slug: string; commentId: string; onClose: () => void }) {
  const { t } = useTranslation([PROBLEMS_NS, 'common', 'errors']);
  const toast = useToast();
  const dismiss = useDismissReports(slug);
  const [note, setNote] = useState('');
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('queue.dismissTitle')}
      description={t('queue.dismissHelp')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="ghost">{t('common:actions.cancel')}</Button>
          </DialogClose>
          <Button
            isLoading={dismiss.isPending}
            onClick={() =>
              dismiss.mutate(
                { id: commentId, reason: note.trim() || undefined },
                {
                  onSuccess: () => {
                    onClose();
                    toast.show({ title: t('queue.dismissed'), variant: 'success' });
                  },
                  onError: (e) => toast.show({ title: translateErrorCode(t, errorCodeOf(e)), variant: 'danger' }),
                },
              )
            }
          >
            {t('queue.dismiss')}
          </Button>
        </>
      }
    >
      <TextField label={t('queue.dismissNote')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
    </Dialog>
  );
}
