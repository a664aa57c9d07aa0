import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDocumentBlock, TPassage } from '@hamandishi/contracts';
import { Button } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { CommentThread } from '@/features/comments/components/comment-thread';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { Amendments } from './amendments';

export type DiscussionPanelProps = {
  slug: string;
  activityId: string;
  block: TDocumentBlock;
  /** A passage the reader selected in this block: the next comment quotes it. */
  passage: TPassage | null;
  canComment: boolean;
  cannotCommentReason: string | null;
  canManage: boolean;
  isSignedIn: boolean;
  onClearPassage: () => void;
  onPassageClick: (blockId: string, passage: TPassage) => void;
  onClose: () => void;
  /** A thread of this block changed size: the margin counts need refreshing. */
  onCountsChange: () => void;
};

/**
 * The discussion of one block: its thread (a passage quote when one is selected), the threads
 * of the same paragraph in earlier editions, and proposed rewordings. A side panel on wide
 * screens, a bottom sheet on phones.
 */
export function DiscussionPanel(props: DiscussionPanelProps) {
  const {
    slug,
    activityId,
    block,
    passage,
    canComment,
    cannotCommentReason,
    canManage,
    isSignedIn,
    onClearPassage,
    onPassageClick,
    onClose,
    onCountsChange,
  } = props;
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const locale = useLocale();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [block.id]);

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', handleKey);
    return () => document.removeEventListener('keydown', handleKey);
  }, [onClose]);

  const excerpt = block.text.length > 160 ? `${block.text.slice(0, 160)}…` : block.text;
  const showAmendments = block.kind !== 'image' && (block.amendmentCount > 0 || (canComment && isSignedIn));

  return (
    <aside className="c-panel" aria-labelledby={headingId} data-testid="discussion-panel">
      <div className="c-panel__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {t('panel.title')}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('panel.close')}
        </Button>
      </div>
      <div className="c-panel__body stack">
        {excerpt && <p className="c-panel__excerpt muted">{excerpt}</p>}
        <p className="c-panel__permalink">
          <a href={`#p-${block.anchor}`}>{t('panel.permalink')}</a>
        </p>
        {!canComment && cannotCommentReason && (
          <p className="alert alert--info">{translateErrorCode(t, cannotCommentReason)}</p>
        )}
        <CommentThread
          key={block.id}
          slug={slug}
          targetType="paragraph"
          targetId={block.id}
          title={t('panel.thread')}
          headingLevel={3}
          canPost={canComment}
          passage={passage}
          onClearPassage={onClearPassage}
          onPassageClick={(quoted) => onPassageClick(block.id, quoted)}
          onTotalChange={onCountsChange}
        />
        {block.earlierBlocks.map((earlier, index) => (
          // When this edition has no comments yet, the newest carried thread is the discussion: shown unfolded.
          <details
            key={earlier.id}
            className="c-earlier"
            open={index === 0 && block.commentCount === 0 && earlier.commentCount > 0}
          >
            <summary>
              {t('panel.earlier', {
                edition: formatNumber(earlier.editionNumber, locale),
                number: formatNumber(earlier.commentCount, locale),
              })}
            </summary>
            <CommentThread
              slug={slug}
              targetType="paragraph"
              targetId={earlier.id}
              title={t('panel.earlierThread', { edition: formatNumber(earlier.editionNumber, locale) })}
              headingLevel={3}
              canPost={false}
              onPassageClick={(quoted) => onPassageClick(block.id, quoted)}
              onTotalChange={onCountsChange}
            />
          </details>
        ))}
        {showAmendments && (
          <Amendments
            slug={slug}
            activityId={activityId}
            blockId={block.id}
            blockText={block.text}
            passage={passage}
            canPropose={canComment && isSignedIn}
            canManage={canManage}
          />
        )}
      </div>
    </aside>
  );
}
