import type { TBoardState, TBoardStatement } from '@hamandishi/contracts';
import { applyUpdate, boardOrder, isPollRunning } from './board-state';
import { boardResources } from './board-i18n';

const statement = (id: string, overrides: Partial<TBoardStatement> = {}): TBoardStatement => ({
  id,
  text: `گزاره ${id}`,
  authorId: null,
  clusterId: null,
  isPinned: false,
  isHidden: false,
  upvoteCount: 0,
  createdAt: `2026-12-03T08:00:0${id}.000Z`,
  ...overrides,
});

const base = (role: 'facilitator' | 'participant'): TBoardState => ({
  sessionId: 's',
  topic: 'موضوع',
  boardStatus: 'open',
  role,
  accountId: 'a',
  statements: [statement('1'), statement('2')],
  clusters: [],
  polls: [],
  myUpvotes: [],
  myVotes: {},
  myPollAnswers: {},
  opinion: { status: 'not_computed' },
});

describe('live board state', () => {
  it('adds a pushed statement once, in posting order, and ignores another board’s updates', () => {
    let state = applyUpdate(base('participant'), { sessionId: 's', kind: 'statement', statement: statement('3') });
    state = applyUpdate(state, { sessionId: 's', kind: 'statement', statement: statement('3', { upvoteCount: 2 }) });
    expect(state.statements.map((s) => [s.id, s.upvoteCount])).toEqual([['1', 0], ['2', 0], ['3', 2]]);
    expect(applyUpdate(state, { sessionId: 'other', kind: 'statement', statement: statement('4') })).toBe(state);
  });

  it('drops a hidden statement for a participant but keeps it, marked, for the facilitator', () => {
    const hidden = { sessionId: 's', kind: 'statement' as const, statement: statement('1', { isHidden: true }) };
    expect(applyUpdate(base('participant'), hidden).statements.map((s) => s.id)).toEqual(['2']);
    expect(applyUpdate(base('facilitator'), hidden).statements.find((s) => s.id === '1')?.isHidden).toBe(true);
  });

  it('ungroups the statements of a deleted cluster and keeps one’s own group when groups are pushed', () => {
    let state: TBoardState = { ...base('participant'), clusters: [{ id: 'c', label: 'حمل‌ونقل', position: 0 }], statements: [statement('1', { clusterId: 'c' })] };
    state = applyUpdate(state, { sessionId: 's', kind: 'cluster_removed', clusterId: 'c' });
    expect(state.clusters).toEqual([]);
    expect(state.statements[0].clusterId).toBeNull();
    const ready = { status: 'ready' as const, computedAt: '', participants: 4, statements: 2, groups: [], consensus: [], points: [] };
    state = { ...state, opinion: { ...ready, myGroup: 1 } };
    state = applyUpdate(state, { sessionId: 's', kind: 'opinion', opinion: ready });
    expect(state.opinion).toMatchObject({ status: 'ready', myGroup: 1 });
  });

  it('orders pinned first, then by up-votes', () => {
    const ordered = boardOrder([statement('1', { upvoteCount: 5 }), statement('2', { isPinned: true }), statement('3', { upvoteCount: 9 })]);
    expect(ordered.map((s) => s.id)).toEqual(['2', '3', '1']);
  });

  it('treats a poll as over when closed or when its timer ran out', () => {
    expect(isPollRunning({ isClosed: false, closesAt: '2026-12-03T08:00:10Z' }, Date.parse('2026-12-03T08:00:05Z'))).toBe(true);
    expect(isPollRunning({ isClosed: false, closesAt: '2026-12-03T08:00:10Z' }, Date.parse('2026-12-03T08:00:11Z'))).toBe(false);
    expect(isPollRunning({ isClosed: true, closesAt: '2026-12-03T08:00:10Z' }, Date.parse('2026-12-03T08:00:05Z'))).toBe(false);
  });

  it('has the same keys in Persian, Arabic and English', () => {
    const keys = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string' ? [prefix] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
    const fa = keys(boardResources.fa).sort();
    expect(keys(boardResources.ar).sort()).toEqual(fa);
    expect(keys(boardResources.en).sort()).toEqual(fa);
  });
});
