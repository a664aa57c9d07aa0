import '../comments.css';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  MAX_COMMENT_DEPTH,
  REPORT_REASONS,
  type CommentTarget,
  type TComment,
  type TPassage,
} from '@hamandishi/contracts';
import { Alert, Button, DateText, Dialog, DialogClose, Select, Spinner, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useSocketEffect } from '@/lib/realtime';
import { useLocale } from '@/lib/use-locale';
import { commentKeys, useCommentActions, useCommentThread } from '../api/use-comments';
import { COMMENTS_NS } from '../comments-i18n';
import { CommentForm } from './comment-form';
import { CommentOutcome, OutcomeDialog } from './comment-outcome';

export type CommentThreadProps = {
  slug: string;
  targetType: CommentTarget;
  targetId: string;
  /** The heading's text (default: "Comments") and level. */
  title?: string;
  headingLevel?: 2 | 3;
  /** False hides the form for a new top-level comment (a closed consultation, an earlier edition). */
  canPost?: boolean;
  /** A passage of the target's text the next top-level comment will quote. */
  passage?: TPassage | null;
  onClearPassage?: () => void;
  /** Called when a reader clicks a comment's quoted passage (to highlight it in the text). */
  onPassageClick?: (passage: TPassage) => void;
  /** Called when the number of comments (replies included) changes after it first loaded (posted here or arriving live). */
  onTotalChange?: (total: number) => void;
};

type Actions = ReturnType<typeof useCommentActions>;
type Context = {
  slug: string;
  targetType: CommentTarget;
  targetId: string;
  actions: Actions;
  canWrite: boolean;
  isModerator: boolean;
  isPlanner: boolean;
  onPassageClick?: (passage: TPassage) => void;
};

/** Outcomes ("incorporated") are recorded on comments about a consultation's text. */
const OUTCOME_TARGETS: readonly CommentTarget[] = ['paragraph', 'document'];

/** The discussion of anything commentable: threaded replies, stances, votes, reports, live. */
export function CommentThread({
  slug,
  targetType,
  targetId,
  title,
  headingLevel = 2,
  canPost = true,
  passage = null,
  onClearPassage,
  onPassageClick,
  onTotalChange,
}: CommentThreadProps) {
  const headingId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const locale = useLocale();
  const location = useLocation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const roles = useOrganizationRoles(slug);
  const thread = useCommentThread(slug, targetType, targetId);
  const actions = useCommentActions(slug, targetType, targetId);
  const items = thread.data?.pages.flatMap((page) => page.items) ?? [];
  // Replies count: the heading agrees with the count beside the paragraph, not with the pages of threads.
  const total = thread.data?.pages[0]?.commentCount ?? 0;
  const loadedTotal = thread.data ? total : null;
  const previousTotal = useRef<number | null>(null);
  useEffect(() => {
    if (loadedTotal === null) return;
    if (previousTotal.current !== null && previousTotal.current !== loadedTotal) onTotalChange?.(loadedTotal);
    previousTotal.current = loadedTotal;
  }, [loadedTotal, onTotalChange]);

  useSocketEffect(
    true,
    (socket) => {
      const watch = () => socket.emit('comments.watch', { targetType, targetId });
      const handleChanged = (payload: { targetType: string; targetId: string }) => {
        if (payload.targetType === targetType && payload.targetId === targetId) {
          void queryClient.invalidateQueries({ queryKey: commentKeys.thread(slug, targetType, targetId) });
        }
      };
      if (socket.connected) watch();
      socket.on('connect', watch);
      socket.on('comment.changed', handleChanged);
      return () => {
        socket.off('connect', watch);
        socket.off('comment.changed', handleChanged);
        if (socket.connected) socket.emit('comments.unwatch', { targetType, targetId });
      };
    },
    [slug, targetType, targetId],
  );

  const context: Context = {
    slug,
    targetType,
    targetId,
    actions,
    canWrite: roles.isSignedIn,
    isModerator: roles.isModerator,
    isPlanner: roles.isPlanner,
    onPassageClick,
  };

  return (
    <section className="comments stack" aria-labelledby={headingId}>
      <Heading id={headingId}>
        {title ?? t('title')} {thread.data && <span className="muted">({formatNumber(total, locale)})</span>}
      </Heading>
      {!canPost ? null : roles.isSignedIn ? (
        <div className="stack">
          {passage && (
            <div className="comment-form__passage">
              <p className="field__label">{t('passage.commentingOn')}</p>
              <blockquote className="comment__passage">{passage.quote}</blockquote>
              {onClearPassage && (
                <Button size="sm" variant="ghost" onClick={onClearPassage}>
                  {t('passage.clear')}
                </Button>
              )}
            </div>
          )}
          <CommentForm
            label={passage ? t('passage.label') : t('new')}
            submitLabel={t('post')}
            isPending={actions.create.isPending}
            onSubmit={(values) =>
              actions.create
                .mutateAsync({ targetType, targetId, ...values, ...(passage ? { passage } : {}) })
                .then(() => {
                  toast.show({ title: t('posted'), variant: 'success' });
                  onClearPassage?.();
                })
                .catch((error: unknown) =>
                  toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
                )
            }
          />
        </div>
      ) : (
        <p>
          <Link to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('signInToComment')}</Link>
        </p>
      )}
      {thread.isPending && <Spinner />}
      {thread.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(thread.error))}</Alert>}
      {thread.data && items.length === 0 && <p className="muted">{t('empty')}</p>}
      {items.length > 0 && (
        <ol className="comment-list">
          {items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} context={context} />
          ))}
        </ol>
      )}
      {thread.hasNextPage && (
        <Button variant="secondary" isLoading={thread.isFetchingNextPage} onClick={() => void thread.fetchNextPage()}>
          {t('loadMore')}
        </Button>
      )}
    </section>
  );
}

