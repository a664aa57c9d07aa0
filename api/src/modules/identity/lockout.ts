/** Where a run of failed sign-ins stands. */
export type FailureState = { failures: number; lockedUntil: Date | null };

/** True while `lockedUntil` lies in the future. */
export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/**
 * One more failure: at `maxFailures` the identifier locks for `lockSeconds` and the count
 * starts again, so the first failure after the lock ends does not lock it at once.
 */
export function afterFailure(
  previous: number,
  now: Date,
  maxFailures: number,
  lockSeconds: number,
): FailureState & { justLocked: boolean } {
  const failures = previous + 1;
  if (failures >= maxFailures) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + lockSeconds * 1000), justLocked: true };
  }
  return { failures, lockedUntil: null, justLocked: false };
}

/** Seconds until the lock ends (0 when not locked), for Retry-After. */
export function secondsLeft(lockedUntil: Date | null, now: Date): number {
  return lockedUntil ? Math.max(0, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)) : 0;
}
