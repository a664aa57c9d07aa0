import { createHash } from 'node:crypto';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { MAX_ATTACHMENT_BYTES, type TAttachment } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { type ImageOutput, ImageRejected, sanitizeImage } from '../../common/images/sanitize-image';
import type { AttachmentOwnerType } from './attachment.entity';
import { AttachmentErrors } from './attachments.errors';
import { type AttachmentRow, AttachmentsRepository } from './attachments.repository';
import { type AttachmentContentType, sniffAttachmentType } from './file-type';
import { filenameFor, sanitizeFilename } from './filename';

export type { AttachmentOwnerType } from './attachment.entity';

/**
 * How the module that owns a kind of owner (plans: plans, stages, upstream documents) lets this
 * module check it. `canManage` may return false (403) or throw its own AppError (a closed plan's
 * 409); without it, the route's planner role is enough.
 */
export type AttachmentOwner = {
  exists(organizationId: string, ownerId: string): Promise<boolean>;
  canManage?(organizationId: string, ownerId: string, accountId: string): Promise<boolean>;
};

/** An attachment ready to be streamed to a browser. */
export type AttachmentDownload = { attachment: AttachmentRow; stream: Readable };

const CHUNK_BYTES = 1024 * 1024;

/**
 * Planners' images (maps, diagrams, site photos) keep their format, so a PNG map stays lossless
 * and its name keeps its extension, and at most 4096 px on the long side: sharp enough to read
 * a district map full screen, and the bytes a public page downloads stay bounded.
 */
export const ATTACHMENT_IMAGE: ImageOutput = { maxSide: 4096, format: 'same' };

/**
 * Files attached to plans, stages and upstream documents: checked by their bytes, stored in
 * PostgreSQL (shared by every API process), listed without reading the bytes.
 *
 * Every image is re-encoded before it is stored (sanitizeImage): attachments are served publicly,
 * and a planner's photo must not publish where it was taken or with which camera. This is the
 * only way into the attachment table, so no caller can store an image with its metadata.
 */
@Injectable()
export class AttachmentsService {
  private readonly owners = new Map<AttachmentOwnerType, AttachmentOwner>();

  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Called by the owning module on init; uploads to an unregistered owner type answer 404. */
  registerOwner(ownerType: AttachmentOwnerType, owner: AttachmentOwner): void {
    this.owners.set(ownerType, owner);
  }

