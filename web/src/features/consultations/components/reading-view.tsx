import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TConsultation, TDocumentBlock, TPassage } from '@hamandishi/contracts';
import { Alert, Button, DateText, EmptyState } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { CommentThread } from '@/features/comments/components/comment-thread';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { usePlan } from '@/features/plans/api/use-plans';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { consultationKeys } from '../api/use-consultations';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { headingTag } from '../lib/counts';
import { usePassageSelection, type PassageSelection } from '../lib/use-passage-selection';
import { DiscussionPanel } from './discussion-panel';
import { DocumentBlock } from './document-block';
import { PassageButton } from './passage-button';
import { TableOfContents } from './table-of-contents';

export type ReadingViewProps = { slug: string; consultation: TConsultation };

type Open = { blockId: string; passage: TPassage | null };
type Highlight = { blockId: string; start: number; end: number };

/**
 * The reading view of a consultation's edition: table of contents, the text with comment counts
 * in the margin, a discussion panel per block, passage comments, and comments on the whole document.
 */
export function ReadingView({ slug, consultation }: ReadingViewProps) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const locale = useLocale();
  const roles = useOrganizationRoles(slug);
  const { activity, edition, editions } = consultation;
  const title = pickLocalized(activity.title, locale);
  const [open, setOpen] = useState<Open | null>(null);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const documentRef = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const queryClient = useQueryClient();
  const refreshCounts = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: consultationKeys.all(slug, activity.id) }),
    [queryClient, slug, activity.id],
  );

  const blocks = useMemo(() => {
    const map = new Map<string, TDocumentBlock>();
    for (const section of edition?.sections ?? []) for (const block of section.blocks) map.set(block.id, block);
    return map;
  }, [edition]);
  const textOf = useCallback((blockId: string) => blocks.get(blockId)?.text, [blocks]);
  const { selection, clear } = usePassageSelection(documentRef, textOf);

  // #p-<anchor> and #s-<anchor> deep-link to a block or a section: scroll to it and mark it.
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id || !edition?.id) return;
    const element = document.getElementById(id);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    setTarget(id);
    // A link to a paragraph (e.g. from a notification) opens its discussion too.
    if (id.startsWith('p-')) {
      const linked = [...blocks.values()].find((b) => `p-${b.anchor}` === id);
      if (linked) setOpen({ blockId: linked.id, passage: null });
    }
    // Only a new hash or another edition moves the reader; a refetch of the counts does not.
  }, [location.hash, edition?.id]);

  const openBlock = useCallback((block: TDocumentBlock) => setOpen({ blockId: block.id, passage: null }), []);
  const handleCommentOnPassage = (picked: PassageSelection) => {
    setOpen({ blockId: picked.blockId, passage: picked.passage });
    setHighlight({ blockId: picked.blockId, start: picked.passage.start, end: picked.passage.end });
    document.getSelection()?.removeAllRanges();
    clear();
  };
  const handlePassageClick = (blockId: string, passage: TPassage) => {
    // A quote from an earlier edition may sit elsewhere in the reworded text, or be gone.
    const text = blocks.get(blockId)?.text ?? '';
    const start =
      text.slice(passage.start, passage.end) === passage.quote ? passage.start : text.indexOf(passage.quote);
    if (start < 0) return;
    setHighlight({ blockId, start, end: start + passage.quote.length });
    document.getElementById(`p-${blocks.get(blockId)?.anchor ?? ''}`)?.scrollIntoView({ block: 'center' });
  };

  const latest = [...editions].reverse().find((e) => e.status === 'published');
  const openBlockData = open ? blocks.get(open.blockId) : undefined;
  const windowClosed = !activity.isOpen;
  // A visitor who is not signed in is offered the sign-in link where a comment form would be.
  const canPost = consultation.canComment || (!roles.isSignedIn && activity.isOpen);

  return (
    <article className={['c-reading', openBlockData && 'c-reading--with-panel'].filter(Boolean).join(' ')}>
      <div className="c-reading__main stack">
        <header className="stack c-reading__header">
          <Breadcrumb slug={slug} planId={activity.planId} stageId={activity.stageId} />
          <h1>
            <bdi dir="auto">{title}</bdi>
          </h1>
          {edition && (
            <p className="c-reading__meta">
              <span className="badge badge--info">
                {t('reading.edition', { number: formatNumber(edition.number, locale) })}
              </span>{' '}
              <bdi>{edition.title}</bdi>
              {edition.publishedAt && (
                <>
                  {' · '}
                  {t('reading.publishedOn')} <DateText value={edition.publishedAt} />
                </>
              )}
            </p>
          )}
          {activity.isOpen && activity.closesAt && (
            <p className="c-reading__closes">
              <strong>{t('reading.closesOn')}</strong> <DateText value={activity.closesAt} style="long" />
            </p>
          )}
          {(activity.opensAt || activity.closesAt) && (
            <p className="muted">
              {t('reading.window')} {activity.opensAt && <DateText value={activity.opensAt} />}
              {activity.opensAt && activity.closesAt && ' – '}
              {activity.closesAt && <DateText value={activity.closesAt} />}
            </p>
          )}
        </header>

        {windowClosed && (
          <Alert variant="info">
            <strong>{t('reading.closedTitle')}</strong> {t('reading.closedBody')}
          </Alert>
        )}
        {edition && edition.status === 'draft' && <Alert variant="info">{t('reading.draftNotice')}</Alert>}
        {edition && edition.status === 'published' && !edition.isLatest && latest && (
          <Alert variant="info">
            {t('reading.olderNotice', {
              number: formatNumber(edition.number, locale),
              latest: formatNumber(latest.number, locale),
            })}{' '}
            <Link to={`/${slug}/consultations/${activity.id}`}>{t('reading.readLatest')}</Link>
          </Alert>
        )}
        {!windowClosed && !canPost && consultation.cannotCommentReason && edition && (
          <p className="muted">{translateErrorCode(t, consultation.cannotCommentReason)}</p>
        )}

        {edition ? (
          <>
            <Toolbar slug={slug} consultation={consultation} />
            {consultation.canComment && roles.isSignedIn && edition.isLatest && <SelectionHint />}
            {edition.changeSummary && (
              <section className="c-summary" aria-labelledby="c-summary-title">
                <h2 id="c-summary-title">{t('reading.changeSummary')}</h2>
                <p className="c-prewrap">{edition.changeSummary}</p>
              </section>
            )}
            <TableOfContents sections={edition.sections} />
            <div className="c-document" ref={documentRef}>
              {edition.sections.map((section) => {
                const Heading = headingTag(section.level);
                return (
                  <section
                    key={section.id}
                    id={`s-${section.anchor}`}
                    className={['c-section', target === `s-${section.anchor}` && 'is-target'].filter(Boolean).join(' ')}
                  >
                    {section.heading && <Heading className="c-section__heading">{section.heading}</Heading>}
                    {section.blocks.map((block) => (
                      <DocumentBlock
                        key={block.id}
                        block={block}
                        isSelected={open?.blockId === block.id}
                        isTarget={target === `p-${block.anchor}`}
                        highlight={highlight?.blockId === block.id ? highlight : null}
                        onOpen={openBlock}
                      />
                    ))}
                  </section>
                );
              })}
            </div>
            <div className="c-document-comments" id="comments">
              <CommentThread
                slug={slug}
                targetType="document"
                targetId={edition.id}
                title={t('reading.documentComments')}
                canPost={canPost}
                onTotalChange={refreshCounts}
              />
            </div>
          </>
        ) : (
          <EmptyState
            title={t('reading.notPublishedTitle')}
            description={t('reading.notPublishedBody')}
            action={
              consultation.canManage && (
                <Link className="btn btn--primary" to={`/${slug}/manage/consultations/${activity.id}`}>
                  {t('reading.manage')}
                </Link>
              )
            }
          />
        )}
      </div>

      {openBlockData && open && (
        <DiscussionPanel
          slug={slug}
          activityId={activity.id}
          block={openBlockData}
          passage={open.passage}
          canComment={canPost}
          cannotCommentReason={consultation.cannotCommentReason}
          canManage={consultation.canManage}
          isSignedIn={roles.isSignedIn}
          onClearPassage={() => {
            setOpen({ blockId: open.blockId, passage: null });
            setHighlight(null);
          }}
          onPassageClick={handlePassageClick}
          onCountsChange={refreshCounts}
          onClose={() => {
            setOpen(null);
            setHighlight(null);
          }}
        />
      )}
      {selection && consultation.canComment && roles.isSignedIn && (
        <PassageButton selection={selection} onComment={handleCommentOnPassage} />
      )}
    </article>
  );
}

