import sharp from 'sharp';

/** Larger inputs are refused before decoding (a "pixel bomb" is small on the wire, huge in memory). */
export const MAX_INPUT_PIXELS = 40_000_000;

/** An image format we store and serve. */
export type StoredImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * How to store an image: its longest side (never enlarged), and either its own format (a PNG map
 * stays a lossless PNG, so its name keeps its extension) or WebP (photos shown on the site).
 */
export type ImageOutput = { maxSide: number; format: 'same' | 'webp'; quality?: number };

/** An image as it is stored: re-encoded pixels only, with the type and size of the new bytes. */
export type SanitizedImage = { data: Buffer; contentType: StoredImageType; width: number; height: number };

/** Why an image could not be stored: not an image we read, or more pixels than MAX_INPUT_PIXELS. */
export class ImageRejected extends Error {
  constructor(readonly reason: 'unreadable' | 'too_many_pixels') {
    super(reason === 'unreadable' ? 'Not an image that can be read' : 'The image has too many pixels');
    this.name = 'ImageRejected';
  }
}

// Formats kept as they are; with format 'webp', GIF and TIFF (pictures inside Word documents) are
// read too. SVG is never read: it is a document that can reference other files, not pixels.
const SAME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
const READABLE_FOR_WEBP = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff']);

/**
 * Decodes an image and encodes its pixels again, so nothing but pixels survives: no EXIF (GPS
 * position, camera make and serial, date), no XMP or IPTC, no PNG text chunks, no trailing bytes
 * after the image (polyglot files), no ICC profile (converted to sRGB). The EXIF orientation is
 * applied first, so the picture stays upright once the tag that turned it is gone.
 * Every path that stores an image calls this; throws ImageRejected.
 */
export async function sanitizeImage(input: Buffer, output: ImageOutput): Promise<SanitizedImage> {
  let format: string | undefined;
  try {
    ({ format } = await sharp(input, { limitInputPixels: false }).metadata());
  } catch {
    throw new ImageRejected('unreadable');
  }
  const contentType: StoredImageType | undefined =
    output.format === 'webp'
      ? READABLE_FOR_WEBP.has(format ?? '')
        ? 'image/webp'
        : undefined
      : SAME[format as keyof typeof SAME];
  if (!contentType) throw new ImageRejected('unreadable');
  try {
    // failOn 'error' refuses truncated or corrupt data rather than storing half a picture; only the
    // first frame of an animation is kept (a stage report's figure, not a clip).
    const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless told to.
      .rotate()
      .resize({ width: output.maxSide, height: output.maxSide, fit: 'inside', withoutEnlargement: true });
    const encoded =
      contentType === 'image/jpeg'
        ? image.jpeg({ quality: output.quality ?? 85 })
        : contentType === 'image/png'
          ? image.png()
          : image.webp({ quality: output.quality ?? 82 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, contentType, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new ImageRejected('too_many_pixels');
    throw new ImageRejected('unreadable');
  }
}
