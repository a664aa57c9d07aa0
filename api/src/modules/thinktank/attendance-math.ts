/**
 * Attended minutes of one person: the part of [checked in, checked out] inside the session's
 * window, in whole minutes (rounded down). Someone still present counts up to `now`, and never
 * past the session's end: a forgotten check-out does not inflate person-hours.
 * The SQL twin is ATTENDED_MINUTES_SQL (thinktank-sessions.repository.ts); the spec keeps them equal.
 */
export function attendedMinutes(
  window: { startsAt: Date; endsAt: Date },
  attendance: { checkedInAt: Date; checkedOutAt: Date | null },
  now: Date,
): number {
  const from = Math.max(attendance.checkedInAt.getTime(), window.startsAt.getTime());
  const to = Math.min((attendance.checkedOutAt ?? now).getTime(), window.endsAt.getTime());
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** Person-hours from attended minutes, to two decimals (what the dashboards and exports show). */
export function personHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
