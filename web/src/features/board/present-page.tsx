import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ROLES } from '@hamandishi/contracts';
import { Alert, Spinner, UserText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { RequireRole } from '@/features/identity/components/require-role';
import { formatNumber } from '@/lib/format';
import { isLocale } from '@/lib/locale';
import { BOARD_NS } from './board-i18n';
import { PollBar, useNow } from './board-page';
import { boardOrder, isPollRunning } from './board-state';
import { OpinionPanel } from './opinion-panel';
import { useBoard } from './use-board';
import './board.css';

/** `/:slug/sessions/:sessionId/board/present`: the board for a projector — large type, read-only, live. */
export default function PresentPage() {
  return (
    <RequireRole roles={ROLES}>
      <PresentScreen />
    </RequireRole>
  );
}

function PresentScreen() {
  const { sessionId = '' } = useParams();
  const { t, i18n } = useTranslation([BOARD_NS, 'errors']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const board = useBoard(sessionId);
  const now = useNow();
  usePageTitle(board.state ? t('present.title', { topic: board.state.topic }) : t('title'));
  const groups = useMemo(() => {
    if (!board.state) return [];
    const ordered = boardOrder(board.state.statements.filter((s) => !s.isHidden));
    const clustered = board.state.clusters.map((c) => ({ id: c.id, label: c.label as string | null, statements: ordered.filter((s) => s.clusterId === c.id) }));
    const loose = ordered.filter((s) => !s.clusterId || !board.state!.clusters.some((c) => c.id === s.clusterId));
    return [...clustered, ...(loose.length ? [{ id: 'ungrouped', label: null, statements: loose }] : [])];
  }, [board.state]);

  if (board.joinError) return <Alert variant="danger">{translateErrorCode(t, board.joinError)}</Alert>;
  if (!board.state) return <Spinner size="lg" />;
  const poll = board.state.polls[0];
  const total = poll ? poll.counts.reduce((a, b) => a + b, 0) : 0;

  return (
    <article className="board-present stack" data-testid="present">
      <header className="board-present__header">
        <h1>
          <UserText>{board.state.topic}</UserText>
        </h1>
        <span className={`badge badge--${board.state.boardStatus === 'open' ? 'success' : 'neutral'}`}>{t(`status.${board.state.boardStatus}`)}</span>
        <span className="muted">{t('present.count', { formatted: formatNumber(board.state.statements.length, locale) })}</span>
      </header>
      {poll && (
        <section className="card stack" aria-labelledby="present-poll">
          <h2 id="present-poll">
            <UserText>{poll.question}</UserText>
          </h2>
          <p className="muted" aria-live="polite">
            {isPollRunning(poll, now)
              ? t('poll.left', { seconds: formatNumber(Math.max(0, Math.ceil((Date.parse(poll.closesAt) - now) / 1000)), locale) })
              : t('poll.closed')}
          </p>
          <ul className="board__poll-options">
            {poll.options.map((option, i) => (
              <li key={i}>
                <UserText>{option}</UserText> <PollBar count={poll.counts[i] ?? 0} total={total} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="board-present__columns">
        {groups.map((g) => (
          <section key={g.id} className="card stack" aria-labelledby={`present-${g.id}`}>
            <h2 id={`present-${g.id}`}>{g.label ? <UserText>{g.label}</UserText> : t('ungrouped')}</h2>
            <ul className="stack board__statements">
              {g.statements.map((s) => (
                <li key={s.id} className={['board-present__statement', s.isPinned && 'board__statement--pinned'].filter(Boolean).join(' ')}>
                  <UserText>{s.text}</UserText> <span className="muted">▲ {formatNumber(s.upvoteCount, locale)}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <OpinionPanel state={board.state} isLarge />
    </article>
  );
}
