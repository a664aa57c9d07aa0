import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TConsultationSettings, TPassage } from '@hamandishi/contracts';
import type { CommentContext, CommentTargetHandler, TCommentPlace } from '../comments/comments.service';
import { CommentErrors } from '../comments/comments.errors';
import { MembershipsService } from '../identity/memberships.service';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { ParticipationService } from '../plans/participation.service';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { EditionsService } from './editions.service';
import { quotesText } from './editions/edition-blocks';
import { ReadingCache } from './reading-cache';

/**
 * How the comments module reaches consultations: 'paragraph' comments target a block of a
 * published edition, 'document' comments the edition as a whole. New comments go to the latest
 * edition while the activity is open; earlier editions' threads still take replies.
 */
@Injectable()
export class ConsultationCommentTargets {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly editions: EditionsService,
    private readonly participation: ParticipationService,
    private readonly memberships: MembershipsService,
    private readonly registry: ActivityTypeRegistry,
    private readonly cache: ReadingCache,
  ) {}

  /** Whether the activity is one of this organisation's consultations. */
  isConsultation(organizationId: string, activityId: string): Promise<boolean> {
    return this.editions.consultation(organizationId, activityId).then(
      () => true,
      () => false,
    );
  }

  /** Target type 'paragraph': a block id. */
  paragraph(): CommentTargetHandler {
    return {
      exists: async (organizationId, blockId) =>
        (await this.repository.blockTarget(organizationId, blockId))?.editionStatus === 'published',
      assertCanComment: async (organizationId, blockId, actorId, context) => {
        const block = await this.repository.blockTarget(organizationId, blockId);
        if (!block || block.editionStatus !== 'published') throw CommentErrors.targetNotFound();
        await this.assertCanTakePart(organizationId, block.activityId, actorId, block.isLatest, context);
      },
      checkPassage: async (organizationId: string, blockId: string, passage: TPassage) => {
        const block = await this.repository.blockTarget(organizationId, blockId);
        if (!block || !quotesText(block.text, passage)) throw CommentErrors.passageMismatch();
      },
      onCountChanged: (organizationId: string, blockId: string, manager: EntityManager, delta: number) =>
        this.repository.addToBlockComments(manager, organizationId, blockId, delta),
      onChanged: () => this.cache.forget(),
      places: (organization, blockIds) =>
        this.places(organization, blockIds, async (blockId) => {
          const block = await this.repository.blockTarget(organization.id, blockId);
          if (!block) return null;
          const latest = await this.repository.latestVersionOf(organization.id, block.lineageId);
          const at = latest ?? { number: block.editionNumber, anchor: block.anchor };
          return { activityId: block.activityId, place: `?edition=${at.number}#p-${at.anchor}` };
        }),
      locate: async (organization, blockId) => {
        const block = await this.repository.blockTarget(organization.id, blockId);
        if (!block) return null;
        // The paragraph's newest version carries this comment's thread.
        const latest = await this.repository.latestVersionOf(organization.id, block.lineageId);
        const at = latest ?? { number: block.editionNumber, anchor: block.anchor };
        return `/${organization.slug}/consultations/${block.activityId}?edition=${at.number}#p-${at.anchor}`;
      },
      outcomes: {
        describe: async (organizationId, blockId) => {
          const block = (await this.repository.blockTarget(organizationId, blockId))!;
          // Link to the paragraph's newest version: its carried threads include this comment.
          const latest = await this.repository.latestVersionOf(organizationId, block.lineageId);
          const at = latest ?? { number: block.editionNumber, anchor: block.anchor };
          return this.describe(organizationId, block.activityId, `?edition=${at.number}#p-${at.anchor}`);
        },
      },
    };
  }

  /** Target type 'document': an edition id. */
  document(): CommentTargetHandler {
    return {
      exists: async (organizationId, editionId) =>
        (await this.repository.editionTarget(organizationId, editionId))?.editionStatus === 'published',
      assertCanComment: async (organizationId, editionId, actorId, context) => {
        const edition = await this.repository.editionTarget(organizationId, editionId);
        if (!edition || edition.editionStatus !== 'published') throw CommentErrors.targetNotFound();
        await this.assertCanTakePart(organizationId, edition.activityId, actorId, edition.isLatest, context);
      },
      onCountChanged: (organizationId: string, editionId: string, manager: EntityManager, delta: number) =>
        this.repository.addToEditionComments(manager, organizationId, editionId, delta),
      onChanged: () => this.cache.forget(),
      places: (organization, editionIds) =>
        this.places(organization, editionIds, async (editionId) => {
          const edition = await this.repository.editionTarget(organization.id, editionId);
          return edition && { activityId: edition.activityId, place: `?edition=${edition.editionNumber}#comments` };
        }),
      locate: async (organization, editionId) => {
        const edition = await this.repository.editionTarget(organization.id, editionId);
        return edition
          ? `/${organization.slug}/consultations/${edition.activityId}?edition=${edition.editionNumber}#comments`
          : null;
      },
      outcomes: {
        describe: async (organizationId, editionId) => {
          const edition = (await this.repository.editionTarget(organizationId, editionId))!;
          return this.describe(organizationId, edition.activityId, `?edition=${edition.editionNumber}#comments`);
        },
      },
    };
  }

  private async assertCanTakePart(
    organizationId: string,
    activityId: string,
    actorId: string,
    isLatest: boolean,
    context: CommentContext,
  ): Promise<void> {
    const activity = await this.editions.consultation(organizationId, activityId);
    const membership = await this.memberships.find(organizationId, actorId);
    this.participation.assertCanTakePart(
      activity,
      { accountId: actorId, sessionId: '', isSuperadmin: false },
      membership,
    );
    if (context.isReply) return;
    if (!isLatest && !context.isEdit) throw ConsultationErrors.notLatest();
    const settings = this.registry.parseSettings('consultation', activity.settings) as TConsultationSettings;
    if (settings.requireAlignment && !context.alignment) throw ConsultationErrors.alignmentRequired();
  }

  /**
   * Names and links of paragraphs or editions for their commenters' own lists: the consultation's
   * title, and the place in its reading view. A page holds at most a few dozen, so one look-up each.
   */
  private async places(
    organization: { id: string; slug: string },
    ids: string[],
    locate: (id: string) => Promise<{ activityId: string; place: string } | null>,
  ): Promise<Map<string, TCommentPlace>> {
    const places = new Map<string, TCommentPlace>();
    for (const id of ids) {
      const where = await locate(id);
      if (!where) continue;
      const activity = await this.editions.consultation(organization.id, where.activityId);
      places.set(id, {
        title: activity.title,
        link: `/${organization.slug}/consultations/${where.activityId}${where.place}`,
      });
    }
    return places;
  }

  private async describe(
    organizationId: string,
    activityId: string,
    place: string,
  ): Promise<{ link: string; title: string; activityId: string }> {
    const [activity, slug] = await Promise.all([
      this.editions.consultation(organizationId, activityId),
      this.repository.organizationSlug(organizationId),
    ]);
    return { link: `/${slug}/consultations/${activityId}${place}`, title: activity.title.fa, activityId };
  }
}
