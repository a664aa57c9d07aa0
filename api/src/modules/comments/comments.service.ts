import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  type ALIGNMENTS,
  type CommentTarget,
  MAX_COMMENT_DEPTH,
  REPORT_REASONS,
  type Role,
  type TComment,
  type TLocalizedText,
  type TMyComment,
  ZMyActivityQuery,
  ZCommentPage,
  ZCommentQuery,
  ZCreateComment,
  ZEditComment,
  ZReportComment,
  type TPassage,
  type ZCommentOutcome,
  type TCommentCounts,
  type ZCommentCountsQuery,
} from '@hamandishi/contracts';
import { excerpt, normalizePersian } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { RealtimeService } from '../../realtime/realtime.service';
import { AuditService } from '../audit/audit.service';
import { MembershipsService } from '../identity/memberships.service';
import type { MembershipRow } from '../identity/memberships.repository';
import { BlocksService } from '../moderation/blocks.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Organization } from '../organizations/organization.entity';
import {
  commentView,
  decodeQueueCursor,
  decodeTopLevelCursor,
  encodeCursor,
  encodeTopLevelCursor,
  threadsOf,
} from './comment-views';
import { CommentErrors } from './comments.errors';
import { type CommentStateRow, CommentsRepository } from './comments.repository';
import type { ZModerationQueuePage, ZModerationQueueQuery } from './comments.schemas';

/**
 * How the module that owns a kind of commentable thing lets this module check it. `exists` answers
 * 404 `comments.target_not_found` when false; `assertCanComment` throws when one may not comment
 * now (e.g. 409 `plans.activity_closed`); `onCountChanged` keeps the owner's comment counter
 * (visible comments) right, inside the transaction of the change.
 */
export type CommentTargetHandler = {
  exists(organizationId: string, targetId: string): Promise<boolean>;
  assertCanComment?(organizationId: string, targetId: string, actorId: string, context: CommentContext): Promise<void>;
  onCountChanged?(organizationId: string, targetId: string, manager: EntityManager, delta: number): Promise<void>;
  /** Told after any change to one of the target's comments has been committed (to drop cached views). */
  onChanged?(organizationId: string, targetId: string): void;
  /**
   * Targets with text accept a quoted passage: throws `comments.passage_mismatch` (400) when the
   * quote is not the target's text at that position. Without it, a passage answers 400.
   */
  checkPassage?(organizationId: string, targetId: string, passage: TPassage): Promise<void>;
  /**
   * Targets whose comments feed a next version (consultations) let planners record an outcome;
   * `describe` gives what the commenter's notification links to and names.
   */
  outcomes?: {
    describe(organizationId: string, targetId: string): Promise<{ link: string; title: string; activityId?: string }>;
  };
  /**
   * Names and links of targets for a commenter's own list ("my activity"). A target left out of
   * the answer (gone, hidden) is listed without a place.
   */
  places?(organization: { id: string; slug: string }, targetIds: string[]): Promise<Map<string, TCommentPlace>>;
  /**
   * Where one of the target's comments is read in place (a path of the web app, with its
   * anchor), so moderators judge a comment with what it answers; null when it is gone.
   */
  locate?(organization: { id: string; slug: string }, targetId: string, commentId: string): Promise<string | null>;
};

/** Where a comment was written, for its author's list. */
export type TCommentPlace = { title: TLocalizedText; link: string };

/** What a target's `assertCanComment` is told about the comment being posted or edited. */
export type CommentContext = {
  isReply: boolean;
  alignment: (typeof ALIGNMENTS)[number] | null | undefined;
  isEdit: boolean;
};

/** A page of a target's comments. */
export type TCommentPage = z.infer<typeof ZCommentPage>;
/** A page of the moderator queue. */
export type TModerationQueuePage = z.infer<typeof ZModerationQueuePage>;

/** How many comments one person may post in a window: plenty for a discussion, too few for a flood. */
/** Who sees hidden comments' bodies and the moderator queue. */
const MODERATORS: readonly Role[] = ['moderator', 'admin'];
/** The capacity shown beside an author's name: the first of these roles they hold (citizens show none). */
const CAPACITIES: readonly Role[] = ['planner', 'manager', 'expert', 'ngo'];

/** Comments with replies, votes, reports, moderation and official answers, on any registered target. */
@Injectable()
export class CommentsService {
  private readonly targets = new Map<CommentTarget, CommentTargetHandler>();

