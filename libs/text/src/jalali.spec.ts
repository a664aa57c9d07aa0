/// <reference types="jest" />
import {
  formatDate,
  formatJalali,
  fromJalali,
  isJalaliLeapYear,
  isValidJalali,
  jalaliMonthLength,
  jalaliYear,
  toJalali,
} from './jalali';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Pairs checked with new Intl.DateTimeFormat('en-u-ca-persian', { timeZone: 'UTC' }) on Node 20 (ICU 78).
const KNOWN_PAIRS: Array<[string, [number, number, number]]> = [
  ['1921-03-21', [1300, 1, 1]],
  ['1979-02-11', [1357, 11, 22]],
  ['2000-01-01', [1378, 10, 11]],
  ['2021-03-20', [1399, 12, 30]],
  ['2021-03-21', [1400, 1, 1]],
  ['2024-03-19', [1402, 12, 29]],
  ['2024-03-20', [1403, 1, 1]],
  ['2024-06-06', [1403, 3, 17]],
  ['2025-03-20', [1403, 12, 30]],
  ['2025-03-21', [1404, 1, 1]],
  ['2026-03-21', [1405, 1, 1]],
  ['2120-03-20', [1498, 12, 30]],
];

function icuJalali(date: Date) {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

describe('toJalali / fromJalali', () => {
  it.each(KNOWN_PAIRS)('%s is %j', (iso, [year, month, day]) => {
    expect(toJalali(utc(iso))).toEqual({ year, month, day });
    expect(fromJalali(year, month, day).toISOString()).toBe(`${iso}T00:00:00.000Z`);
  });

  it('agrees with ICU on every Nowruz and the day before it, 1300-1500', () => {
    for (let year = 1300; year <= 1500; year += 1) {
      const nowruz = fromJalali(year, 1, 1);
      expect(toJalali(nowruz)).toEqual(icuJalali(nowruz));
      expect(icuJalali(nowruz)).toEqual({ year, month: 1, day: 1 });
      const eve = new Date(nowruz.getTime() - 86_400_000);
      expect(toJalali(eve)).toEqual(icuJalali(eve));
    }
  });

  it('agrees with ICU on every day of 1400-1410 and round-trips', () => {
    const start = fromJalali(1400, 1, 1).getTime();
    const end = fromJalali(1410, 12, jalaliMonthLength(1410, 12)).getTime();
    for (let t = start; t <= end; t += 86_400_000) {
      const date = new Date(t);
      const jalali = toJalali(date);
      expect(jalali).toEqual(icuJalali(date));
      expect(fromJalali(jalali.year, jalali.month, jalali.day).getTime()).toBe(t);
    }
  });

  it('reads the day in a time zone when one is given', () => {
    // 22:00 UTC on 2025-03-20 is already 01:30 on Nowruz in Tehran.
    const instant = new Date('2025-03-20T22:00:00Z');
    expect(toJalali(instant)).toEqual({ year: 1403, month: 12, day: 30 });
    expect(toJalali(instant, 'Asia/Tehran')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(jalaliYear(instant, 'Asia/Tehran')).toBe(1404);
    expect(jalaliYear(instant)).toBe(1403);
  });

  it('rejects impossible dates', () => {
    expect(() => fromJalali(1404, 12, 30)).toThrow(RangeError);
    expect(() => fromJalali(1403, 13, 1)).toThrow(RangeError);
    expect(() => toJalali(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('leap years and validity', () => {
  it('knows which years have a 30-day Esfand', () => {
    expect(isJalaliLeapYear(1399)).toBe(true);
    expect(isJalaliLeapYear(1403)).toBe(true);
    expect(isJalaliLeapYear(1404)).toBe(false);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1402, 12)).toBe(29);
    expect(jalaliMonthLength(1402, 6)).toBe(31);
    expect(jalaliMonthLength(1402, 7)).toBe(30);
  });

  it.each([
    [1403, 12, 30, true],
    [1404, 12, 30, false],
    [1404, 6, 31, true],
    [1404, 7, 31, false],
    [1404, 0, 1, false],
    [1404, 1, 0, false],
    [1404.5, 1, 1, false],
    [99999, 1, 1, false],
  ])('%d/%d/%d valid: %s', (y, m, d, valid) => {
    expect(isValidJalali(y, m, d)).toBe(valid);
  });
});

describe('formatJalali / formatDate', () => {
  const date = new Date('2024-06-06T08:05:00Z');

  it('formats with the locale digits', () => {
    expect(formatJalali(date, { timeZone: 'UTC' })).toBe('۱۴۰۳/۰۳/۱۷');
    expect(formatJalali(date, { locale: 'ar', timeZone: 'UTC' })).toBe('١٤٠٣/٠٣/١٧');
    expect(formatJalali(date, { locale: 'en', timeZone: 'UTC' })).toBe('1403/03/17');
  });

  it('matches what Intl prints for fa-IR with the Persian calendar', () => {
    const intl = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    expect(formatJalali(date, { timeZone: 'UTC' })).toBe(intl.format(date));
  });

  it('adds the 24-hour time in the requested zone', () => {
    expect(formatJalali(date, { withTime: true, timeZone: 'UTC' })).toBe('۱۴۰۳/۰۳/۱۷ ۰۸:۰۵');
    expect(formatJalali(date, { withTime: true, timeZone: 'Asia/Tehran' })).toBe(
      '۱۴۰۳/۰۳/۱۷ ۱۱:۳۵',
    );
    const lateEvening = new Date('2025-03-20T21:00:00Z');
    expect(
      formatJalali(lateEvening, { withTime: true, timeZone: 'Asia/Tehran', locale: 'en' }),
    ).toBe('1404/01/01 00:30');
  });

  it('uses the Jalali calendar for fa and the Gregorian one for en and ar', () => {
    expect(formatDate(date, 'fa', { timeZone: 'UTC' })).toBe('۱۴۰۳/۰۳/۱۷');
    expect(formatDate(date, 'en', { timeZone: 'UTC' })).toBe('2024/06/06');
    expect(formatDate(date, 'ar', { timeZone: 'UTC' })).toBe('٢٠٢٤/٠٦/٠٦');
    expect(formatDate(date, 'en', { timeZone: 'Asia/Tehran', withTime: true })).toBe(
      '2024/06/06 11:35',
    );
  });
});
