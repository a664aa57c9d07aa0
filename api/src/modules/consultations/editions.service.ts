import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import {
  MAX_EDITION_BLOCKS,
  type TEditionSource,
  type TEditionSummary,
  type ZImportEdition,
  type ZSaveEdition,
} from '@hamandishi/contracts';
import { normalizePersian } from '@hamandishi/text';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/http/request-context';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Organization } from '../organizations/organization.entity';
import { type ActivityInfo, StagesService } from '../plans/stages.service';
import { type EditionRow, type NewBlock, ConsultationsRepository, type Queryable } from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { DocxConverter } from './docx/docx-converter';
import type { TImportedDocument } from './docx/docx-to-document';
import { alignBlocks, anchorsForInSlices, sectionAnchors } from './editions/block-alignment';
import { ReadingCache } from './reading-cache';
import {
  type BlockInput,
  blocksFromImport,
  blocksOf,
  sectionsOfInSlices,
  storedBlockKey,
  type TImportedImage,
} from './editions/edition-blocks';

type SaveInput = z.output<typeof ZSaveEdition>;

/**
 * A consultation's editions: the draft of the next one (written in the browser or imported from
 * .docx), saved and published. Saving aligns the draft with the latest published edition, so
 * unchanged and reworded paragraphs keep their anchors and lineage (their comments carry over).
 */
