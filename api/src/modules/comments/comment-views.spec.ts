import { AppError } from '../../common/errors/app-error';
import { commentView, decodeQueueCursor, decodeTopLevelCursor, encodeCursor, encodeTopLevelCursor, threadsOf } from './comment-views';
import type { CommentViewRow } from './comments.repository';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(n: number, overrides: Partial<CommentViewRow> = {}): CommentViewRow {
  return {
    id: ID(n),
    targetType: 'problem',
    targetId: ID(999),
    parentId: null,
    rootId: ID(n),
    depth: 0,
    authorId: ID(500),
    authorName: 'مریم',
    authorCapacity: null,
    body: '**سلام** <b>x</b>',
    alignment: null,
    upvotes: 3,
    downvotes: 1,
    isOfficial: false,
    isHidden: false,
    hiddenReason: null,
    editedAt: null,
    createdAt: new Date('2026-01-01T10:00:00Z'),
    createdAtKey: '2026-01-01T10:00:00.123456Z',
    myVote: 0,
    canEdit: false,
    passageStart: null,
    passageEnd: null,
    passageQuote: null,
    outcome: null,
    outcomeReason: null,
    outcomeAt: null,
    ...overrides,
  };
}

describe('commentView', () => {
  it('shows the body and its safe HTML', () => {
    const view = commentView(row(1), false);
    expect(view).toMatchObject({ body: '**سلام** <b>x</b>', bodyHtml: '<p><strong>سلام</strong> &lt;b&gt;x&lt;/b&gt;</p>', isEdited: false });
    expect(view.createdAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('hides the body and the reason of a hidden comment from everyone but moderators', () => {
    const hidden = row(1, { isHidden: true, hiddenReason: 'personal data' });
    expect(commentView(hidden, false)).toMatchObject({ isHidden: true, body: null, bodyHtml: null, hiddenReason: null });
    expect(commentView(hidden, true)).toMatchObject({ isHidden: true, body: '**سلام** <b>x</b>', hiddenReason: 'personal data' });
  });

  it('shows a deleted account as no author', () => {
    expect(commentView(row(1, { authorId: null, authorName: null }), false).author).toBeNull();
  });
});

describe('threadsOf', () => {
  it('nests replies under their parents in order', () => {
    const threads = threadsOf(
      [row(1), row(2)],
      [
        row(3, { parentId: ID(1), rootId: ID(1), depth: 1 }),
        row(4, { parentId: ID(3), rootId: ID(1), depth: 2 }),
        row(5, { parentId: ID(1), rootId: ID(1), depth: 1 }),
        row(6, { parentId: ID(77), rootId: ID(77), depth: 1 }),
      ],
      false,
    );
    expect(threads.map((t) => t.id)).toEqual([ID(1), ID(2)]);
    expect(threads[0].replies.map((r) => r.id)).toEqual([ID(3), ID(5)]);
    expect(threads[0].replies[0].replies.map((r) => r.id)).toEqual([ID(4)]);
    expect(threads[1].replies).toEqual([]);
  });
});

describe('cursors', () => {
  it('round-trip for every order', () => {
    const r = row(1);
    expect(decodeTopLevelCursor(encodeTopLevelCursor('oldest', r), 'oldest')).toEqual({ order: 'oldest', createdAt: r.createdAtKey, id: r.id });
    expect(decodeTopLevelCursor(encodeTopLevelCursor('newest', r), 'newest')).toEqual({ order: 'newest', createdAt: r.createdAtKey, id: r.id });
    expect(decodeTopLevelCursor(encodeTopLevelCursor('top', r), 'top')).toEqual({ order: 'top', score: 2, createdAt: r.createdAtKey, id: r.id });
    expect(decodeQueueCursor(encodeCursor(['reported', r.createdAtKey, r.id]), 'reported')).toEqual({ at: r.createdAtKey, id: r.id });
  });

  it('refuse garbage and cursors made for another order', () => {
    const oldest = encodeTopLevelCursor('oldest', row(1));
    for (const [cursor, order] of [
      [oldest, 'newest'],
      [oldest, 'top'],
      ['not base64 json', 'oldest'],
      [encodeCursor(['oldest', 'yesterday', ID(1)]), 'oldest'],
      [encodeCursor(['oldest', '2026-01-01T00:00:00Z', "1' OR 1=1"]), 'oldest'],
      [encodeCursor(['top', 1.5, '2026-01-01T00:00:00Z', ID(1)]), 'top'],
    ] as const) {
      expect(() => decodeTopLevelCursor(cursor, order)).toThrow(AppError);
    }
    expect(() => decodeQueueCursor(encodeCursor(['newest', '2026-01-01T00:00:00Z', ID(1)]), 'reported')).toThrow(AppError);
  });
});
