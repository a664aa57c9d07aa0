// Sessions are scheduled on Tehran's clock: Iran keeps +03:30 all year since 2022.
const TEHRAN_OFFSET_MS = 3.5 * 3600_000;

/** The Tehran day (ISO) and time (HH:MM) of an instant. */
export function tehranParts(instant: string): { day: string; time: string } {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return { day: '', time: '' };
  const shifted = new Date(date.getTime() + TEHRAN_OFFSET_MS).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The instant of a Tehran day and time, with its offset; null when either is not valid. */
export function tehranInstant(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return `${day}T${time}:00+03:30`;
}
