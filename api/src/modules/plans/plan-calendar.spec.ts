import { activityIsOpen, dayIn, horizonDays, nextDay, stageStatus, startOfDay } from './plan-calendar';

describe('stage status', () => {
  const stage = { startsOn: '2026-03-21', endsOn: '2026-05-31', statusOverride: null };

  it('is upcoming before the first day, open through the last day, closed after', () => {
    expect(stageStatus(stage, '2026-03-20')).toBe('upcoming');
    expect(stageStatus(stage, '2026-03-21')).toBe('open');
    expect(stageStatus(stage, '2026-05-31')).toBe('open');
    expect(stageStatus(stage, '2026-06-01')).toBe('closed');
  });

  it("follows a planner's override whatever the dates", () => {
    expect(stageStatus({ ...stage, statusOverride: 'closed' }, '2026-04-01')).toBe('closed');
    expect(stageStatus({ ...stage, statusOverride: 'open' }, '2027-01-01')).toBe('open');
    expect(stageStatus({ ...stage, statusOverride: 'upcoming' }, '2026-04-01')).toBe('upcoming');
  });
});

describe('days in Tehran', () => {
  it('reads the wall-clock day in Tehran, not in UTC', () => {
    // 21:00 UTC is already 00:30 the next day in Tehran (UTC+3:30)
    expect(dayIn(new Date('2026-04-01T21:00:00Z'))).toBe('2026-04-02');
    expect(dayIn(new Date('2026-04-01T20:00:00Z'))).toBe('2026-04-01');
  });

  it('finds the instant a day starts in Tehran', () => {
    expect(startOfDay('2026-04-02').toISOString()).toBe('2026-04-01T20:30:00.000Z');
    expect(startOfDay('2026-04-02', 'UTC').toISOString()).toBe('2026-04-02T00:00:00.000Z');
  });

  it('steps to the next day across months and leap days', () => {
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('Jalali horizons', () => {
  it('runs from Nowruz of the first year to the end of Esfand of the last', () => {
    expect(horizonDays({ from: 1405, to: 1414 })).toEqual({ firstDay: '2026-03-21', lastDay: '2036-03-19' });
    // 1403 is a leap year: Esfand has 30 days and 1404 starts on March 21, 2025
    expect(horizonDays({ from: 1403, to: 1403 })).toEqual({ firstDay: '2024-03-20', lastDay: '2025-03-20' });
  });
});

describe('activity windows', () => {
  const now = new Date('2026-04-10T10:00:00Z');
  it('is open only while its stage is open and now lies in its window', () => {
    expect(activityIsOpen({ opensAt: null, closesAt: null }, 'open', now)).toBe(true);
    expect(activityIsOpen({ opensAt: null, closesAt: null }, 'upcoming', now)).toBe(false);
    expect(activityIsOpen({ opensAt: new Date('2026-04-11T00:00:00Z'), closesAt: null }, 'open', now)).toBe(false);
    expect(activityIsOpen({ opensAt: null, closesAt: now }, 'open', now)).toBe(false);
    expect(activityIsOpen({ opensAt: new Date('2026-04-01T00:00:00Z'), closesAt: new Date('2026-05-01T00:00:00Z') }, 'open', now)).toBe(true);
  });
});
