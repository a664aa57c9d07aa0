import { formatDateTime } from './format';

describe('formatDateTime', () => {
  // 21:00 UTC on 10 March 2026 is already 00:30 on 11 March in Tehran (20 Esfand 1404).
  const instant = '2026-03-10T21:00:00Z';

  it('reads a Jalali day and the time on Tehran’s clock, with the locale’s digits and comma', () => {
    expect(formatDateTime(instant, 'fa')).toBe('۱۴۰۴/۱۲/۲۰، ۰۰:۳۰');
    expect(formatDateTime(instant, 'en')).toBe('11 Mar 2026, 00:30');
    expect(formatDateTime(instant, 'ar')).toMatch(/، ٠٠:٣٠$/);
  });

  it('shows nothing for an unreadable instant', () => {
    expect(formatDateTime('not a date', 'fa')).toBe('');
  });
});
