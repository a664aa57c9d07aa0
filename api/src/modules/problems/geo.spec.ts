import { boundaryContains, degreeBox } from './geo';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [51.6, 32.6],
      [51.65, 32.6],
      [51.65, 32.65],
      [51.6, 32.65],
      [51.6, 32.6],
    ],
  ],
};

describe('boundaryContains', () => {
  it('finds a point inside a district and not one outside', () => {
    expect(boundaryContains(square, 51.62, 32.62)).toBe(true);
    expect(boundaryContains(square, 51.7, 32.62)).toBe(false);
  });

  it('leaves out holes and reads multipolygons', () => {
    const holed = {
      type: 'Polygon' as const,
      coordinates: [
        square.coordinates[0],
        [
          [51.61, 32.61],
          [51.62, 32.61],
          [51.62, 32.62],
          [51.61, 32.62],
          [51.61, 32.61],
        ],
      ],
    };
    expect(boundaryContains(holed, 51.615, 32.615)).toBe(false);
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [
        square.coordinates,
        [
          [
            [52, 33],
            [52.1, 33],
            [52.1, 33.1],
            [52, 33],
          ],
        ],
      ],
    };
    expect(boundaryContains(multi, 52.08, 33.01)).toBe(true);
    expect(boundaryContains(null, 51.62, 32.62)).toBe(false);
  });

  it('makes a box wider in longitude than in latitude away from the equator', () => {
    const { dLat, dLng } = degreeBox(32.6, 300);
    expect(dLat).toBeCloseTo(0.0027, 4);
    expect(dLng).toBeGreaterThan(dLat);
  });
});
