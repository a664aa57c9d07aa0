import { z } from 'zod';
import { REPORT_REASONS, ZComment, ZUuid } from '@hamandishi/contracts';

// Schemas of the moderator-side routes, which only the API and the moderation screen use.

/** POST /api/orgs/:slug/comments/:commentId/official: mark (default) or unmark the official answer. */
export const ZMarkOfficial = z.strictObject({ isOfficial: z.boolean().default(true) });

/** GET /api/orgs/:slug/moderation/comments: reported (and not hidden) comments, or all, newest first. */
export const ZModerationQueueQuery = z.strictObject({
  filter: z.enum(['reported', 'newest']).default('reported'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** One comment in the moderator queue: the comment as moderators see it, where it is, and its reports. */
export const ZModerationQueueItem = z.object({
  comment: ZComment,
  targetType: z.string(),
  targetId: ZUuid,
  reportCount: z.number().int(),
  reasons: z.partialRecord(z.enum(REPORT_REASONS), z.number().int()),
  notes: z.array(z.string()),
  lastReportedAt: z.string().nullable(),
});

/** A page of the moderator queue. */
export const ZModerationQueuePage = z.object({ items: z.array(ZModerationQueueItem), nextCursor: z.string().nullable() });
