import { z } from 'zod';
import { ZUuid } from './common';
import { textBlock, textToken, textVerbatim } from './text';

/** What can carry comments; later features add their own target types. */
export const COMMENT_TARGETS = ['problem', 'paragraph', 'document', 'project', 'goal'] as const;
/** A kind of commentable thing. */
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** How a comment stands toward what it comments on. */
export const ALIGNMENTS = ['agree', 'disagree', 'neutral'] as const;
/** Reasons a comment can be reported for. */
export const REPORT_REASONS = ['spam', 'offensive', 'personal_data', 'off_topic', 'illegal', 'other'] as const;
/** Replies nest at most this deep (a top-level comment is depth 0). */
export const MAX_COMMENT_DEPTH = 2;
/** Minutes during which an author may still edit a comment. */
export const COMMENT_EDIT_MINUTES = 15;

/** The body of a comment: plain text or a small safe markdown subset (bold, italic, links, lists). */
export const ZCommentBody = textBlock({ min: 1, max: 5000 });

/**
 * A passage of the target's text that a top-level comment is about: UTF-16 offsets into the
 * target's text (end exclusive) and the quoted text, which must match what is there.
 */
export const ZPassage = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(1), quote: textVerbatim({ min: 1, max: 5000 }) })
  .refine((p) => p.end > p.start && p.end - p.start === p.quote.length, { message: 'invalid_value', path: ['quote'] });
/** A quoted passage. */
export type TPassage = z.infer<typeof ZPassage>;

/** POST /api/orgs/:slug/comments */
export const ZCreateComment = z.strictObject({
  targetType: z.enum(COMMENT_TARGETS),
  targetId: ZUuid,
  parentId: ZUuid.optional(),
  body: ZCommentBody,
  alignment: z.enum(ALIGNMENTS).optional(),
  /** Only on a top-level comment, and only where the target has text (a paragraph). */
  passage: ZPassage.optional(),
});

/** What became of a comment in the planners' next step: its outcome, with the reason given. */
export const COMMENT_OUTCOMES = ['incorporated', 'not_incorporated'] as const;

/** POST /api/orgs/:slug/comments/:commentId/outcome (planner); outcome null clears it. */
export const ZCommentOutcome = z.strictObject({
  outcome: z.enum(COMMENT_OUTCOMES).nullable(),
  reason: textBlock({ min: 3, max: 2000 }).optional(),
}).refine((o) => o.outcome === null || !!o.reason, { message: 'required', path: ['reason'] });
/** Mark a comment's outcome. */
export type TCommentOutcome = z.input<typeof ZCommentOutcome>;
/** Post a comment. */
export type TCreateComment = z.input<typeof ZCreateComment>;

/** PATCH /api/orgs/:slug/comments/:commentId (within the edit window, by its author). */
export const ZEditComment = z.strictObject({ body: ZCommentBody, alignment: z.enum(ALIGNMENTS).optional() });
/** Edit a comment. */
export type TEditComment = z.input<typeof ZEditComment>;

/** POST /api/orgs/:slug/comments/:commentId/vote; 0 withdraws the vote. */
export const ZVoteComment = z.strictObject({ value: z.union([z.literal(1), z.literal(-1), z.literal(0)]) });

/** POST /api/orgs/:slug/comments/:commentId/report */
export const ZReportComment = z.strictObject({ reason: z.enum(REPORT_REASONS), note: textBlock({ max: 1000 }).optional() });

/** POST /api/orgs/:slug/comments/:commentId/hide (moderator): a reason is required. */
export const ZModerationReason = z.strictObject({ reason: textBlock({ min: 3, max: 1000 }) });

/** GET /api/orgs/:slug/comments?targetType=&targetId=&cursor= */
export const ZCommentQuery = z.strictObject({
  targetType: z.enum(COMMENT_TARGETS),
  targetId: ZUuid,
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  order: z.enum(['oldest', 'newest', 'top']).default('oldest'),
});

/** GET …/comments/counts: how many comments each of several things of one type has (a list's "comments (n)"). */
export const ZCommentCountsQuery = z.strictObject({
  targetType: z.enum(COMMENT_TARGETS),
  /** Comma-separated ids ("a,b,c") or the key repeated; 1–100 of them. */
  targetIds: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((part) => part !== '') : value),
    z.array(ZUuid).min(1).max(100),
  ),
});
/** The comments (replies and hidden ones included, as a thread counts them) of each id asked; 0 for none. */
export const ZCommentCounts = z.object({ counts: z.record(z.string(), z.number().int()) });
/** The comments of each id asked. */
export type TCommentCounts = z.infer<typeof ZCommentCounts>;

/** One comment as shown, with its replies nested. Hidden comments show no body to the public. */
export type TComment = {
  id: string;
  parentId: string | null;
  depth: number;
  author: { id: string; displayName: string } | null;
  authorCapacity: string | null;
  body: string | null;
  bodyHtml: string | null;
  alignment: (typeof ALIGNMENTS)[number] | null;
  upvotes: number;
  downvotes: number;
  myVote: -1 | 0 | 1;
  isOfficial: boolean;
  isHidden: boolean;
  hiddenReason: string | null;
  isEdited: boolean;
  canEdit: boolean;
  /** The passage a top-level comment quotes, or null. */
  passage: { start: number; end: number; quote: string } | null;
  /** Set by a planner: whether the comment was incorporated into the next edition, and why. */
  outcome: { status: (typeof COMMENT_OUTCOMES)[number]; reason: string; decidedAt: string } | null;
  createdAt: string;
  replies: TComment[];
};

/** One comment as shown. */
export const ZComment: z.ZodType<TComment> = z.lazy(() =>
  z.object({
    id: ZUuid,
    parentId: ZUuid.nullable(),
    depth: z.number().int(),
    author: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
    authorCapacity: z.string().nullable(),
    body: z.string().nullable(),
    bodyHtml: z.string().nullable(),
    alignment: z.enum(ALIGNMENTS).nullable(),
    upvotes: z.number().int(),
    downvotes: z.number().int(),
    myVote: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    isOfficial: z.boolean(),
    isHidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    isEdited: z.boolean(),
    canEdit: z.boolean(),
    passage: z.object({ start: z.number().int(), end: z.number().int(), quote: z.string() }).nullable(),
    outcome: z.object({ status: z.enum(COMMENT_OUTCOMES), reason: z.string(), decidedAt: z.string() }).nullable(),
    createdAt: z.string(),
    replies: z.array(ZComment),
  }),
);

/**
 * A page of top-level comments (each with its replies). The two counts answer different
 * questions: how many threads there are to page through, and how many comments were written.
 */
export const ZCommentPage = z.object({
  items: z.array(ZComment).describe('Top-level comments of this page, each with its replies nested.'),
  nextCursor: z.string().nullable(),
  threadCount: z
    .number()
    .int()
    .describe('Top-level comments (threads) on the target, hidden ones included: what `items` pages through.'),
  commentCount: z
    .number()
    .int()
    .describe('Every comment on the target, replies and hidden ones included: the count shown beside a paragraph.'),
});