function CommentItem({ comment, context }: { comment: TComment; context: Context }) {
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const [mode, setMode] = useState<'view' | 'reply' | 'edit'>('view');
  const [isReporting, setIsReporting] = useState(false);
  const [isModerating, setIsModerating] = useState(false);
  const [isDeciding, setIsDeciding] = useState(false);
  const { actions } = context;
  const canDecide =
    context.isPlanner && comment.depth === 0 && !comment.isHidden && OUTCOME_TARGETS.includes(context.targetType);
  const onError = (error: unknown) =>
    toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' });
  const canReply = context.canWrite && comment.depth < MAX_COMMENT_DEPTH && !comment.isHidden;
  const author = comment.author?.displayName ?? t('anonymous');

  const vote = (value: 1 | -1) =>
    actions.vote.mutate({ id: comment.id, value: comment.myVote === value ? 0 : value }, { onError });

  // A link to `#comment-<id>` (the moderation queue, a notification) brings this comment into view.
  const location = useLocation();
  const isLinked = location.hash === `#comment-${comment.id}`;
  const itemRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!isLinked) return;
    itemRef.current?.scrollIntoView({ block: 'center' });
    itemRef.current?.focus({ preventScroll: true });
  }, [isLinked]);

  return (
    <li
      ref={itemRef}
      id={`comment-${comment.id}`}
      tabIndex={isLinked ? -1 : undefined}
      className={[
        'comment',
        comment.isOfficial && 'comment--official',
        comment.isHidden && 'comment--hidden',
        isLinked && 'comment--linked',
      ]
        .filter(Boolean)
        .join(' ')}
      data-depth={comment.depth}
    >
      <article aria-label={author}>
        <header className="comment__header">
          <bdi dir="auto">
            <strong>{author}</strong>
          </bdi>
          {comment.isOfficial && <span className="badge badge--success">{t('official')}</span>}
          {comment.alignment && (
            <span className={`chip chip--${comment.alignment}`}>{t(`alignment.${comment.alignment}`)}</span>
          )}
          <span className="muted">
            <DateText value={comment.createdAt} />
          </span>
          {comment.isEdited && <span className="muted">({t('edited')})</span>}
        </header>
        {comment.passage && !comment.isHidden && (
          <blockquote className="comment__passage">
            {context.onPassageClick ? (
              <button
                type="button"
                className="comment__passage-link"
                title={t('passage.show')}
                onClick={() => comment.passage && context.onPassageClick?.(comment.passage)}
              >
                {comment.passage.quote}
              </button>
            ) : (
              comment.passage.quote
            )}
          </blockquote>
        )}
        {comment.isHidden ? (
          <p className="muted comment__hidden">{t('hiddenByModerator', { reason: comment.hiddenReason ?? '' })}</p>
        ) : mode === 'edit' ? (
          <CommentForm
            label={t('edit')}
            submitLabel={t('save')}
            defaultValues={{ body: comment.body ?? '', alignment: comment.alignment ?? undefined }}
            isPending={actions.edit.isPending}
            onCancel={() => setMode('view')}
            onSubmit={(values) =>
              actions.edit
                .mutateAsync({ id: comment.id, ...values })
                .then(() => setMode('view'))
                .catch(onError)
            }
          />
        ) : (
          // bodyHtml is sanitised by the server; never render `body` as HTML.
          <div className="comment__body" dir="auto" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }} />
        )}
        {comment.outcome && <CommentOutcome outcome={comment.outcome} />}
        {!comment.isHidden && mode !== 'edit' && (
          <div className="comment__actions">
            <Button
              size="sm"
              variant={comment.myVote === 1 ? 'secondary' : 'ghost'}
              aria-pressed={comment.myVote === 1}
              disabled={!context.canWrite}
              onClick={() => vote(1)}
            >
              ▲ {t('vote.up', { number: formatNumber(comment.upvotes, locale) })}
            </Button>
            <Button
              size="sm"
              variant={comment.myVote === -1 ? 'secondary' : 'ghost'}
              aria-pressed={comment.myVote === -1}
              disabled={!context.canWrite}
              onClick={() => vote(-1)}
            >
              ▼ {t('vote.down', { number: formatNumber(comment.downvotes, locale) })}
            </Button>
            {canReply && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setMode(mode === 'reply' ? 'view' : 'reply')}
                aria-expanded={mode === 'reply'}
              >
                {t('reply')}
              </Button>
            )}
            {comment.canEdit && (
              <Button size="sm" variant="ghost" onClick={() => setMode('edit')}>
                {t('edit')}
              </Button>
            )}
            {context.canWrite && (
              <Button size="sm" variant="ghost" onClick={() => setIsReporting(true)}>
                {t('report.action')}
              </Button>
            )}
            {canDecide && (
              <Button size="sm" variant="ghost" onClick={() => setIsDeciding(true)}>
                {t('outcome.action')}
              </Button>
            )}
            {context.isPlanner && (
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={comment.isOfficial}
                onClick={() =>
                  actions.official.mutate({ id: comment.id, isOfficial: !comment.isOfficial }, { onError })
                }
              >
                {t('markOfficial')}
              </Button>
            )}
          </div>
        )}
        {context.isModerator && (
          <Button size="sm" variant="ghost" onClick={() => setIsModerating(true)}>
            {t(comment.isHidden ? 'restore' : 'hide')}
          </Button>
        )}
        {mode === 'reply' && (
          <CommentForm
            label={t('replyTo', { name: author })}
            submitLabel={t('post')}
            isPending={actions.create.isPending}
            onCancel={() => setMode('view')}
            onSubmit={(values) =>
              actions.create
                .mutateAsync({
                  targetType: context.targetType,
                  targetId: context.targetId,
                  parentId: comment.id,
                  ...values,
                })
                .then(() => setMode('view'))
                .catch(onError)
            }
          />
        )}
      </article>
      {isDeciding && (
        <OutcomeDialog
          outcome={comment.outcome}
          isPending={actions.outcome.isPending}
          onClose={() => setIsDeciding(false)}
          onSubmit={(input) =>
            actions.outcome.mutate({ id: comment.id, ...input }, { onSuccess: () => setIsDeciding(false), onError })
          }
        />
      )}
      {isReporting && <ReportDialog commentId={comment.id} actions={actions} onClose={() => setIsReporting(false)} />}
      {isModerating && (
        <ReasonDialog
          title={t(comment.isHidden ? 'restore' : 'hide')}
          isPending={actions.hide.isPending || actions.restore.isPending}
          onClose={() => setIsModerating(false)}
          onSubmit={(reason) =>
            (comment.isHidden ? actions.restore : actions.hide).mutate(
              { id: comment.id, reason },
              { onSuccess: () => setIsModerating(false), onError },
            )
          }
        />
      )}
      {comment.replies.length > 0 && (
        <ol className="comment-list comment-list--replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} context={context} />
          ))}
        </ol>
      )}
    </li>
  );
}

