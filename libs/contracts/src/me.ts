import { z } from 'zod';
import { COMMENT_OUTCOMES, COMMENT_TARGETS } from './comments';
import { pageOf, ZLocalizedText, ZUuid } from './common';
import { FOLLOW_TARGETS, PLAN_STATUSES, STAGE_STATUSES } from './plans';
import { PROBLEM_STATUSES } from './problems';
import { textToken } from './text';

// "My activity": what one person did in one municipality, and what became of each.

/** GET /api/orgs/:slug/me/problems|supports|comments: keyset pages, newest first. */
export const ZMyActivityQuery = z.strictObject({
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** A page query of my activity. */
export type TMyActivityQuery = z.input<typeof ZMyActivityQuery>;

/** What became of a problem: its status, the planners' reason, and when it last changed. */
export const ZProblemFate = z.object({
  status: z.enum(PROBLEM_STATUSES),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  mergedIntoId: ZUuid.nullable(),
});

/** A problem I reported. `isHidden`: a moderator hid it (only I still see it here). */
export const ZMyProblem = ZProblemFate.extend({
  id: ZUuid,
  title: z.string(),
  supportCount: z.number().int(),
  commentCount: z.number().int(),
  isHidden: z.boolean(),
  createdAt: z.string(),
});
/** A problem I reported. */
export type TMyProblem = z.infer<typeof ZMyProblem>;
/** A page of my problems. */
export const ZMyProblemPage = pageOf(ZMyProblem);

/** A problem I support ("me too"), with what became of it. */
export const ZMySupport = ZProblemFate.extend({
  problemId: ZUuid,
  title: z.string(),
  supportCount: z.number().int(),
  supportedAt: z.string(),
});
/** A problem I support. */
export type TMySupport = z.infer<typeof ZMySupport>;
/** A page of my supports. */
export const ZMySupportPage = pageOf(ZMySupport);

/** A comment I wrote: where (with a link), the planners' outcome, and how many replied. */
export const ZMyComment = z.object({
  id: ZUuid,
  excerpt: z.string(),
  targetType: z.enum(COMMENT_TARGETS),
  /** Null when the place is gone (a deleted draft, an unknown target). */
  place: z.object({ title: ZLocalizedText, link: z.string() }).nullable(),
  isReply: z.boolean(),
  replyCount: z.number().int(),
  outcome: z
    .object({ status: z.enum(COMMENT_OUTCOMES), reason: z.string().nullable(), decidedAt: z.string() })
    .nullable(),
  isOfficial: z.boolean(),
  isHidden: z.boolean(),
  createdAt: z.string(),
});
/** A comment I wrote. */
export type TMyComment = z.infer<typeof ZMyComment>;
/** A page of my comments. */
export const ZMyCommentPage = pageOf(ZMyComment);

/** A plan or stage I follow, with where it stands now. */
export const ZMyFollow = z.object({
  targetType: z.enum(FOLLOW_TARGETS),
  targetId: ZUuid,
  planId: ZUuid,
  title: ZLocalizedText,
  planTitle: ZLocalizedText,
  planStatus: z.enum(PLAN_STATUSES),
  /** For a stage: upcoming, open or closed now. */
  stageStatus: z.enum(STAGE_STATUSES).nullable(),
  followedAt: z.string(),
});
/** A plan or stage I follow. */
export type TMyFollow = z.infer<typeof ZMyFollow>;
