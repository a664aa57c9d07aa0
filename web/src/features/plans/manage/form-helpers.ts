import { fromJalali, isValidJalali, toAsciiDigits, toJalali } from '@hamandishi/text';
import type { Locale, TLocalizedText } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';

/** A year typed with any digits ("۱۴۰۵") as a number; an empty field as undefined (the schema says it is required). */
export function parseYear(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const text = toAsciiDigits(String(value ?? '')).trim();
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Like `parseYear`, but an empty field means "no year" (null). */
export function parseOptionalYear(value: unknown): number | null {
  return parseYear(value) ?? null;
}

/** `۱۴۰۵/۰۱/۱۵` (any digits, / - or . between) as the ISO day `2026-04-04`; null when it is not a real Jalali day. */
export function parseJalaliDay(text: string): string | null {
  const match = /^(\d{3,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/.exec(toAsciiDigits(text).trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidJalali(year, month, day)) return null;
  return fromJalali(year, month, day).toISOString().slice(0, 10);
}

/** An ISO day written in Jalali with the locale's digits: `۱۴۰۵/۰۱/۱۵`. */
export function formatJalaliDay(isoDay: string, locale: Locale): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay) || Number.isNaN(date.getTime())) return '';
  const { year, month, day } = toJalali(date);
  const pad = (n: number) => formatNumber(n, locale).padStart(2, formatNumber(0, locale));
  return `${formatNumber(year, locale)}/${pad(month)}/${pad(day)}`;
}

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
