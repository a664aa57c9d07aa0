import { afterFailure, isLocked, secondsLeft } from './lockout';

describe('lockout', () => {
  const now = new Date('2025-01-01T10:00:00Z');

  it('counts failures below the limit without locking', () => {
    expect(afterFailure(0, now, 5, 900)).toEqual({ failures: 1, lockedUntil: null, justLocked: false });
    expect(afterFailure(3, now, 5, 900)).toEqual({ failures: 4, lockedUntil: null, justLocked: false });
  });

  it('locks for the lock period at the limit and restarts the count', () => {
    const state = afterFailure(4, now, 5, 900);
    expect(state.justLocked).toBe(true);
    expect(state.failures).toBe(0);
    expect(state.lockedUntil).toEqual(new Date('2025-01-01T10:15:00Z'));
  });

  it('is locked only before the end of the lock', () => {
    const until = new Date('2025-01-01T10:15:00Z');
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, new Date('2025-01-01T10:15:00Z'))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
    expect(secondsLeft(until, now)).toBe(900);
    expect(secondsLeft(until, new Date('2025-01-01T11:00:00Z'))).toBe(0);
  });
});
