import { mapSourceOf } from './problem-map.repository';

describe('which kept aggregate answers a map filter', () => {
  it('reads the theme grid without filters or with a theme only', () => {
    expect(mapSourceOf({})).toBe('cells');
    expect(mapSourceOf({ themeId: 't' })).toBe('cells');
  });

  it('reads the facet grid for status, district, capacity, stage and activity in any combination', () => {
    expect(mapSourceOf({ status: 'addressed', districtId: 'd' })).toBe('facets');
    expect(mapSourceOf({ capacity: 'ngo', stageId: 's', themeId: 't' })).toBe('facets');
    expect(mapSourceOf({ activityId: 'a' })).toBe('facets');
  });

  it('reads the per-day grid for a date range alone', () => {
    expect(mapSourceOf({ from: '2026-11-01', to: '2026-11-30' })).toBe('days');
  });

  it('groups raw rows for free text, or a date range with other filters', () => {
    expect(mapSourceOf({ q: 'چاله' })).toBe('rows');
    expect(mapSourceOf({ from: '2026-11-01', status: 'accepted' })).toBe('rows');
  });
});