  constructor(
    private readonly repository: CommentsRepository,
    private readonly memberships: MembershipsService,
    private readonly blocks: BlocksService,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeService,
    private readonly rateLimiter: RateLimiter,
    private readonly notifications: NotificationsService,
  ) {}

  /** Called by the owning module on init; commenting on an unregistered type answers 404. */
  registerTarget(targetType: CommentTarget, handler: CommentTargetHandler): void {
    this.targets.set(targetType, handler);
  }

  /**
   * A page of top-level comments with their replies nested: the page, its replies and the counts
   * of threads and of all comments, in three queries whatever the number of threads. Hidden
   * comments keep their place with no body, except for moderators.
   */
  async list(
    organization: Organization,
    query: z.output<typeof ZCommentQuery>,
    actor: Actor | undefined,
  ): Promise<TCommentPage> {
    await this.targetOf(organization.id, query.targetType, query.targetId);
    const viewerId = actor?.accountId ?? null;
    const after = query.cursor ? decodeTopLevelCursor(query.cursor, query.order) : null;
    const [rows, counts, isModerator] = await Promise.all([
      this.repository.topLevelPage(
        organization.id,
        query.targetType,
        query.targetId,
        viewerId,
        query.order,
        after,
        query.limit,
      ),
      this.repository.countsOf(organization.id, query.targetType, query.targetId),
      this.isModerator(organization.id, actor),
    ]);
    const page = rows.slice(0, query.limit);
    const replies = page.length
      ? await this.repository.repliesOf(
          organization.id,
          page.map((r) => r.id),
          viewerId,
        )
      : [];
    const items = threadsOf(page, replies, isModerator);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeTopLevelCursor(query.order, last) : null,
      threadCount: counts.threadCount,
      commentCount: counts.commentCount,
    };
  }

  /**
   * The comment counts of several things of one type, in one query (a public list's "comments (n)").
   * Ids that are not this organisation's things simply count 0: the answer reveals nothing of another's.
   */
  async counts(organization: Organization, query: z.output<typeof ZCommentCountsQuery>): Promise<TCommentCounts> {
    const ids = [...new Set(query.targetIds)];
    const found = await this.repository.countsByTarget(organization.id, query.targetType, ids);
    return { counts: Object.fromEntries(ids.map((id) => [id, found.get(id) ?? 0])) };
  }

  /** Posts a comment or a reply (at most MAX_COMMENT_DEPTH deep); the text is normalised and shown through safe markdown. */
  async create(
    organization: Organization,
    actor: Actor,
    membership: MembershipRow | null,
    input: z.output<typeof ZCreateComment>,
  ): Promise<TComment> {
    const orgId = organization.id;
    await this.blocks.assertNotBlocked(orgId, actor.accountId);
    await this.rateLimiter.hit('comment:account', actor.accountId);
    const target = await this.targetOf(orgId, input.targetType, input.targetId);
    await target.assertCanComment?.(orgId, input.targetId, actor.accountId, {
      isReply: !!input.parentId,
      alignment: input.alignment,
      isEdit: false,
    });
    if (input.passage) {
      if (input.parentId || !target.checkPassage) throw CommentErrors.passageNotSupported();
      await target.checkPassage(orgId, input.targetId, input.passage);
    }
    const id = randomUUID();
    await this.repository.db.transaction(async (m) => {
      let parent: CommentStateRow | null = null;
      if (input.parentId) {
        parent = await this.repository.stateOf(m, orgId, input.parentId, false);
        if (!parent || parent.targetType !== input.targetType || parent.targetId !== input.targetId)
          throw CommentErrors.parentNotFound();
        if (parent.depth >= MAX_COMMENT_DEPTH) throw CommentErrors.tooDeep();
        if (parent.isHidden) throw CommentErrors.hidden();
      }
      await this.repository.insert(m, {
        id,
        organizationId: orgId,
        targetType: input.targetType,
        targetId: input.targetId,
        parentId: parent?.id ?? null,
        rootId: parent?.rootId ?? id,
        depth: parent ? parent.depth + 1 : 0,
        authorId: actor.accountId,
        authorCapacity: CAPACITIES.find((r) => membership?.roles.includes(r)) ?? null,
        body: normalizePersian(input.body),
        alignment: input.alignment ?? null,
        passage: input.passage ?? null,
      });
      await target.onCountChanged?.(orgId, input.targetId, m, 1);
    });
    return this.changed(organization, actor, id, 'created');
  }

  /** The author edits their comment within COMMENT_EDIT_MINUTES of posting it. */
  async edit(
    organization: Organization,
    actor: Actor,
    commentId: string,
    input: z.output<typeof ZEditComment>,
  ): Promise<TComment> {
    const orgId = organization.id;
    const current = await this.repository.stateOf(this.repository.db, orgId, commentId, false);
    if (!current) throw CommentErrors.notFound();
    if (current.authorId !== actor.accountId) throw CommentErrors.notAuthor();
    await this.blocks.assertNotBlocked(orgId, actor.accountId);
    const target = await this.targetOf(orgId, current.targetType, current.targetId);
    await target.assertCanComment?.(orgId, current.targetId, actor.accountId, {
      isReply: current.depth > 0,
      alignment: input.alignment !== undefined ? input.alignment : current.alignment,
      isEdit: true,
    });
    await this.repository.db.transaction(async (m) => {
      const locked = (await this.repository.stateOf(m, orgId, commentId))!;
      if (locked.isHidden) throw CommentErrors.hidden();
      const alignment = input.alignment !== undefined ? input.alignment : locked.alignment;
      if (!(await this.repository.updateBody(m, orgId, commentId, normalizePersian(input.body), alignment))) {
        throw CommentErrors.editWindowClosed();
      }
    });
    return this.changed(organization, actor, commentId, 'edited');
  }

  /** One vote per person: +1, -1, or 0 to withdraw; the counters move by the difference in the same transaction. */
  async vote(organization: Organization, actor: Actor, commentId: string, value: -1 | 0 | 1): Promise<TComment> {
    const orgId = organization.id;
    await this.blocks.assertNotBlocked(orgId, actor.accountId);
    await this.repository.db.transaction(async (m) => {
      // The row lock makes concurrent votes on one comment take turns (see repository.vote).
      const comment = await this.repository.stateOf(m, orgId, commentId);
      if (!comment) throw CommentErrors.notFound();
      if (comment.isHidden) throw CommentErrors.hidden();
      await this.repository.vote(m, orgId, commentId, actor.accountId, value);
    });
    return this.changed(organization, actor, commentId, 'voted');
  }

  /** Reports a comment to the moderators, once per person (409 `comments.already_reported` on repeat). */
  async report(
    organization: Organization,
    actor: Actor,
    commentId: string,
    input: z.output<typeof ZReportComment>,
  ): Promise<void> {
    const comment = await this.repository.stateOf(this.repository.db, organization.id, commentId, false);
    if (!comment) throw CommentErrors.notFound();
    const note = input.note ? normalizePersian(input.note) : null;
    if (
      !(await this.repository.insertReport(
        this.repository.db,
        organization.id,
        commentId,
        actor.accountId,
        input.reason,
        note || null,
      ))
    ) {
      throw CommentErrors.alreadyReported();
    }
  }

  /** A moderator hides a comment with a reason: its body disappears for the public; history and audit keep why. */
  hide(organization: Organization, actor: Actor, commentId: string, reason: string): Promise<TComment> {
    return this.moderate(organization, actor, commentId, true, reason);
  }

  /** A moderator restores a hidden comment, with a reason. */
  restore(organization: Organization, actor: Actor, commentId: string, reason: string): Promise<TComment> {
    return this.moderate(organization, actor, commentId, false, reason);
  }

  /**
   * A moderator has read a comment's reports and keeps the comment: the reports are cleared (it
   * leaves the reported queue) and the audit log records how many, for which reasons, and why.
   */
  async dismissReports(
    organization: Organization,
    actor: Actor,
    commentId: string,
    reason: string | undefined,
  ): Promise<void> {
    const orgId = organization.id;
    await this.repository.db.transaction(async (m) => {
      const comment = await this.repository.stateOf(m, orgId, commentId);
      if (!comment) throw CommentErrors.notFound();
      const dismissed = await this.repository.deleteReports(m, orgId, commentId);
      if (dismissed.count === 0) throw CommentErrors.noReports();
      await this.audit.record(m, {
        organizationId: orgId,
        actorId: actor.accountId,
        action: 'comment.reports_dismissed',
        entityType: 'comment',
        entityId: commentId,
        before: { reportCount: dismissed.count, reasonCounts: dismissed.reasons },
        after: { reportCount: 0, reason: reason ? normalizePersian(reason) : null },
      });
    });
  }

  /** A planner marks (or unmarks) a comment as the municipality's official answer. */
  async markOfficial(
    organization: Organization,
    actor: Actor,
    commentId: string,
    isOfficial: boolean,
  ): Promise<TComment> {
    const orgId = organization.id;
    await this.repository.db.transaction(async (m) => {
      const comment = await this.repository.stateOf(m, orgId, commentId);
      if (!comment) throw CommentErrors.notFound();
      if (comment.isOfficial === isOfficial) return;
      await this.repository.setOfficial(m, orgId, commentId, isOfficial);
      await this.audit.record(m, {
        organizationId: orgId,
        actorId: actor.accountId,
        action: isOfficial ? 'comment.marked_official' : 'comment.unmarked_official',
        entityType: 'comment',
        entityId: commentId,
        before: { isOfficial: comment.isOfficial },
        after: { isOfficial },
      });
    });
    return this.changed(organization, actor, commentId, 'edited');
  }

  /**
   * A planner records what became of a comment in the next edition (incorporated or not, with a
   * reason) or clears it; the comment's author is notified of a new outcome. Only targets that
   * declare `outcomes` accept one (400 `comments.outcome_not_supported`).
   */
  async setOutcome(
    organization: Organization,
    actor: Actor,
    commentId: string,
    input: z.output<typeof ZCommentOutcome>,
  ): Promise<TComment> {
    const orgId = organization.id;
    const reason = input.outcome === null ? null : normalizePersian(input.reason ?? '');
    const before = await this.repository.db.transaction(async (m) => {
      const comment = await this.repository.stateOf(m, orgId, commentId);
      if (!comment) throw CommentErrors.notFound();
      if (!this.targets.get(comment.targetType)?.outcomes) throw CommentErrors.outcomeNotSupported();
      if (comment.isHidden) throw CommentErrors.hidden();
      if (comment.outcome === input.outcome && comment.outcomeReason === reason) return null;
      await this.repository.setOutcome(m, orgId, commentId, input.outcome, reason, actor.accountId);
      await this.audit.record(m, {
        organizationId: orgId,
        actorId: actor.accountId,
        action: 'comment.outcome_set',
        entityType: 'comment',
        entityId: commentId,
        before: { outcome: comment.outcome, reason: comment.outcomeReason },
        after: { outcome: input.outcome, reason },
      });
      return comment;
    });
    if (before && input.outcome && before.authorId && before.authorId !== actor.accountId) {
      const about = await this.targets.get(before.targetType)!.outcomes!.describe(orgId, before.targetId);
      await this.notifications.notifyAccounts(
        orgId,
        [before.authorId],
        'comment.outcome',
        {
          outcome: input.outcome,
          reason: reason ?? '',
          excerpt: excerpt(before.body),
          activityTitle: about.title,
          ...(about.activityId ? { activityId: about.activityId } : {}),
        },
        about.link,
      );
    }
    return this.changed(organization, actor, commentId, 'edited');
  }

  /** The moderator queue: reported comments (latest report first) or all comments (newest first), keyset-paginated. */
  /**
   * "My activity": the comments I wrote here, newest first, each with where it is (a link), the
   * planners' outcome, and how many replied. Places are named by each target's module, one call
   * per kind of target per page.
   */
  async commentsBy(
    organization: Organization,
    actor: Actor,
    query: z.output<typeof ZMyActivityQuery>,
  ): Promise<{ items: TMyComment[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeQueueCursor(query.cursor, 'mine') : null;
    const rows = await this.repository.commentsBy(organization.id, actor.accountId, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const places = new Map<string, TCommentPlace>();
    for (const targetType of new Set(page.map((r) => r.targetType))) {
      const handler = this.targets.get(targetType);
      if (!handler?.places) continue;
      const ids = [...new Set(page.filter((r) => r.targetType === targetType).map((r) => r.targetId))];
      for (const [id, place] of await handler.places(organization, ids)) places.set(`${targetType}:${id}`, place);
    }
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        excerpt: excerpt(r.body, 200),
        targetType: r.targetType,
        place: places.get(`${r.targetType}:${r.targetId}`) ?? null,
        isReply: r.parentId !== null,
        replyCount: r.replyCount,
        outcome:
          r.outcome && r.outcomeAt
            ? { status: r.outcome, reason: r.outcomeReason, decidedAt: new Date(r.outcomeAt).toISOString() }
            : null,
        isOfficial: r.isOfficial,
        isHidden: r.isHidden,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(['mine', last.createdAtKey, last.id]) : null,
    };
  }

  async moderationQueue(
    organization: Organization,
    actor: Actor,
    query: z.output<typeof ZModerationQueueQuery>,
  ): Promise<TModerationQueuePage> {
    const after = query.cursor ? decodeQueueCursor(query.cursor, query.filter) : null;
    const rows = await this.repository.queue(organization.id, query.filter, actor.accountId, after, query.limit);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const links = await Promise.all(
      page.map(
        (r) =>
          this.targets
            .get(r.targetType)
            ?.locate?.(organization, r.targetId, r.id)
            .catch(() => null) ?? null,
      ),
    );
    return {
      items: page.map((r, i) => ({
        ...commentView(r, true),
        targetType: r.targetType,
        targetId: r.targetId,
        link: links[i] ?? null,
        reportCount: r.reportCount,
        reportReasons: REPORT_REASONS.filter((reason) => r.reasons?.[reason]),
        reasonCounts: r.reasons ?? {},
        reportNotes: r.notes ?? [],
        lastReportedAt: r.lastReportedAt ? new Date(r.lastReportedAt).toISOString() : null,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([
              query.filter,
              query.filter === 'reported' ? last.lastReportedAtKey : last.createdAtKey,
              last.id,
            ])
          : null,
    };
  }

  private async moderate(
    organization: Organization,
    actor: Actor,
    commentId: string,
    hide: boolean,
    reason: string,
  ): Promise<TComment> {
    const orgId = organization.id;
    await this.repository.db.transaction(async (m) => {
      const before = await this.repository.stateOf(m, orgId, commentId);
      if (!before) throw CommentErrors.notFound();
      if (before.isHidden === hide) throw hide ? CommentErrors.alreadyHidden() : CommentErrors.notHidden();
      const text = normalizePersian(reason);
      await this.repository.setHidden(m, orgId, commentId, hide, text, actor.accountId);
      // The owner's counter counts what the public sees.
      await this.targets.get(before.targetType)?.onCountChanged?.(orgId, before.targetId, m, hide ? -1 : 1);
      await this.audit.record(m, {
        organizationId: orgId,
        actorId: actor.accountId,
        action: hide ? 'comment.hidden' : 'comment.restored',
        entityType: 'comment',
        entityId: commentId,
        before: { isHidden: before.isHidden, hiddenReason: before.hiddenReason },
        after: { isHidden: hide, hiddenReason: hide ? text : null, reason: text },
      });
    });
    return this.changed(organization, actor, commentId, hide ? 'hidden' : 'restored');
  }

  /** Reads the comment as the actor sees it and tells the thread's watchers what changed. */
  private async changed(
    organization: Organization,
    actor: Actor,
    commentId: string,
    change: 'created' | 'edited' | 'hidden' | 'restored' | 'voted',
  ): Promise<TComment> {
    const [row, isModerator] = await Promise.all([
      this.repository.findView(this.repository.db, organization.id, commentId, actor.accountId),
      this.isModerator(organization.id, actor),
    ]);
    if (!row) throw CommentErrors.notFound();
    this.targets.get(row.targetType)?.onChanged?.(organization.id, row.targetId);
    this.realtime.toComments(row.targetType, row.targetId, 'comment.changed', {
      targetType: row.targetType,
      targetId: row.targetId,
      commentId,
      change,
    });
    return commentView(row, isModerator);
  }

  private async targetOf(
    organizationId: string,
    targetType: CommentTarget,
    targetId: string,
  ): Promise<CommentTargetHandler> {
    const target = this.targets.get(targetType);
    if (!target || !(await target.exists(organizationId, targetId))) throw CommentErrors.targetNotFound();
    return target;
  }

  private async isModerator(organizationId: string, actor: Actor | undefined): Promise<boolean> {
    if (!actor) return false;
    return actor.isSuperadmin || this.memberships.hasRole(organizationId, actor.accountId, MODERATORS);
  }
}