  /** The attachments of many owners in one query, keyed by owner id (every id present, maybe empty). */
  async listFor(
    organizationId: string,
    ownerType: AttachmentOwnerType,
    ownerIds: string[],
  ): Promise<Map<string, TAttachment[]>> {
    const result = new Map<string, TAttachment[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    for (const row of await this.repository.listForOwners(organizationId, ownerType, [...new Set(ownerIds)])) {
      result.get(row.ownerId)?.push(this.toAttachment(row));
    }
    return result;
  }

  /** Attachments by id within one organisation (one query); unknown ids are absent from the map. */
  async findByIds(organizationId: string, ids: string[]): Promise<Map<string, TAttachment>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.byIds(organizationId, [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, this.toAttachment(row)]));
  }

  /** The download URL of an attachment. */
  urlOf(slug: string, attachmentId: string): string {
    return `/api/orgs/${slug}/attachments/${attachmentId}`;
  }

  /** Removes the attachments of owners being deleted (the plans module calls it; no FK links them). */
  deleteFor(organizationId: string, ownerType: AttachmentOwnerType, ownerIds: string[]): Promise<number> {
    return ownerIds.length === 0
      ? Promise.resolve(0)
      : this.repository.deleteForOwners(organizationId, ownerType, ownerIds);
  }

  /**
   * One upload a person sends: counted against their per-account limit (a .docx import's pictures,
   * stored through `upload` below, are part of one request and are not counted one by one).
   */
  async uploadSent(
    organization: { id: string; slug: string },
    accountId: string,
    input: { ownerType: AttachmentOwnerType; ownerId: string; filename: string },
    original: Buffer,
  ): Promise<TAttachment> {
    await this.rateLimiter.hit('attachment:account', accountId);
    return this.upload(organization, accountId, input, original);
  }

  /**
   * Checks the bytes, the name and the owner, then stores the file; an image is stored re-encoded
   * as `image` says (its metadata dropped). With `format: 'webp'` any picture sharp reads (GIF,
   * TIFF too) is accepted and converted: the .docx import stores a document's pictures so.
   */
  async upload(
    organization: { id: string; slug: string },
    accountId: string,
    input: { ownerType: AttachmentOwnerType; ownerId: string; filename: string },
    original: Buffer,
    image: ImageOutput = ATTACHMENT_IMAGE,
  ): Promise<TAttachment> {
    if (original.length > MAX_ATTACHMENT_BYTES) throw AttachmentErrors.tooLarge();
    await this.assertCanManage(organization.id, input.ownerType, input.ownerId, accountId);
    const sniffed = sniffAttachmentType(original);
    const isImage = sniffed?.startsWith('image/') || (sniffed === null && image.format === 'webp');
    const contentType: AttachmentContentType | null = isImage && image.format === 'webp' ? 'image/webp' : sniffed;
    const filename = contentType ? filenameFor(sanitizeFilename(input.filename), contentType) : null;
    if (!contentType || !filename) throw AttachmentErrors.typeNotAllowed();
    let data = original;
    if (isImage) {
      const sanitized = await sanitizeImage(original, image).catch((error: unknown) => {
        if (error instanceof ImageRejected)
          throw sniffed ? AttachmentErrors.imageInvalid() : AttachmentErrors.typeNotAllowed();
        throw error;
      });
      data = sanitized.data;
      // A PNG re-encoded without its palette can grow; the stored file keeps to the same limit.
      if (data.length > MAX_ATTACHMENT_BYTES) throw AttachmentErrors.tooLarge();
    }
    const id = await this.repository.insert({
      organizationId: organization.id,
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      filename,
      contentType,
      sha256: createHash('sha256').update(data).digest('hex'),
      createdBy: accountId,
      data,
    });
    const row = await this.repository.findOne(organization.id, id);
    return this.toAttachment(row!);
  }

  /** The metadata and a stream of the bytes, read slice by slice. Another organisation's id is 404. */
  async open(organizationId: string, attachmentId: string): Promise<AttachmentRow> {
    const row = await this.repository.findOne(organizationId, attachmentId);
    if (!row) throw AttachmentErrors.notFound();
    return row;
  }

  /** The bytes of an attachment found by `open`, streamed in 1 MiB slices. */
  stream(attachment: AttachmentRow): Readable {
    const repository = this.repository;
    return Readable.from(
      (async function* () {
        for (let offset = 0; offset < attachment.sizeBytes; offset += CHUNK_BYTES) {
          const chunk = await repository.readSlice(attachment.id, offset, CHUNK_BYTES);
          if (!chunk || chunk.length === 0) throw new Error('attachment removed while being read');
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
  }

  async remove(organizationId: string, attachmentId: string, accountId: string): Promise<void> {
    const row = await this.open(organizationId, attachmentId);
    await this.assertCanManage(organizationId, row.ownerType, row.ownerId, accountId, true);
    if (!(await this.repository.delete(organizationId, attachmentId))) {
      throw AttachmentErrors.notFound();
    }
  }

  private async assertCanManage(
    organizationId: string,
    ownerType: AttachmentOwnerType,
    ownerId: string,
    accountId: string,
    ownerMayBeGone = false,
  ): Promise<void> {
    const owner = this.owners.get(ownerType);
    if (!owner) {
      if (ownerMayBeGone) return;
      throw AttachmentErrors.ownerNotFound();
    }
    if (!(await owner.exists(organizationId, ownerId))) {
      if (ownerMayBeGone) return;
      throw AttachmentErrors.ownerNotFound();
    }
    if (owner.canManage && !(await owner.canManage(organizationId, ownerId, accountId))) {
      throw new AppError('identity.forbidden', 403, 'This owner cannot be changed');
    }
  }

  private toAttachment(row: AttachmentRow): TAttachment {
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.contentType as AttachmentContentType,
      sizeBytes: Number(row.sizeBytes),
      url: this.urlOf(row.slug, row.id),
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