/** Edition switcher, "what changed", print and (for planners) manage. */
function Toolbar({ slug, consultation }: { slug: string; consultation: TConsultation }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const navigate = useNavigate();
  const { activity, edition, editions } = consultation;
  if (!edition) return null;
  const previous = [...editions].reverse().find((e) => e.number < edition.number && e.status === 'published');
  return (
    <div className="c-toolbar">
      {editions.length > 1 && (
        <label className="c-toolbar__switcher">
          <span>{t('reading.editionSwitcher')}</span>{' '}
          <select
            className="field__input"
            value={edition.number}
            onChange={(event) => void navigate(`/${slug}/consultations/${activity.id}?edition=${event.target.value}`)}
          >
            {editions.map((e) => (
              <option key={e.id} value={e.number}>
                {t(e.status === 'draft' ? 'reading.editionOptionDraft' : 'reading.editionOption', {
                  number: formatNumber(e.number, locale),
                  title: e.title,
                })}
              </option>
            ))}
          </select>
        </label>
      )}
      {previous && (
        <Link to={`/${slug}/consultations/${activity.id}/diff?from=${previous.number}&to=${edition.number}`}>
          {t('reading.whatChanged')}
        </Link>
      )}
      <Button size="sm" variant="ghost" onClick={() => window.print()}>
        {t('reading.print')}
      </Button>
      {consultation.canManage && (
        <Link to={`/${slug}/manage/consultations/${activity.id}`} className="btn btn--secondary btn--sm">
          {t('reading.manage')}
        </Link>
      )}
    </div>
  );
}

