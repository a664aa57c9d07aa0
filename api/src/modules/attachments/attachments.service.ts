import { createHash } from 'node:crypto';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { MAX_ATTACHMENT_BYTES, type TAttachment } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import type { AttachmentOwnerType } from './attachment.entity';
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
 * Files attached to plans, stages and upstream documents: checked by their bytes, stored in
 * PostgreSQL (shared by every API process), listed without reading the bytes.
 *
 * Images here come from planners. Citizen photos (a later issue) will be re-encoded with sharp
 * on upload, which drops EXIF (GPS position, camera serial); nothing is stripped here.
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

  /** Checks the bytes, the name and the owner, then stores the file. */
  async upload(
    organization: { id: string; slug: string },
    accountId: string,
    input: { ownerType: AttachmentOwnerType; ownerId: string; filename: string },
    data: Buffer,
  ): Promise<TAttachment> {
    if (data.length > MAX_ATTACHMENT_BYTES)
      throw new AppError('attachments.too_large', 413, 'The file is larger than 25 MiB');
    await this.assertCanManage(organization.id, input.ownerType, input.ownerId, accountId);
    await this.rateLimiter.hit('attachment:account', accountId);
    const contentType = sniffAttachmentType(data);
    const filename = contentType ? filenameFor(sanitizeFilename(input.filename), contentType) : null;
    if (!contentType || !filename) {
      throw new AppError(
        'attachments.type_not_allowed',
        415,
        'Only PDF, DOCX, PNG, JPEG and WEBP files whose name matches their content',
      );
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
    if (!row) throw new AppError('attachments.not_found', 404, 'Attachment not found');
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
      throw new AppError('attachments.not_found', 404, 'Attachment not found');
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
      throw new AppError('attachments.owner_not_found', 404, 'Nothing to attach to');
    }
    if (!(await owner.exists(organizationId, ownerId))) {
      if (ownerMayBeGone) return;
      throw new AppError('attachments.owner_not_found', 404, 'Nothing to attach to');
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
