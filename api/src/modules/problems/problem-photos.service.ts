import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import type { TProblemPhoto } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { type SanitizedImage, sanitizeImage } from '../../common/images/sanitize-image';
import { JobsService } from '../../jobs/jobs.service';
import { sniffAttachmentType } from '../attachments/file-type';
import { ProblemErrors } from './problems.errors';
import { ProblemsRepository } from './problems.repository';

const LONG_SIDE = 1600;
const THUMB_SIDE = 320;
const PRUNE_QUEUE = 'problems.prune_photos' as const;
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Photo URLs, from one place. */
export const photoUrl = (slug: string, id: string) => `/api/orgs/${slug}/problem-photos/${id}`;
export const thumbUrl = (slug: string, id: string) => `/api/orgs/${slug}/problem-photos/${id}/thumb`;

/**
 * Citizens' photos: sniffed by content, decoded with a pixel limit, turned upright (EXIF
 * orientation) and re-encoded to WebP without any metadata, so no GPS or camera data survives.
 */
@Injectable()
export class ProblemPhotosService implements OnModuleInit {
  constructor(
    private readonly repository: ProblemsRepository,
    private readonly jobs: JobsService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  onModuleInit(): void {
    // Hourly, from the queue's schedule (job-queues.ts).
    this.jobs.register(PRUNE_QUEUE, async () => {
      await this.pruneUnused();
    });
  }

  async upload(organization: { id: string; slug: string }, uploaderId: string, body: Buffer): Promise<TProblemPhoto> {
    // Before decoding: the image work is what one busy uploader would otherwise make everyone wait for.
    await this.rateLimiter.hit('problem-photo:account', uploaderId);
    const type = sniffAttachmentType(body);
    if (!type || !ACCEPTED.has(type)) throw ProblemErrors.photoInvalid();
    let full: SanitizedImage;
    let thumb: SanitizedImage;
    try {
      // The shared sanitiser every stored image goes through: upright, re-encoded, no metadata.
      full = await sanitizeImage(body, { maxSide: LONG_SIDE, format: 'webp', quality: 82 });
      thumb = await sanitizeImage(body, { maxSide: THUMB_SIDE, format: 'webp', quality: 70 });
    } catch {
      throw ProblemErrors.photoInvalid();
    }
    const id = await this.repository.insertPhoto({
      organizationId: organization.id,
      uploaderId,
      width: full.width,
      height: full.height,
      content: full.data,
      thumb: thumb.data,
    });
    return {
      id,
      url: photoUrl(organization.slug, id),
      thumbUrl: thumbUrl(organization.slug, id),
      width: full.width,
      height: full.height,
    };
  }

  /** The bytes of a photo (or its thumbnail); 404 for another organisation's, or a hidden problem's. */
  async open(organizationId: string, photoId: string, variant: 'content' | 'thumb'): Promise<Buffer> {
    const bytes = await this.repository.photoBytes(organizationId, photoId, variant);
    if (!bytes) throw new AppError('problems.photo_not_found', 404, 'Photo not found');
    return bytes;
  }

  /** Removes photos uploaded more than a day ago and never used in a problem. */
  pruneUnused(): Promise<number> {
    return this.repository.pruneUnusedPhotos();
  }
}
