import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { TAmendment, TConsultationSettings, ZAmendmentStatus, ZCreateAmendment } from '@hamandishi/contracts';
import { excerpt, normalizePersian } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { AuditService } from '../audit/audit.service';
import { CommentErrors } from '../comments/comments.errors';
import type { MembershipRow } from '../identity/memberships.repository';
import { BlocksService } from '../moderation/blocks.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Organization } from '../organizations/organization.entity';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { ParticipationService } from '../plans/participation.service';
import { type AmendmentRow, ConsultationsRepository } from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { EditionsService } from './editions.service';
import { quotesText } from './editions/edition-blocks';
import { ReadingCache } from './reading-cache';

/** Amendments: proposed rewordings of a paragraph (or a passage of it) that others support. */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly editions: EditionsService,
    private readonly participation: ParticipationService,
    private readonly registry: ActivityTypeRegistry,
    private readonly blocks: BlocksService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
    private readonly cache: ReadingCache,
    private readonly notifications: NotificationsService,
  ) {}

  /** A paragraph's amendments, most supported first. */
  async list(org: Organization, activityId: string, blockId: string, actor: Actor | undefined): Promise<TAmendment[]> {
    await this.blockOf(org.id, activityId, blockId);
    return (await this.repository.amendments(org.id, blockId, actor?.accountId ?? null)).map(amendmentView);
  }

  /** Proposes a rewording of a paragraph of the latest edition while the consultation is open. */
  async create(
    org: Organization,
    actor: Actor,
    membership: MembershipRow | null,
    activityId: string,
    input: z.output<typeof ZCreateAmendment>,
  ): Promise<TAmendment> {
    const block = await this.blockOf(org.id, activityId, input.blockId);
    await this.assertCanTakePart(org, actor, membership, activityId);
    if (!block.isLatest) throw ConsultationErrors.notLatest();
    if (input.passage && !quotesText(block.text, input.passage)) throw CommentErrors.passageMismatch();
    await this.rateLimiter.hit('amendment:account', actor.accountId);
    const id = await this.repository.db.transaction((m) =>
      this.repository.insertAmendment(m, {
        organizationId: org.id,
        blockId: block.blockId,
        authorId: actor.accountId,
        passage: input.passage ?? null,
        proposedText: normalizePersian(input.proposedText),
        reason: input.reason ? normalizePersian(input.reason) : null,
      }),
    );
    this.cache.forget();
    return this.view(org.id, id, actor);
  }

  /** Supports (or withdraws support from) an amendment, once per person. */
  async support(
    org: Organization,
    actor: Actor,
    membership: MembershipRow | null,
    activityId: string,
    amendmentId: string,
    supported: boolean,
  ): Promise<TAmendment> {
    const amendment = await this.amendmentOf(org.id, activityId, amendmentId, actor);
    await this.assertCanTakePart(org, actor, membership, activityId);
    await this.repository.db.transaction((m) =>
      this.repository.setSupport(m, org.id, amendment.id, actor.accountId, supported),
    );
    return this.view(org.id, amendmentId, actor);
  }

  /** A planner accepts or rejects an amendment (or reopens it), with a reason kept in the audit. */
  async setStatus(
    org: Organization,
    actor: Actor,
    activityId: string,
    amendmentId: string,
    input: z.output<typeof ZAmendmentStatus>,
  ): Promise<TAmendment> {
    const amendment = await this.amendmentOf(org.id, activityId, amendmentId, actor);
    const reason = input.reason ? normalizePersian(input.reason) : null;
    await this.repository.db.transaction(async (m) => {
      await this.repository.setAmendmentStatus(m, org.id, amendmentId, input.status, reason);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'amendment.status_changed',
        entityType: 'amendment',
        entityId: amendmentId,
        before: { status: amendment.status },
        after: { status: input.status, reason },
      });
    });
    // The author hears of a decision on their rewording (not of a reopening, nor of their own).
    if (
      input.status !== 'open' &&
      input.status !== amendment.status &&
      amendment.authorId &&
      amendment.authorId !== actor.accountId
    ) {
      const [activity, block] = await Promise.all([
        this.editions.consultation(org.id, activityId),
        this.repository.blockTarget(org.id, amendment.blockId),
      ]);
      await this.notifications.notifyAccounts(
        org.id,
        [amendment.authorId],
        input.status === 'accepted' ? 'amendment.accepted' : 'amendment.rejected',
        {
          excerpt: excerpt(amendment.proposedText),
          activityTitle: activity.title.fa,
          activityId,
          ...(reason ? { reason } : {}),
        },
        `/${org.slug}/consultations/${activityId}?edition=${block!.editionNumber}#p-${block!.anchor}`,
      );
    }
    return this.view(org.id, amendmentId, actor);
  }

  private async assertCanTakePart(
    org: Organization,
    actor: Actor,
    membership: MembershipRow | null,
    activityId: string,
  ): Promise<void> {
    const activity = await this.editions.consultation(org.id, activityId);
    this.participation.assertCanTakePart(activity, actor, membership);
    const settings = this.registry.parseSettings('consultation', activity.settings) as TConsultationSettings;
    if (!settings.allowAmendments) throw ConsultationErrors.amendmentsDisabled();
    await this.blocks.assertNotBlocked(org.id, actor.accountId);
  }

  private async blockOf(organizationId: string, activityId: string, blockId: string) {
    await this.editions.consultation(organizationId, activityId);
    const block = await this.repository.blockTarget(organizationId, blockId);
    if (!block || block.activityId !== activityId || block.editionStatus !== 'published')
      throw ConsultationErrors.blockNotFound();
    return block;
  }

  private async amendmentOf(
    organizationId: string,
    activityId: string,
    amendmentId: string,
    actor: Actor,
  ): Promise<AmendmentRow> {
    const amendment = await this.repository.amendment(this.repository.db, organizationId, amendmentId, actor.accountId);
    const block = amendment ? await this.repository.blockTarget(organizationId, amendment.blockId) : null;
    if (!amendment || block?.activityId !== activityId) throw ConsultationErrors.amendmentNotFound();
    return amendment;
  }

  private async view(organizationId: string, amendmentId: string, actor: Actor): Promise<TAmendment> {
    const row = await this.repository.amendment(this.repository.db, organizationId, amendmentId, actor.accountId);
    if (!row) throw ConsultationErrors.amendmentNotFound();
    return amendmentView(row);
  }
}

/** An amendment as shown. */
export function amendmentView(row: AmendmentRow): TAmendment {
  return {
    id: row.id,
    blockId: row.blockId,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    passage:
      row.passageStart !== null && row.passageEnd !== null && row.passageQuote !== null
        ? { start: row.passageStart, end: row.passageEnd, quote: row.passageQuote }
        : null,
    proposedText: row.proposedText,
    reason: row.reason,
    supportCount: row.supportCount,
    supportedByMe: row.supportedByMe,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
