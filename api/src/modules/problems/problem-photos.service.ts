import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import sharp from 'sharp';
import type { TProblemPhoto } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { JobsService } from '../../jobs/jobs.service';
import { sniffAttachmentType } from '../attachments/file-type';
import { ProblemErrors } from './problems.errors';
import { ProblemsRepository } from './problems.repository';

/** Larger inputs are refused before decoding (a "pixel bomb" is small on the wire, huge in memory). */
export const MAX_INPUT_PIXELS = 40_000_000;
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
    let full: { data: Buffer; info: { width: number; height: number } };
    let thumb: Buffer;
    try {
      // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless told to.
      const image = sharp(body, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
      full = await image
        .clone()
        .resize({ width: LONG_SIDE, height: LONG_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      thumb = await image
        .clone()
        .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
    } catch {
      throw ProblemErrors.photoInvalid();
    }
    const id = await this.repository.insertPhoto({
      organizationId: organization.id,
      uploaderId,
      width: full.info.width,
      height: full.info.height,
      content: full.data,
      thumb,
    });
    return {
      id,
      url: photoUrl(organization.slug, id),
      thumbUrl: thumbUrl(organization.slug, id),
      width: full.info.width,
      height: full.info.height,
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
