import { AppError } from '../errors/app-error';

/**
 * The opaque cursor of a list ordered by (a timestamp, id): the timestamp as the database printed
 * it (microseconds: a JavaScript Date would drop them and skip or repeat rows) and the row's id.
 */
export function encodeKeysetCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** Reads a cursor made by `encodeKeysetCursor`; anything else is a 400 on the `cursor` field. */
export function decodeKeysetCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { at, id };
    }
  } catch {
    // fall through
  }
  throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid' });
}
