import type { StageStatus } from '@hamandishi/contracts';
import { fromJalali } from '@hamandishi/text';

/** The zone whose calendar days open and close stages (Iran keeps one zone, no DST since 2022). */
export const PLAN_TIME_ZONE = 'Asia/Tehran';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC-midnight Date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed in the CPU
// profile of the survey submit bench, once per request): one formatter per zone, kept. Zones are
// the few the municipalities use.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function dayIn(instant: Date, timeZone = PLAN_TIME_ZONE): string {
  const parts = formatOf(dayFormats, timeZone, () =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));
}

/** The instant a calendar day begins in `timeZone` (midnight on the wall clock there). */
export function startOfDay(day: string, timeZone = PLAN_TIME_ZONE): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at that moment, read back from Intl; a second pass settles offset changes.
  let guess = utcMidnight;
  for (let i = 0; i < 2; i++) guess = utcMidnight - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = formatOf(wallFormats, timeZone, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * A stage's status on `today` (its zone's calendar day): upcoming before startsOn, open through
 * endsOn inclusive, closed after; a planner's override wins.
 */
export function stageStatus(
  stage: { startsOn: string; endsOn: string; statusOverride: StageStatus | null },
  today: string,
): StageStatus {
  if (stage.statusOverride) return stage.statusOverride;
  if (today < stage.startsOn) return 'upcoming';
  if (today > stage.endsOn) return 'closed';
  return 'open';
}

/**
 * The Gregorian days a range of Jalali years covers: from Nowruz (1 Farvardin) of `from` through
 * the last day of Esfand of `to`.
 */
export function horizonDays(range: { from: number; to: number }): { firstDay: string; lastDay: string } {
  const firstDay = isoDay(fromJalali(range.from, 1, 1));
  const lastDay = isoDay(new Date(fromJalali(range.to + 1, 1, 1).getTime() - DAY_MS));
  return { firstDay, lastDay };
}

/** Whether an activity takes input now: its stage is open and `now` lies in its window. */
export function activityIsOpen(
  activity: { opensAt: Date | null; closesAt: Date | null },
  stageStatusNow: StageStatus,
  now: Date,
): boolean {
  if (stageStatusNow !== 'open') return false;
  if (activity.opensAt && activity.opensAt.getTime() > now.getTime()) return false;
  if (activity.closesAt && activity.closesAt.getTime() <= now.getTime()) return false;
  return true;
}