@Injectable()
export class EditionsService {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly stages: StagesService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly cache: ReadingCache,
    private readonly docx: DocxConverter,
  ) {}

  /** The consultations among `activityIds` that citizens can read: those with a published edition. */
  async publishedAmong(organizationId: string, activityIds: string[]): Promise<Set<string>> {
    if (activityIds.length === 0) return new Set();
    return new Set(await this.repository.activitiesWithPublishedEdition(organizationId, activityIds));
  }

  /** The activity, which must be a consultation of this organisation (404 otherwise). */
  async consultation(organizationId: string, activityId: string): Promise<ActivityInfo> {
    const activity = await this.stages.getActivity(organizationId, activityId);
    if (activity.type !== 'consultation') throw ConsultationErrors.notConsultation();
    return activity;
  }

  /** Starts the draft of the next edition from blocks written in the browser. */
  async create(org: Organization, actor: Actor, activityId: string, input: SaveInput): Promise<TEditionSummary> {
    await this.consultation(org.id, activityId);
    return this.createDraft(org, actor, activityId, input, 'editor', null);
  }

  /** Starts the draft of the next edition from a .docx uploaded to this consultation. */
  async importDocx(
    org: Organization,
    actor: Actor,
    activityId: string,
    input: z.output<typeof ZImportEdition>,
  ): Promise<TEditionSummary> {
    await this.consultation(org.id, activityId);
    const file = await this.attachments.open(org.id, input.attachmentId);
    if (file.ownerType !== 'activity' || file.ownerId !== activityId) {
      throw new AppError('attachments.not_found', 404, 'Attachment not found', { attachmentId: 'invalid_value' });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of this.attachments.stream(file)) chunks.push(chunk as Buffer);
    // Refused before the document is converted, and again before the pictures are stored (another
    // planner may have started a draft meanwhile).
    if (await this.repository.draft(this.repository.db, org.id, activityId)) throw ConsultationErrors.draftExists();
    // In a worker thread: a large document must not hold up every other request.
    const document = await this.docx.convert(Buffer.concat(chunks));
    if (await this.repository.draft(this.repository.db, org.id, activityId)) throw ConsultationErrors.draftExists();
    const stored = await this.storePictures(org, actor, activityId, document);
    const blocks = blocksFromImport(document, (image) => stored.get(image)).slice(0, MAX_EDITION_BLOCKS);
    if (!blocks.some((b) => b.kind !== 'heading')) throw ConsultationErrors.docxEmpty();
    const title =
      input.title ?? (blocks[0]?.kind === 'heading' ? blocks[0].text : file.filename.replace(/\.docx$/i, ''));
    return this.createDraft(org, actor, activityId, { title: title.slice(0, 300), blocks }, 'docx', file.id);
  }

  /** Rewrites the draft (409 `consultations.not_draft` for a published edition). */
  async save(
    org: Organization,
    actor: Actor,
    activityId: string,
    number: number,
    input: SaveInput,
  ): Promise<TEditionSummary> {
    await this.consultation(org.id, activityId);
    await this.repository.db.transaction(async (m) => {
      const edition = await this.editableDraft(m, org.id, activityId, number);
      await this.repository.updateDraft(
        m,
        org.id,
        edition.id,
        normalizePersian(input.title),
        clean(input.changeSummary),
      );
      await this.writeContent(m, org.id, activityId, edition.id, input.blocks);
    });
    return this.summary(org.id, activityId, number);
  }

  /** Throws the draft away. */
  async discard(org: Organization, actor: Actor, activityId: string, number: number): Promise<void> {
    await this.consultation(org.id, activityId);
    await this.repository.db.transaction(async (m) => {
      const edition = await this.editableDraft(m, org.id, activityId, number);
      await this.repository.deleteDraft(m, org.id, edition.id);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'consultation.draft_discarded',
        entityType: 'consultation_edition',
        entityId: edition.id,
        before: { number, title: edition.title },
        after: null,
      });
    });
  }

  /** Publishes the draft: it becomes the edition readers see and comment on; earlier ones stay readable. */
  async publish(org: Organization, actor: Actor, activityId: string, number: number): Promise<TEditionSummary> {
    const activity = await this.consultation(org.id, activityId);
    const published = await this.repository.db.transaction(async (m) => {
      const edition = await this.editableDraft(m, org.id, activityId, number);
      await this.repository.publish(m, org.id, edition.id, actor.accountId);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'consultation.edition_published',
        entityType: 'consultation_edition',
        entityId: edition.id,
        before: { status: 'draft' },
        after: { status: 'published', number, title: edition.title, blockCount: edition.blockCount },
      });
      return edition;
    });
    this.cache.forget();
    // Those who took part in earlier editions learn that the next one is out (and what changed).
    if (number > 1) {
      const recipients = (await this.repository.earlierParticipants(org.id, activityId, number)).filter(
        (id) => id !== actor.accountId,
      );
      await this.notifications.notifyAccounts(
        org.id,
        recipients,
        'consultation.edition_published',
        { number, title: published.title, activityTitle: activity.title.fa, activityId },
        `/${org.slug}/consultations/${activityId}/diff?from=${number - 1}&to=${number}`,
      );
    }
    return this.summary(org.id, activityId, number);
  }

  /** An edition's blocks as the editor edits them (drafts and published ones, to start the next from). */
  async source(organizationId: string, activityId: string, number: number): Promise<TEditionSource> {
    await this.consultation(organizationId, activityId);
    const edition = await this.repository.edition(this.repository.db, organizationId, activityId, number);
    if (!edition) throw ConsultationErrors.editionNotFound();
    const [sections, blocks] = await Promise.all([
      this.repository.sections(this.repository.db, organizationId, edition.id),
      this.repository.blocks(this.repository.db, organizationId, edition.id),
    ]);
    return {
      number: edition.number,
      status: edition.status,
      title: edition.title,
      changeSummary: edition.changeSummary,
      blocks: blocksOf(sections.map((s) => ({ ...s, blocks: blocks.filter((b) => b.sectionId === s.id) }))),
    };
  }

  private async createDraft(
    org: Organization,
    actor: Actor,
    activityId: string,
    input: SaveInput,
    source: 'editor' | 'docx',
    sourceAttachmentId: string | null,
  ): Promise<TEditionSummary> {
    const number = await this.repository.db.transaction(async (m) => {
      const draft = await this.repository.insertDraft(m, {
        organizationId: org.id,
        activityId,
        title: normalizePersian(input.title),
        changeSummary: clean(input.changeSummary),
        source,
        sourceAttachmentId,
        createdBy: actor.accountId,
      });
      if (!draft) throw ConsultationErrors.draftExists();
      await this.writeContent(m, org.id, activityId, draft.id, input.blocks);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'consultation.draft_created',
        entityType: 'consultation_edition',
        entityId: draft.id,
        before: null,
        after: { number: draft.number, source, title: input.title },
      });
      return draft.number;
    });
    return this.summary(org.id, activityId, number);
  }

  private async editableDraft(
    m: Queryable,
    organizationId: string,
    activityId: string,
    number: number,
  ): Promise<EditionRow> {
    const edition = await this.repository.edition(m, organizationId, activityId, number, true);
    if (!edition) throw ConsultationErrors.editionNotFound();
    if (edition.status !== 'draft') throw ConsultationErrors.notDraft();
    return edition;
  }

  /**
   * Stores the draft's sections and blocks, aligned with the latest published edition: a block
   * equal to (or a rewording of) one there keeps its anchor and lineage and says how it changed.
   */
  private async writeContent(
    m: Queryable,
    organizationId: string,
    activityId: string,
    editionId: string,
    input: BlockInput[],
  ): Promise<void> {
    await this.assertImages(organizationId, activityId, input);
    // Up to 2000 blocks (about 1 MiB of text) are normalised, keyed, aligned and hashed here;
    // handing the event loop back between the steps keeps other requests answered meanwhile.
    const sections = await sectionsOfInSlices(input);
    const newer = sections.flatMap((s) => s.blocks);
    const previous = await this.repository.latestPublished(m, organizationId, activityId);
    const older = previous ? await this.repository.blocks(m, organizationId, previous.id) : [];
    const olderKeys = older.map((b) => ({ key: storedBlockKey(b.kind, b.text, b.content), text: b.text }));
    await yieldToEventLoop();
    const { matches } = alignBlocks(olderKeys, newer);
    await yieldToEventLoop();
    const anchors = await anchorsForInSlices(
      newer,
      matches,
      older.map((b) => b.anchor),
    );
    const headingAnchors = sectionAnchors(sections.map((s) => s.heading));
    await yieldToEventLoop();
    let at = 0;
    const stored = sections.map((section, i) => ({
      id: randomUUID(),
      anchor: headingAnchors[i],
      heading: section.heading,
      level: section.level,
      blocks: section.blocks.map((block): NewBlock => {
        const index = at++;
        const match = matches[index];
        const id = randomUUID();
        const before = match.oldIndex === null ? null : older[match.oldIndex];
        return {
          ...block,
          id,
          anchor: anchors[index],
          lineageId: before?.lineageId ?? id,
          previousBlockId: before?.id ?? null,
          change: previous ? match.change : null,
        };
      }),
    }));
    await this.repository.replaceContent(m, organizationId, editionId, stored);
  }

  /**
   * The document's pictures, stored as the consultation's attachments: the attachments module
   * re-encodes them to WebP of at most 1600 px (EXIF and other metadata dropped). Formats sharp
   * cannot read (EMF, WMF) are left out.
   */
  private async storePictures(
    org: Organization,
    actor: Actor,
    activityId: string,
    document: TImportedDocument,
  ): Promise<Map<TImportedImage, string>> {
    const stored = new Map<TImportedImage, string>();
    let n = 0;
    for (const block of document.sections.flatMap((s) => s.blocks)) {
      if (block.kind !== 'image') continue;
      const attachment = await this.attachments
        .upload(
          org,
          actor.accountId,
          // No extension: the stored type (WebP) supplies it.
          { ownerType: 'activity', ownerId: activityId, filename: `picture-${n + 1}` },
          block.data,
          { maxSide: 1600, format: 'webp', quality: 82 },
        )
        .catch((error: unknown) => {
          if (error instanceof AppError && error.status < 500) return null;
          throw error;
        });
      if (!attachment) continue;
      n++;
      stored.set(block, attachment.id);
    }
    return stored;
  }

  /** Image blocks may only show images uploaded to this consultation. */
  private async assertImages(organizationId: string, activityId: string, blocks: BlockInput[]): Promise<void> {
    const images = blocks.flatMap((b, i) => (b.kind === 'image' ? [{ id: b.attachmentId, index: i }] : []));
    for (const image of images) {
      const file = await this.attachments.open(organizationId, image.id).catch(() => null);
      if (
        !file ||
        file.ownerType !== 'activity' ||
        file.ownerId !== activityId ||
        !file.contentType.startsWith('image/')
      ) {
        throw ConsultationErrors.imageNotFound(`blocks.${image.index}.attachmentId`);
      }
    }
  }

  private async summary(organizationId: string, activityId: string, number: number): Promise<TEditionSummary> {
    const rows = await this.repository.editions(organizationId, activityId, true);
    const row = rows.find((r) => r.number === number);
    if (!row) throw ConsultationErrors.editionNotFound();
    return editionSummary(row);
  }
}

/** An edition as listed. */
export function editionSummary(row: EditionRow & { totalComments: number }): TEditionSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    source: row.source,
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
    blockCount: row.blockCount,
    commentCount: row.totalComments,
  };
}

function clean(text: string | undefined): string | null {
  const value = text ? normalizePersian(text).trim() : '';
  return value === '' ? null : value;
}