const HINT_DISMISSED_KEY = 'hm_passage_hint_dismissed';

/** Tells those who can comment that a passage can be selected; once dismissed, it stays away on this device. */
function SelectionHint() {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const [isDismissed, setIsDismissed] = useState(() => {
    try {
      return globalThis.localStorage?.getItem(HINT_DISMISSED_KEY) === '1';
    } catch {
      return false;
    }
  });
  if (isDismissed) return null;
  const handleDismiss = () => {
    setIsDismissed(true);
    try {
      globalThis.localStorage?.setItem(HINT_DISMISSED_KEY, '1');
    } catch {
      // Private mode: the hint simply comes back next time.
    }
  };
  return (
    <div className="c-hint" role="note">
      <p>{t('reading.selectionHint', { button: t('passage.button') })}</p>
      <Button size="sm" variant="ghost" onClick={handleDismiss}>
        {t('reading.dismissHint')}
      </Button>
    </div>
  );
}

/** The way back: the plan and the stage this consultation belongs to. */
function Breadcrumb({ slug, planId, stageId }: { slug: string; planId: string; stageId: string }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const plan = usePlan(slug, planId);
  const stage = plan.data?.stages.find((item) => item.id === stageId);
  return (
    <nav aria-label={t('reading.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to={`/${slug}/plans/${planId}`}>
            {plan.data ? <bdi dir="auto">{pickLocalized(plan.data.title, locale)}</bdi> : t('reading.plan')}
          </Link>
        </li>
        <li>
          <Link to={`/${slug}/plans/${planId}/stages/${stageId}`}>
            {stage ? <bdi dir="auto">{pickLocalized(stage.title, locale)}</bdi> : t('reading.stage')}
          </Link>
        </li>
      </ol>
    </nav>
  );
}
