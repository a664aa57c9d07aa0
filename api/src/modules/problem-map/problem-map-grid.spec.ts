import { MAX_CELLS, MAX_LEVEL, cellRange, levelFor } from './problem-map-grid';

describe('problem map grid', () => {
  const street: [number, number, number, number] = [51.67, 32.65, 51.68, 32.66];
  const city: [number, number, number, number] = [51.55, 32.55, 51.8, 32.75];

  it('follows the zoom for a viewport the zoom fits', () => {
    expect(levelFor(street, 12)).toBe(2);
    expect(levelFor(street, 17)).toBe(7);
    expect(levelFor(street, 22)).toBe(MAX_LEVEL);
    expect(levelFor(city, 3)).toBe(0);
  });

  it('coarsens a wide viewport sent with a high zoom so it never holds more than the cell budget', () => {
    const level = levelFor(city, 18);
    const r = cellRange(city, level);
    expect(level).toBeLessThan(8);
    expect((r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1)).toBeLessThanOrEqual(MAX_CELLS);
    expect(levelFor([-180, -90, 180, 90], 22)).toBe(0);
  });
});
