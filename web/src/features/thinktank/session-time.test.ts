import { tehranInstant, tehranParts } from './session-time';

describe('session times on Tehran’s clock', () => {
  it('reads an instant as a Tehran day and time, across midnight', () => {
    expect(tehranParts('2026-12-03T21:00:00Z')).toEqual({ day: '2026-12-04', time: '00:30' });
  });

  it('writes a day and time back with the +03:30 offset, and refuses half-typed values', () => {
    expect(tehranInstant('2026-12-04', '00:30')).toBe('2026-12-04T00:30:00+03:30');
    expect(new Date(tehranInstant('2026-12-04', '00:30')!).toISOString()).toBe('2026-12-03T21:00:00.000Z');
    expect(tehranInstant('2026-12-04', '24:00')).toBeNull();
    expect(tehranInstant('', '10:00')).toBeNull();
  });
});
