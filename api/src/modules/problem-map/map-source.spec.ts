import { daysOf, mapSourceOf } from './problem-map.repository';

describe('which kept aggregate answers a map filter', () => {
  it('reads the theme grid without filters or with a theme only', () => {
    expect(mapSourceOf({}, 2)).toBe('cells');
    expect(mapSourceOf({ themeId: 't' }, 2)).toBe('cells');
  });

  it('reads the facet grid for status, district, capacity, stage and activity in any combination', () => {
    expect(mapSourceOf({ status: 'addressed', districtId: 'd' }, 2)).toBe('facets');
    expect(mapSourceOf({ capacity: 'ngo', stageId: 's', themeId: 't' }, 2)).toBe('facets');
    expect(mapSourceOf({ activityId: 'a' }, 2)).toBe('facets');
  });

  it('reads the per-day grid for a date range alone', () => {
    expect(mapSourceOf({ from: '2026-11-01', to: '2026-11-30' }, 2)).toBe('days');
  });

  it('groups the few rows of a viewport finer than street level', () => {
    expect(mapSourceOf({ status: 'accepted' }, 7)).toBe('rows');
    expect(mapSourceOf({ themeId: 't' }, 8)).toBe('cells');
  });

  it('groups raw rows for free text, or a date range with other filters', () => {
    expect(mapSourceOf({ q: 'چاله' }, 2)).toBe('rows');
    expect(mapSourceOf({ from: '2026-11-01', status: 'accepted' }, 2)).toBe('rows');
  });
});

describe('the days a date range is probed by in the per-day grid', () => {
  it('lists every calendar day of a closed range, both ends included, across a month end', () => {
    const days = daysOf({ from: '2026-10-30', to: '2026-11-02' }, 10);
    expect(days).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(daysOf({ from: '2026-11-03', to: '2026-12-03' }, 10)).toHaveLength(31);
  });

  it('lists no day for a range that ends before it starts', () => {
    expect(daysOf({ from: '2026-11-10', to: '2026-11-09' }, 10)).toEqual([]);
  });

  it('scans instead for an open range, or one too long for the viewport to probe day by day', () => {
    expect(daysOf({ from: '2026-11-01' }, 10)).toBeNull();
    expect(daysOf({ to: '2026-11-01' }, 10)).toBeNull();
    expect(daysOf({ from: '2026-01-01', to: '2026-12-31' }, 10)).toBeNull();
    expect(daysOf({ from: '2026-01-01', to: '2026-12-31' }, 2)).toHaveLength(365);
  });
});
