import { cellCentre, cellOf, cellsOfArea, pointInRing } from './grid';

const grid = { minLat: 32, maxLat: 33, minLng: 51, maxLng: 52, size: 40 };
const square = (lat: number, lng: number, size: number) => [
  { lat, lng },
  { lat, lng: lng + size },
  { lat: lat + size, lng: lng + size },
  { lat: lat + size, lng },
  { lat, lng },
];

describe('the map grid', () => {
  it('numbers cells row by row from the south-west', () => {
    expect(cellOf(grid, { lat: 32.001, lng: 51.001 })).toBe(0);
    expect(cellOf(grid, { lat: 32.001, lng: 51.03 })).toBe(1);
    expect(cellOf(grid, { lat: 32.03, lng: 51.001 })).toBe(40);
    expect(cellOf(grid, { lat: 33, lng: 52 })).toBe(40 * 40 - 1);
    expect(cellOf(grid, { lat: 31.99, lng: 51.5 })).toBeNull();
    expect(cellCentre(grid, 41)).toEqual({ lat: expect.closeTo(32.0375), lng: expect.closeTo(51.0375) });
  });

  it('tests points in a ring, concave ones included', () => {
    const l = [
      { lat: 0, lng: 0 },
      { lat: 0, lng: 2 },
      { lat: 1, lng: 2 },
      { lat: 1, lng: 1 },
      { lat: 2, lng: 1 },
      { lat: 2, lng: 0 },
    ];
    expect(pointInRing({ lat: 0.5, lng: 1.5 }, l)).toBe(true);
    expect(pointInRing({ lat: 1.5, lng: 1.5 }, l)).toBe(false);
    expect(pointInRing({ lat: 1.5, lng: 0.5 }, l)).toBe(true);
  });

  it('covers the cells whose centres a drawn area holds', () => {
    // 0.05° from a cell corner: two rows × two columns of 0.025° cells.
    expect(cellsOfArea(grid, square(32.5, 51.5, 0.05))).toEqual([20 * 40 + 20, 20 * 40 + 21, 21 * 40 + 20, 21 * 40 + 21]);
  });

  it('counts an area smaller than a cell once, where it starts', () => {
    expect(cellsOfArea(grid, square(32.501, 51.501, 0.001))).toEqual([20 * 40 + 20]);
  });

  it('clips an area that reaches the edge of the box', () => {
    const cells = cellsOfArea(grid, square(32.96, 51.96, 0.1));
    expect(cells).toEqual([38 * 40 + 38, 38 * 40 + 39, 39 * 40 + 38, 39 * 40 + 39]);
  });
});
