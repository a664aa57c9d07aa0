import { useEffect, useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  BOARD_POLL_SECONDS,
  BOARD_STATEMENT_MAX,
  ROLES,
  type OpinionVote,
  type TBoardAck,
  type TBoardCluster,
  type TBoardPoll,
  type TBoardState,
  type TBoardStatement,
  type TClusterSuggestion,
} from '@hamandishi/contracts';
import { Alert, Button, PageHeader, Spinner, TextField, UserText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { RequireRole } from '@/features/identity/components/require-role';
import { formatNumber } from '@/lib/format';
import { isLocale } from '@/lib/locale';
import { BOARD_NS } from './board-i18n';
import { boardOrder, isPollRunning } from './board-state';
import { OpinionPanel } from './opinion-panel';
import { useBoard, type BoardConnection } from './use-board';
import './board.css';

/** `/:slug/sessions/:sessionId/board`: the live board, for participants and (with its controls) the facilitator. */
export default function BoardPage() {
  return (
    <RequireRole roles={ROLES}>
      <BoardScreen />
    </RequireRole>
  );
}

function BoardScreen() {
  const { slug = '', sessionId = '' } = useParams();
  const { t } = useTranslation([BOARD_NS, 'errors']);
  const board = useBoard(sessionId);
  usePageTitle(board.state?.topic ?? t('title'));

  if (board.joinError) return <Alert variant="danger">{translateErrorCode(t, board.joinError)}</Alert>;
  if (!board.state) return <Spinner size="lg" />;
  const { state } = board;
  const isFacilitator = state.role === 'facilitator';

  return (
    <article className="board stack" data-testid="board">
      <PageHeader title={state.topic} />
      <BoardStatusLine state={state} isConnected={board.isConnected} />
      {isFacilitator && (
        <p>
          <Link to={`/${slug}/sessions/${sessionId}/board/present`}>{t('present.open')}</Link>
        </p>
      )}
      <div className="board__layout">
        <div className="board__main stack">
          <PostForm board={board} />
          <ActivePoll state={state} command={board.command} />
          <StatementGroups board={board} />
        </div>
        <aside className="board__side stack">
          {isFacilitator && <FacilitatorControls board={board} />}
          <OpinionPanel state={state} />
        </aside>
      </div>
    </article>
  );
}

function BoardStatusLine({ state, isConnected }: { state: TBoardState; isConnected: boolean }) {
  const { t } = useTranslation(BOARD_NS);
  return (
    <p className="board__status" role="status">
      <span className={`badge badge--${state.boardStatus === 'open' ? 'success' : 'neutral'}`} data-testid="board-status">
        {t(`status.${state.boardStatus}`)}
      </span>{' '}
      <span className="muted">{t(`role.${state.role}`)}</span>{' '}
      {!isConnected && <span className="badge badge--warning">{t('reconnecting')}</span>}
    </p>
  );
}

function PostForm({ board }: { board: BoardConnection }) {
  const { t } = useTranslation([BOARD_NS, 'errors']);
  const [text, setText] = useState('');
  const isOpen = board.state?.boardStatus === 'open';
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    board.post(trimmed);
    setText('');
  };
  return (
    <form className="card stack board__post" onSubmit={handleSubmit}>
      <label className="field__label" htmlFor="board-post">
        {t('post.label')}
      </label>
      <textarea
        id="board-post"
        className="field__input"
        rows={3}
        maxLength={BOARD_STATEMENT_MAX}
        value={text}
        disabled={!isOpen}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="board-post-hint"
      />
      <p id="board-post-hint" className="muted">
        {isOpen ? t('post.hint', { max: BOARD_STATEMENT_MAX }) : t(`post.notOpen.${board.state?.boardStatus ?? 'closed'}`)}
      </p>
      {board.postError && <Alert variant="danger">{translateErrorCode(t, board.postError)}</Alert>}
      <Button type="submit" disabled={!isOpen || !text.trim()}>
        {t('post.submit')}
      </Button>
      {board.pending.length > 0 && (
        <ul className="board__pending" aria-live="polite">
          {board.pending.map((p) => (
            <li key={p.id} className="muted">
              <UserText>{p.text}</UserText> — {t('post.sending')}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function ActivePoll({ state, command }: { state: TBoardState; command: BoardConnection['command'] }) {
  const { t, i18n } = useTranslation([BOARD_NS, 'errors']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const poll = state.polls[0];
  if (!poll) return null;
  const isRunning = isPollRunning(poll, now);
  const total = poll.counts.reduce((a, b) => a + b, 0);
  const mine = state.myPollAnswers[poll.id];
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(poll.closesAt) - now) / 1000));
  const answer = async (option: number) => {
    const ack = await command({ type: 'poll.answer', pollId: poll.id, option });
    setError(ack.ok ? null : ack.code);
  };
  return (
    <section className="card stack board__poll" aria-labelledby={`poll-${poll.id}`} data-testid="poll">
      <h2 id={`poll-${poll.id}`}>
        <UserText>{poll.question}</UserText>
      </h2>
      <p className="muted" aria-live="polite">
        {isRunning ? t('poll.left', { seconds: formatNumber(secondsLeft, locale) }) : t('poll.closed')} ·{' '}
        {t('poll.answers', { formatted: formatNumber(total, locale) })}
      </p>
      <ul className="board__poll-options">
        {poll.options.map((option, i) => (
          <li key={i}>
            <Button variant={mine === i ? 'primary' : 'secondary'} disabled={!isRunning} aria-pressed={mine === i} onClick={() => answer(i)}>
              <UserText>{option}</UserText>
            </Button>
            <PollBar count={poll.counts[i] ?? 0} total={total} locale={locale} />
          </li>
        ))}
      </ul>
      {error && <Alert variant="danger">{translateErrorCode(t, error)}</Alert>}
    </section>
  );
}

/** A result bar with the count written out (the bar alone is not read by screen readers). */
export function PollBar({ count, total, locale }: { count: number; total: number; locale: 'fa' | 'ar' | 'en' }) {
  const share = total ? Math.round((count / total) * 100) : 0;
  return (
    <span className="board__bar">
      <span className="board__bar-fill" style={{ inlineSize: `${share}%` }} aria-hidden="true" />
      <span className="board__bar-text">
        {formatNumber(count, locale)} ({formatNumber(share, locale)}٪)
      </span>
    </span>
  );
}

function StatementGroups({ board }: { board: BoardConnection }) {
  const { t } = useTranslation(BOARD_NS);
  const state = board.state!;
  const isFacilitator = state.role === 'facilitator';
  const [dragOver, setDragOver] = useState<string | null>(null);
  const groups = useMemo(() => {
    const ordered = boardOrder(state.statements);
    return [
      ...state.clusters.map((c) => ({ cluster: c as TBoardCluster | null, statements: ordered.filter((s) => s.clusterId === c.id) })),
      { cluster: null, statements: ordered.filter((s) => !s.clusterId || !state.clusters.some((c) => c.id === s.clusterId)) },
    ];
  }, [state.statements, state.clusters]);

  const drop = (clusterId: string | null) => (event: DragEvent) => {
    event.preventDefault();
    setDragOver(null);
    const statementId = event.dataTransfer.getData('text/plain');
    if (statementId) void board.command({ type: 'assign', statementId, clusterId });
  };

  return (
    <div className="stack">
      {state.statements.length === 0 && <p className="muted">{t('empty')}</p>}
      {groups.map(({ cluster, statements }) => {
        const key = cluster?.id ?? 'ungrouped';
        if (!cluster && statements.length === 0) return null;
        return (
          <section
            key={key}
            className={['board__cluster', dragOver === key && 'board__cluster--over'].filter(Boolean).join(' ')}
            aria-labelledby={`cluster-${key}`}
            data-testid="cluster"
            onDragOver={isFacilitator ? (e) => (e.preventDefault(), setDragOver(key)) : undefined}
            onDragLeave={isFacilitator ? () => setDragOver(null) : undefined}
            onDrop={isFacilitator ? drop(cluster?.id ?? null) : undefined}
          >
            <h2 id={`cluster-${key}`} className="board__cluster-title">
              {cluster ? <UserText>{cluster.label}</UserText> : t('ungrouped')}{' '}
              <span className="muted">({statements.length})</span>
            </h2>
            <ul className="stack board__statements">
              {statements.map((s) => (
                <StatementCard key={s.id} statement={s} board={board} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

const VOTES: OpinionVote[] = ['agree', 'disagree', 'pass'];

function StatementCard({ statement, board }: { statement: TBoardStatement; board: BoardConnection }) {
  const { t, i18n } = useTranslation([BOARD_NS, 'errors']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const state = board.state!;
  const isFacilitator = state.role === 'facilitator';
  const isOpen = state.boardStatus === 'open';
  const hasUpvoted = state.myUpvotes.includes(statement.id);
  const myVote = state.myVotes[statement.id];
  const [error, setError] = useState<string | null>(null);
  const run = async (promise: Promise<TBoardAck>) => {
    const ack = await promise;
    setError(ack.ok ? null : ack.code);
  };
  return (
    <li
      className={['card', 'board__statement', statement.isPinned && 'board__statement--pinned', statement.isHidden && 'board__statement--hidden']
        .filter(Boolean)
        .join(' ')}
      data-testid="statement"
      draggable={isFacilitator}
      onDragStart={isFacilitator ? (e) => e.dataTransfer.setData('text/plain', statement.id) : undefined}
    >
      <p className="board__statement-text">
        {statement.isPinned && <span className="badge badge--info">{t('pinned')}</span>}{' '}
        {statement.isHidden && <span className="badge badge--warning">{t('hidden')}</span>} <UserText>{statement.text}</UserText>
      </p>
      <div className="board__actions">
        <Button
          size="sm"
          variant={hasUpvoted ? 'primary' : 'secondary'}
          aria-pressed={hasUpvoted}
          disabled={!isOpen || statement.isHidden}
          onClick={() => run(board.command({ type: 'upvote', statementId: statement.id, on: !hasUpvoted }))}
        >
          <span aria-hidden="true">▲</span> {formatNumber(statement.upvoteCount, locale)}
          <span className="visually-hidden"> {t('upvote')}</span>
        </Button>
        <span role="group" aria-label={t('vote.label')} className="board__votes">
          {VOTES.map((vote) => (
            <Button
              key={vote}
              size="sm"
              variant={myVote === vote ? 'primary' : 'ghost'}
              aria-pressed={myVote === vote}
              disabled={!isOpen || statement.isHidden}
              onClick={() => run(board.command({ type: 'vote', statementId: statement.id, vote }))}
            >
              {t(`vote.${vote}`)}
            </Button>
          ))}
        </span>
      </div>
      {isFacilitator && (
        <div className="board__actions">
          <label className="board__group-select">
            <span>{t('facilitator.group')}</span>
            <select
              className="field__input"
              value={statement.clusterId ?? ''}
              onChange={(e) => run(board.command({ type: 'assign', statementId: statement.id, clusterId: e.target.value || null }))}
            >
              <option value="">{t('ungrouped')}</option>
              {state.clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" variant="ghost" aria-pressed={statement.isPinned} onClick={() => run(board.command({ type: 'pin', statementId: statement.id, on: !statement.isPinned }))}>
            {statement.isPinned ? t('facilitator.unpin') : t('facilitator.pin')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => run(board.command({ type: 'hide', statementId: statement.id, on: !statement.isHidden }))}>
            {statement.isHidden ? t('facilitator.restore') : t('facilitator.hide')}
          </Button>
        </div>
      )}
      {error && <Alert variant="danger">{translateErrorCode(t, error)}</Alert>}
    </li>
  );
}

function FacilitatorControls({ board }: { board: BoardConnection }) {
  const { t } = useTranslation([BOARD_NS, 'errors']);
  const state = board.state!;
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [suggestions, setSuggestions] = useState<TClusterSuggestion[] | null>(null);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [seconds, setSeconds] = useState(60);
  const run = async (promise: Promise<TBoardAck>) => {
    const ack = await promise;
    setError(ack.ok ? null : ack.code);
    return ack;
  };
  const next = state.boardStatus === 'open' ? 'closed' : 'open';
  const textOf = (id: string) => state.statements.find((s) => s.id === id)?.text ?? '';

  return (
    <section className="card stack" aria-labelledby="facilitator-title">
      <h2 id="facilitator-title">{t('facilitator.title')}</h2>
      <Button variant={next === 'closed' ? 'danger' : 'primary'} onClick={() => run(board.command({ type: 'status', status: next }))}>
        {next === 'closed' ? t('facilitator.close') : t('facilitator.open')}
      </Button>
      {error && <Alert variant="danger">{translateErrorCode(t, error)}</Alert>}

      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!label.trim()) return;
          const ack = await run(board.command({ type: 'cluster.create', label: label.trim() }));
          if (ack.ok) setLabel('');
        }}
      >
        <TextField label={t('facilitator.newCluster')} value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={!label.trim()}>
          {t('facilitator.addCluster')}
        </Button>
      </form>
      <p className="muted">{t('facilitator.dragHint')}</p>

      <Button
        variant="secondary"
        onClick={async () => {
          const ack = await run(board.command({ type: 'suggest' }));
          if (ack.ok) setSuggestions(ack.suggestions ?? []);
        }}
      >
        {t('facilitator.suggest')}
      </Button>
      {suggestions && suggestions.length === 0 && <p className="muted">{t('facilitator.noSuggestions')}</p>}
      {suggestions && suggestions.length > 0 && (
        <ul className="stack" data-testid="suggestions">
          {suggestions.map((s) => (
            <li key={s.statementIds.join()} className="board__suggestion">
              <strong>
                <UserText>{s.label}</UserText>
              </strong>
              <ul>
                {s.statementIds.map((id) => (
                  <li key={id}>
                    <UserText>{textOf(id)}</UserText>
                  </li>
                ))}
              </ul>
              <Button
                size="sm"
                onClick={async () => {
                  const ack = await run(board.command({ type: 'cluster.create', label: s.label, statementIds: s.statementIds }));
                  if (ack.ok) setSuggestions((list) => list?.filter((x) => x !== s) ?? null);
                }}
              >
                {t('facilitator.accept')}
              </Button>
            </li>
          ))}
        </ul>
      )}

      {state.clusters.length > 0 && (
        <ul className="stack">
          {state.clusters.map((c) => (
            <li key={c.id} className="board__cluster-row">
              <UserText>{c.label}</UserText>
              <Button size="sm" variant="ghost" onClick={() => run(board.command({ type: 'cluster.delete', clusterId: c.id }))}>
                {t('facilitator.deleteCluster', { label: c.label })}
              </Button>
            </li>
          ))}
        </ul>
      )}

      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
          const ack = await run(board.command({ type: 'poll.start', question: question.trim(), options: list, seconds }));
          if (ack.ok) {
            setQuestion('');
            setOptions('');
          }
        }}
      >
        <h3>{t('facilitator.poll')}</h3>
        <TextField label={t('facilitator.question')} value={question} maxLength={80} onChange={(e) => setQuestion(e.target.value)} />
        <label className="field__label" htmlFor="poll-options">
          {t('facilitator.options')}
        </label>
        <textarea id="poll-options" className="field__input" rows={3} value={options} onChange={(e) => setOptions(e.target.value)} />
        <TextField
          label={t('facilitator.seconds')}
          type="number"
          isLtr
          min={BOARD_POLL_SECONDS.min}
          max={BOARD_POLL_SECONDS.max}
          value={seconds}
          onChange={(e) => setSeconds(Number(e.target.value))}
        />
        <Button type="submit" variant="secondary" disabled={!question.trim() || options.split('\n').filter((o) => o.trim()).length < 2}>
          {t('facilitator.startPoll')}
        </Button>
      </form>
      {state.polls[0] && isPollRunning(state.polls[0], Date.now()) && (
        <ClosePollButton poll={state.polls[0]} onClose={() => run(board.command({ type: 'poll.close', pollId: state.polls[0].id }))} />
      )}
    </section>
  );
}

function ClosePollButton({ poll, onClose }: { poll: TBoardPoll; onClose: () => void }) {
  const { t } = useTranslation(BOARD_NS);
  return (
    <Button variant="ghost" onClick={onClose} aria-label={t('facilitator.closePoll', { question: poll.question })}>
      {t('facilitator.closePollShort')}
    </Button>
  );
}

/** The current time, ticking every second (poll timers). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
