import type { TBoardState, TBoardStatement, TBoardUpdate } from '@hamandishi/contracts';

/** Applies one pushed change to the board as this viewer sees it (pure: tested without a socket). */
export function applyUpdate(state: TBoardState, update: TBoardUpdate): TBoardState {
  if (update.sessionId !== state.sessionId) return state;
  switch (update.kind) {
    case 'statement': {
      // A participant never keeps a hidden statement; the facilitator sees it marked.
      if (update.statement.isHidden && state.role !== 'facilitator') return removeStatement(state, update.statement.id);
      return { ...state, statements: upsertStatement(state.statements, update.statement) };
    }
    case 'statement_removed':
      return removeStatement(state, update.statementId);
    case 'cluster': {
      const others = state.clusters.filter((c) => c.id !== update.cluster.id);
      return { ...state, clusters: [...others, update.cluster].sort((a, b) => a.position - b.position) };
    }
    case 'cluster_removed':
      return {
        ...state,
        clusters: state.clusters.filter((c) => c.id !== update.clusterId),
        statements: state.statements.map((s) => (s.clusterId === update.clusterId ? { ...s, clusterId: null } : s)),
      };
    case 'poll': {
      const others = state.polls.filter((p) => p.id !== update.poll.id);
      return { ...state, polls: [update.poll, ...others].sort((a, b) => b.closesAt.localeCompare(a.closesAt)) };
    }
    case 'status':
      return { ...state, boardStatus: update.boardStatus };
    case 'opinion': {
      // One's own group comes with the full state; a pushed result keeps the one known.
      const myGroup = state.opinion.status === 'ready' ? state.opinion.myGroup : undefined;
      return { ...state, opinion: update.opinion.status === 'ready' ? { ...update.opinion, myGroup } : update.opinion };
    }
  }
}

/** Inserts or replaces a statement, keeping the posting order. */
export function upsertStatement(statements: TBoardStatement[], statement: TBoardStatement): TBoardStatement[] {
  const at = statements.findIndex((s) => s.id === statement.id);
  if (at >= 0) return statements.map((s, i) => (i === at ? statement : s));
  return [...statements, statement].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function removeStatement(state: TBoardState, id: string): TBoardState {
  return { ...state, statements: state.statements.filter((s) => s.id !== id) };
}

/** Statements in the order a board shows them: pinned first, then most up-voted, then oldest. */
export function boardOrder(statements: TBoardStatement[]): TBoardStatement[] {
  return [...statements].sort(
    (a, b) => Number(b.isPinned) - Number(a.isPinned) || b.upvoteCount - a.upvoteCount || a.createdAt.localeCompare(b.createdAt),
  );
}

/** A poll is running while it has not been closed and its timer has not run out. */
export function isPollRunning(poll: { isClosed: boolean; closesAt: string }, now: number): boolean {
  return !poll.isClosed && Date.parse(poll.closesAt) > now;
}
