import { achievement, DEFAULT_RULES, expectedProgress, type IndicatorPlan, periodEnd, periodTarget, projectStatus, statusOf } from './monitoring-status';

const increase: IndicatorPlan = { direction: 'increase', baselineYear: 1403, baselineValue: 20, targets: new Map([[1404, 40], [1405, 60]]) };
const decrease: IndicatorPlan = { direction: 'decrease', baselineYear: 1403, baselineValue: 100, targets: new Map([[1404, 80]]) };

describe('indicator achievement', () => {
  it('judges a year against the change planned from the baseline', () => {
    // 20 → 40 planned; 35 measured: (35 − 20) / (40 − 20) = 0.75
    expect(achievement(increase, { year: 1404, quarter: null }, 35)).toBe(0.75);
    // The second year starts from the first year's target: (55 − 40) / (60 − 40) = 0.75
    expect(achievement(increase, { year: 1405, quarter: null }, 55)).toBe(0.75);
  });

  it('spreads a year evenly over its quarters', () => {
    // Q2 of 1404: 20 + (40 − 20) × 2/4 = 30 planned; 28 measured: 8 / 10 = 0.8
    expect(periodTarget(increase, { year: 1404, quarter: 2 })).toEqual({ start: 20, target: 30 });
    expect(achievement(increase, { year: 1404, quarter: 2 }, 28)).toBe(0.8);
  });

  it('reads a falling target the same way, and never goes below zero', () => {
    // 100 → 80 planned; 90 measured: (90 − 100) / (80 − 100) = 0.5
    expect(achievement(decrease, { year: 1404, quarter: null }, 90)).toBe(0.5);
    expect(achievement(decrease, { year: 1404, quarter: null }, 110)).toBe(0);
    expect(achievement(decrease, { year: 1404, quarter: null }, 70)).toBe(1.5);
  });

  it('has no achievement for a year without a target', () => {
    expect(achievement(increase, { year: 1410, quarter: null }, 10)).toBeNull();
  });

  it('holds a maintained figure at its target', () => {
    const maintain: IndicatorPlan = { direction: 'increase', baselineYear: null, baselineValue: 50, targets: new Map([[1404, 50]]) };
    expect(achievement(maintain, { year: 1404, quarter: null }, 52)).toBe(1);
    expect(achievement(maintain, { year: 1404, quarter: null }, 40)).toBe(0.8);
  });
});

describe('status by thresholds', () => {
  it('is on track, at risk or off track', () => {
    expect(statusOf(0.9, DEFAULT_RULES.indicator)).toBe('on_track');
    expect(statusOf(0.75, DEFAULT_RULES.indicator)).toBe('at_risk');
    expect(statusOf(0.69, DEFAULT_RULES.indicator)).toBe('off_track');
    expect(statusOf(0.69, { onTrack: 0.6, atRisk: 0.5 })).toBe('on_track');
  });
});

describe('project progress', () => {
  it('expects the elapsed share of the project run by the end of a period', () => {
    // 1404 runs from 2025-03-21 to 2026-03-20; a project over exactly that year is due 100 % at its end
    expect(periodEnd({ year: 1404, quarter: null }).toISOString().slice(0, 10)).toBe('2026-03-21');
    const project = { startsOn: '2025-03-21', endsOn: '2027-03-20', totalCost: 1_000 };
    // Two Jalali years (1404, 1405: 365 + 365 days); the end of 1404 is half of it
    expect(expectedProgress(project, { year: 1404, quarter: null })).toBe(50);
    // 40 % done when 50 % was due: 0.8 → at risk; 50 %: on track
    expect(projectStatus(project, { year: 1404, quarter: null }, { progress: 40, spent: null }, DEFAULT_RULES).status).toBe('at_risk');
    expect(projectStatus(project, { year: 1404, quarter: null }, { progress: 30, spent: null }, DEFAULT_RULES).status).toBe('off_track');
    expect(projectStatus(project, { year: 1404, quarter: null }, { progress: 50, spent: 500 }, DEFAULT_RULES).status).toBe('on_track');
  });

  it('puts a project spending far ahead of its progress at risk', () => {
    const project = { startsOn: '2025-03-21', endsOn: '2027-03-20', totalCost: 1_000 };
    // 50 % done, 75 % of the cost spent: 0.25 ahead > 0.2 margin
    expect(projectStatus(project, { year: 1404, quarter: null }, { progress: 50, spent: 750 }, DEFAULT_RULES).status).toBe('at_risk');
  });
});
