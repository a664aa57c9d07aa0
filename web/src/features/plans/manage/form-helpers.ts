import type { TLocalizedText } from '@hamandishi/contracts';

/** Whether a string is an ISO calendar day. */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

// Activity windows are whole days on Tehran's clock (Iran keeps +03:30 all year since 2022).
const TEHRAN_OFFSET = '+03:30';

/** The instant a window opening on `isoDay` starts, or ends on it, in Tehran. */
export function dayToInstant(isoDay: string, edge: 'start' | 'end'): string {
  return `${isoDay}T${edge === 'start' ? '00:00:00' : '23:59:59'}${TEHRAN_OFFSET}`;
}

/** The Tehran day of an instant, as an ISO day. */
export function instantToDay(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() + 3.5 * 3600_000).toISOString().slice(0, 10);
}

/** Drops empty Arabic and English texts so they fall back to Persian instead of showing blank. */
export function compactLocalized<T extends { fa: string; ar?: string; en?: string }>(text: T): T {
  const result = { ...text };
  if (!result.ar?.trim()) delete result.ar;
  if (!result.en?.trim()) delete result.en;
  return result;
}

/** Form defaults of a localized text (every language present, so inputs stay controlled). */
export function localizedDefaults(text?: Partial<TLocalizedText> | null): { fa: string; ar: string; en: string } {
  return { fa: text?.fa ?? '', ar: text?.ar ?? '', en: text?.en ?? '' };
}
