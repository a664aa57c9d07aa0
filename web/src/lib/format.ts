import type { Locale } from '@hamandishi/contracts';

// Persian uses the Solar Hijri calendar and Persian digits; Arabic speakers in Iran read
// Arabic-Indic digits; English gets ISO-like Gregorian dates.
const DATE_LOCALES: Record<Locale, string> = {
  fa: 'fa-IR-u-ca-persian-nu-arabext',
  ar: 'ar-u-ca-persian-nu-arab',
  en: 'en-GB-u-ca-gregory',
};
const NUMBER_LOCALES: Record<Locale, string> = {
  fa: 'fa-IR-u-nu-arabext',
  ar: 'ar-u-nu-arab',
  en: 'en-US',
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, style: 'short' | 'long', timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale}:${style}:${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    // English short dates name the month ("12 Feb 2026"): 02/12/2026 reads as two different days
    // to British and American readers. Jalali dates keep the familiar ۱۴۰۵/۰۱/۱۵.
    const short: Intl.DateTimeFormatOptions =
      locale === 'en' ? { dateStyle: 'medium', timeZone } : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone };
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale], style === 'short' ? short : { year: 'numeric', month: 'long', day: 'numeric', timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * Formats a date for display: Jalali with Persian digits in fa (۱۴۰۳/۰۳/۱۷). Calendar days
 * (`YYYY-MM-DD`, e.g. stage dates) pass `timeZone: 'UTC'` so no reader sees the day before.
 */
export function formatDate(value: Date | string | number, locale: Locale, style: 'short' | 'long' = 'short', timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(locale, style, timeZone).format(date);
}

/** Formats a number with the locale's digits. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[locale], { useGrouping: false }).format(value);
}

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
// Persian and Arabic separate the day from the time with their own comma.
const DATE_TIME_SEPARATOR: Record<Locale, string> = { fa: '، ', ar: '، ', en: ', ' };

/**
 * An instant with its time of day in the reader's calendar (fa: ۱۴۰۵/۰۱/۱۵، ۱۴:۳۰), on Tehran's
 * clock: the day filters that go with it (the audit log) count days in Tehran too.
 */
export function formatDateTime(value: Date | string | number, locale: Locale): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  let time = timeFormats.get(locale);
  if (!time) {
    time = new Intl.DateTimeFormat(NUMBER_LOCALES[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Tehran' });
    timeFormats.set(locale, time);
  }
  return `${formatDate(date, locale, 'short', 'Asia/Tehran')}${DATE_TIME_SEPARATOR[locale]}${time.format(date)}`;
}
