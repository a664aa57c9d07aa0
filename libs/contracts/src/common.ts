import { z } from 'zod';
import { textLine, textToken } from './text';

/** The languages the platform ships; fa is the default and, with ar, right-to-left. */
export const LOCALES = ['fa', 'ar', 'en'] as const;
/** A supported language. */
export type Locale = (typeof LOCALES)[number];
/** The default language of the platform. */
export const DEFAULT_LOCALE: Locale = 'fa';
/** Languages written right-to-left. */
export const RTL_LOCALES: readonly Locale[] = ['fa', 'ar'];

/** A supported language. */
export const ZLocale = z.enum(LOCALES);

/** A UUID identifier. */
export const ZUuid = z.uuid();

/** A text given in Persian and optionally in Arabic and English. */
export const ZLocalizedText = z.strictObject({
  fa: textLine({ min: 1, max: 300 }),
  ar: textLine({ max: 300, keepArabicLetters: true }).optional(),
  en: textLine({ max: 300 }).optional(),
});
/** A text given in Persian and optionally in Arabic and English. */
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

/** Keyset pagination query: `cursor` is opaque, from the previous page's `nextCursor`. */
export const ZPageQuery = z.strictObject({
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** Keyset pagination query. */
export type TPageQuery = z.infer<typeof ZPageQuery>;

/** A page of items with the cursor of the next page (null at the end). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** GET /api/health */
export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  version: z.string(),
  uptimeSeconds: z.number(),
});
/** GET /api/health */
export type THealth = z.infer<typeof ZHealth>;

/**
 * For an object's `.refine(..., { when })`: run the cross-field rule even when other fields are
 * invalid (zod skips it by default), so a form lists every problem at once. Only the object's
 * shape is required.
 */
export function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
}
