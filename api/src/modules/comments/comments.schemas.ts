import { z } from 'zod';
import { REPORT_REASONS, textBlock, textToken, ZComment, ZUuid } from '@hamandishi/contracts';

// Schemas of the moderator-side routes, which only the API and the moderation screen use.

/** POST /api/orgs/:slug/comments/:commentId/official: mark (default) or unmark the official answer. */
export const ZMarkOfficial = z.strictObject({ isOfficial: z.boolean().default(true) });

/** GET /api/orgs/:slug/moderation/comments: reported (and not hidden) comments, or all, newest first. */
export const ZModerationQueueQuery = z.strictObject({
  filter: z.enum(['reported', 'newest']).default('reported'),
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * One comment in the moderator queue: the comment as moderators see it (body of hidden ones
 * too), where it is, and its reports: the count, the distinct reasons, counts per reason and the
 * latest notes.
 */
export const ZModerationQueueItem = z.intersection(
  ZComment,
  z.object({
    targetType: z.string(),
    targetId: ZUuid,
    /** The comment in its place in the web app (problem page, consultation paragraph); null when that is gone. */
    link: z.string().nullable(),
    reportCount: z.number().int(),
    reportReasons: z.array(z.enum(REPORT_REASONS)),
    reasonCounts: z.partialRecord(z.enum(REPORT_REASONS), z.number().int()),
    reportNotes: z.array(z.string()),
    lastReportedAt: z.string().nullable(),
  }),
);

/** POST /api/orgs/:slug/comments/:commentId/dismiss-reports: keep the comment, clear its reports; a note is optional. */
export const ZDismissReports = z.strictObject({ reason: textBlock({ max: 1000 }).optional() });

/** A page of the moderator queue. */
export const ZModerationQueuePage = z.object({ items: z.array(ZModerationQueueItem), nextCursor: z.string().nullable() });
