import type { TComment } from '@hamandishi/contracts';
import { renderSafeMarkdown } from '@hamandishi/text';
import { AppError } from '../../common/errors/app-error';
import type { CommentViewRow, TopLevelKeyset } from './comments.repository';

/** A comment as shown; a hidden one keeps its place but shows no body (and no reason) except to moderators. */
export function commentView(row: CommentViewRow, isModerator: boolean): TComment {
  const showBody = !row.isHidden || isModerator;
  return {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    authorCapacity: row.authorCapacity,
    body: showBody ? row.body : null,
    bodyHtml: showBody ? renderSafeMarkdown(row.body) : null,
    alignment: row.alignment,
    upvotes: row.upvotes,
    downvotes: row.downvotes,
    myVote: row.myVote,
    isOfficial: row.isOfficial,
    isHidden: row.isHidden,
    hiddenReason: isModerator ? row.hiddenReason : null,
    isEdited: row.editedAt !== null,
    canEdit: row.canEdit,
    passage:
      row.passageStart !== null && row.passageEnd !== null && row.passageQuote !== null && showBody
        ? { start: row.passageStart, end: row.passageEnd, quote: row.passageQuote }
        : null,
    outcome:
      row.outcome && row.outcomeReason && row.outcomeAt
        ? { status: row.outcome, reason: row.outcomeReason, decidedAt: new Date(row.outcomeAt).toISOString() }
        : null,
    createdAt: new Date(row.createdAt).toISOString(),
    replies: [],
  };
}

/**
 * Nests replies under their parents. `replies` must come oldest first (a parent before its own
 * replies); a reply whose parent is not on the page is dropped.
 */
export function threadsOf(topLevel: CommentViewRow[], replies: CommentViewRow[], isModerator: boolean): TComment[] {
  const views = new Map<string, TComment>();
  const items = topLevel.map((row) => {
    const view = commentView(row, isModerator);
    views.set(row.id, view);
    return view;
  });
  for (const row of replies) {
    const parent = row.parentId ? views.get(row.parentId) : undefined;
    if (!parent) continue;
    const view = commentView(row, isModerator);
    views.set(row.id, view);
    parent.replies.push(view);
  }
  return items;
}

/** An opaque keyset cursor. */
export const encodeCursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** Where the next page of top-level comments starts, after `row`, for that order. */
export function encodeTopLevelCursor(order: TopLevelKeyset['order'], row: Pick<CommentViewRow, 'upvotes' | 'downvotes' | 'createdAtKey' | 'id'>): string {
  return order === 'top'
    ? encodeCursor([order, row.upvotes - row.downvotes, row.createdAtKey, row.id])
    : encodeCursor([order, row.createdAtKey, row.id]);
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const invalidCursor = () => new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid' });

function decodeParts(cursor: string): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/** Reads a top-level cursor; 400 when it is malformed or was made for another order. */
export function decodeTopLevelCursor(cursor: string, order: TopLevelKeyset['order']): TopLevelKeyset {
  const parts = decodeParts(cursor);
  if (order === 'top') {
    const [o, score, createdAt, id] = parts;
    if (o === 'top' && Number.isSafeInteger(score) && isTime(createdAt) && isUuid(id)) return { order, score: score as number, createdAt, id };
  } else {
    const [o, createdAt, id] = parts;
    if (o === order && isTime(createdAt) && isUuid(id)) return { order, createdAt, id };
  }
  throw invalidCursor();
}

/** Reads a (tag, time, id) cursor (moderator queue, my comments); 400 when malformed or made for another list. */
export function decodeQueueCursor(cursor: string, filter: 'reported' | 'newest' | 'mine'): { at: string; id: string } {
  const [f, at, id] = decodeParts(cursor);
  if (f === filter && isTime(at) && isUuid(id)) return { at, id };
  throw invalidCursor();
}
