import { localizeDigits, type TextLocale } from './digits';

/** A Solar Hijri (Jalali) calendar date; month 1 is Farvardin. */
export type JalaliDate = { year: number; month: number; day: number };

/** Options of formatJalali and formatDate. */
export type FormatDateOptions = {
  /** Digits of the output: Persian for fa (default), Arabic-Indic for ar, ASCII for en. */
  locale?: TextLocale;
  /** Appends the 24-hour time, e.g. "۱۴۰۳/۰۳/۱۷ ۰۸:۰۵". */
  withTime?: boolean;
  /** IANA zone the day and time are read in (e.g. "Asia/Tehran"); defaults to the runtime's zone. */
  timeZone?: string;
};

/** First Jalali year the calendar arithmetic supports (start of Borkowski's break table). */
export const JALALI_MIN_YEAR = -61;
/** Last Jalali year the calendar arithmetic supports (its successor ends the break table). */
export const JALALI_MAX_YEAR = 3176;

const DAY_MS = 86_400_000;

// Years where the 33-year leap cycle shifts, from K. M. Borkowski, "The Persian calendar for
// 3000 years" (1996), the algorithm of jalaali-js. It follows the astronomical calendar, and
// it agrees with ICU's Persian calendar for every year 1200-1500 (checked in jalali.spec.ts).
const BREAKS = [
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
  2456, 3178,
];

const div = (a: number, b: number) => Math.trunc(a / b);
const mod = (a: number, b: number) => a - Math.trunc(a / b) * b;

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < JALALI_MIN_YEAR || year > JALALI_MAX_YEAR) {
    throw new RangeError(`Jalali year out of range: ${year}`);
  }
}

// UTC midnight of 1 Farvardin (Nowruz) of a Jalali year.
function nowruzUtc(year: number): number {
  const gregorianYear = year + 621;
  let leapsJalali = -14;
  let previousBreak = BREAKS[0];
  let jump = 0;
  for (let i = 1; i < BREAKS.length; i += 1) {
    jump = BREAKS[i] - previousBreak;
    if (year < BREAKS[i]) break;
    leapsJalali += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    previousBreak = BREAKS[i];
  }
  const n = year - previousBreak;
  leapsJalali += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapsJalali += 1;
  const leapsGregorian = div(gregorianYear, 4) - div((div(gregorianYear, 100) + 1) * 3, 4) - 150;
  const marchDay = 20 + leapsJalali - leapsGregorian;
  return Date.UTC(gregorianYear, 2, marchDay);
}

/** Whether a Jalali year has 366 days (Esfand has 30 days). */
export function isJalaliLeapYear(year: number): boolean {
  assertSupportedYear(year);
  return (nowruzUtc(year + 1) - nowruzUtc(year)) / DAY_MS === 366;
}

/** Days in a Jalali month: 31 for months 1-6, 30 for 7-11, 29 or 30 for Esfand. */
export function jalaliMonthLength(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Jalali month out of range: ${month}`);
  }
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isJalaliLeapYear(year) ? 30 : 29;
}

/** Whether year/month/day is a real Jalali date (e.g. 1403/12/30 is, 1404/12/30 is not). */
export function isValidJalali(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (year < JALALI_MIN_YEAR || year > JALALI_MAX_YEAR || month < 1 || month > 12) return false;
  return day >= 1 && day <= jalaliMonthLength(year, month);
}

/** The Date at UTC midnight of a Jalali day; throws RangeError for an invalid date. */
export function fromJalali(year: number, month: number, day: number): Date {
  if (!isValidJalali(year, month, day)) {
    throw new RangeError(`Invalid Jalali date: ${year}/${month}/${day}`);
  }
  const dayOfYear = month <= 7 ? (month - 1) * 31 + day : 186 + (month - 7) * 30 + day;
  return new Date(nowruzUtc(year) + (dayOfYear - 1) * DAY_MS);
}

/**
 * The Jalali day of an instant: the UTC calendar day by default (the inverse of fromJalali),
 * or the day as seen on a wall clock in `timeZone` (e.g. "Asia/Tehran").
 */
export function toJalali(date: Date, timeZone?: string): JalaliDate {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  const {
    year: gy,
    month: gm,
    day: gd,
  } = timeZone
    ? gregorianDayIn(date, timeZone)
    : { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  const dayUtc = Date.UTC(gy, gm - 1, gd);
  let year = gy - 621;
  assertSupportedYear(year);
  if (dayUtc < nowruzUtc(year)) year -= 1;
  assertSupportedYear(year);
  const dayOfYear = (dayUtc - nowruzUtc(year)) / DAY_MS; // 0-based
  if (dayOfYear < 186) {
    return { year, month: div(dayOfYear, 31) + 1, day: mod(dayOfYear, 31) + 1 };
  }
  const rest = dayOfYear - 186;
  return { year, month: div(rest, 30) + 7, day: mod(rest, 30) + 1 };
}

/** The Jalali year of an instant (UTC day, or the day in `timeZone`), e.g. 1405 for plan names. */
export function jalaliYear(date: Date, timeZone?: string): number {
  return toJalali(date, timeZone).year;
}

// Gregorian wall-clock day and time of an instant in a zone; Intl is used only for the zone
// offset, never for the calendar, so the result is the same on every ICU version.
function wallClock(date: Date, timeZone: string | undefined) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    era: 'short',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' ? 1 - get('year') : get('year');
  return { year, month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

function gregorianDayIn(date: Date, timeZone: string) {
  const { year, month, day } = wallClock(date, timeZone);
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function formatTime(hour: number, minute: number): string {
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * Formats an instant as a Jalali date, e.g. "۱۴۰۳/۰۳/۱۷" (fa), "١٤٠٣/٠٣/١٧" (ar), "1403/03/17"
 * (en), read in `timeZone` (default: the runtime's zone, as Intl does).
 */
export function formatJalali(date: Date, options: FormatDateOptions = {}): string {
  const { locale = 'fa', withTime = false, timeZone } = options;
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const clock = wallClock(date, timeZone);
  const { year, month, day } = toJalali(new Date(Date.UTC(clock.year, clock.month - 1, clock.day)));
  let text = `${year}/${pad2(month)}/${pad2(day)}`;
  if (withTime) text += ` ${formatTime(clock.hour, clock.minute)}`;
  return localizeDigits(text, locale);
}

/**
 * Formats a date for a locale: the Jalali calendar with Persian digits for fa, the Gregorian
 * calendar (YYYY/MM/DD) for en, and for ar with Arabic-Indic digits.
 */
export function formatDate(
  date: Date,
  locale: TextLocale,
  options: Omit<FormatDateOptions, 'locale'> = {},
): string {
  if (locale === 'fa') return formatJalali(date, { ...options, locale });
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const clock = wallClock(date, options.timeZone);
  let text = `${clock.year}/${pad2(clock.month)}/${pad2(clock.day)}`;
  if (options.withTime) text += ` ${formatTime(clock.hour, clock.minute)}`;
  return localizeDigits(text, locale);
}
