import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ImageRejected, sanitizeImage } from '../api/src/common/images/sanitize-image';

/**
 * Attachments uploaded before every image was re-encoded were served byte for byte, EXIF and GPS
 * included. This re-encodes those stored images that carry metadata, as an upload does now (same
 * format, at most 4096 px), and updates their size and hash, so the ETag changes and caches fetch
 * the clean bytes. An "image" that cannot be decoded would be refused at upload now; it is deleted
 * rather than left public with whatever it carries. One row at a time, to bound memory.
 * Irreversible by design: the original bytes are what must not survive.
 */
export class StripImageMetadata1764300000000 implements MigrationInterface {
  name = 'StripImageMetadata1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const ids: { id: string }[] = await q.query(
      `SELECT id FROM attachment WHERE content_type LIKE 'image/%' ORDER BY id`,
    );
    for (const { id } of ids) {
      const [row] = await q.query(`SELECT data FROM attachment_blob WHERE attachment_id = $1`, [id]);
      if (!row) continue;
      const data = row.data as Buffer;
      const meta = await sharp(data)
        .metadata()
        .catch(() => null);
      const carries =
        meta &&
        (meta.exif || meta.xmp || meta.iptc || meta.icc || meta.orientation || (meta.comments?.length ?? 0) > 0);
      if (meta && !carries) continue;
      try {
        const clean = await sanitizeImage(data, { maxSide: 4096, format: 'same' });
        await q.query(`UPDATE attachment_blob SET data = $2 WHERE attachment_id = $1`, [id, clean.data]);
        await q.query(`UPDATE attachment SET size_bytes = $2, sha256 = $3, content_type = $4 WHERE id = $1`, [
          id,
          clean.data.length,
          createHash('sha256').update(clean.data).digest('hex'),
          clean.contentType,
        ]);
      } catch (error) {
        if (!(error instanceof ImageRejected)) throw error;
        await q.query(`DELETE FROM attachment WHERE id = $1`, [id]);
      }
    }
  }

  async down(): Promise<void> {
    // Nothing to restore: the metadata was removed on purpose.
  }
}