function ReportDialog({ commentId, actions, onClose }: { commentId: string; actions: Actions; onClose: () => void }) {
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const toast = useToast();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = () => {
    if (!reason) return setError(t('errors:field.required'));
    actions.report.mutate(
      { id: commentId, reason, note: note.trim() || undefined },
      {
        onSuccess: () => {
          toast.show({ title: t('report.sent'), variant: 'success' });
          onClose();
        },
        onError: (e) => setError(translateErrorCode(t, errorCodeOf(e))),
      },
    );
  };
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('report.title')}
      description={t('report.description')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="ghost">{t('cancel')}</Button>
          </DialogClose>
          <Button isLoading={actions.report.isPending} onClick={handleSubmit}>
            {t('report.submit')}
          </Button>
        </>
      }
    >
      <Select
        label={t('report.reason')}
        value={reason}
        options={REPORT_REASONS.map((r) => ({ value: r, label: t(`report.reasons.${r}`) }))}
        onValueChange={setReason}
        error={error ?? undefined}
      />
      <TextField label={t('report.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
    </Dialog>
  );
}

/** Asks a moderator for the reason of a hide or a restore. */
export function ReasonDialog({
  title,
  isPending,
  onClose,
  onSubmit,
}: {
  title: string;
  isPending: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={title}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="ghost">{t('cancel')}</Button>
          </DialogClose>
          <Button
            isLoading={isPending}
            onClick={() => (reason.trim().length < 3 ? setError(t('errors:field.too_short')) : onSubmit(reason.trim()))}
          >
            {title}
          </Button>
        </>
      }
    >
      <TextField
        label={t('moderationReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error}
      />
    </Dialog>
  );
}
