import { formatJalali } from '@hamandishi/text';
import { jalaliDateTime, jalaliDay } from './survey-export-layout';

describe('the export’s Jalali dates', () => {
  it('converts answer days, Nowruz and the last day of a leap year included', () => {
    expect(jalaliDay('2025-03-21')).toBe('1404/01/01');
    expect(jalaliDay('2025-03-20')).toBe('1403/12/30');
    expect(jalaliDay('2024-09-22')).toBe('1403/07/01');
    expect(jalaliDay('not a date')).toBeNull();
  });

  it('gives submission times on Tehran’s wall clock, as formatJalali does', () => {
    for (const iso of [
      '2026-12-02T20:29:00Z',
      '2026-12-02T20:31:00Z',
      '2025-03-20T20:30:00Z',
      '2026-06-01T00:00:00Z',
    ]) {
      const at = new Date(iso);
      expect(jalaliDateTime(at)).toBe(formatJalali(at, { locale: 'en', withTime: true, timeZone: 'Asia/Tehran' }));
    }
  });
});
