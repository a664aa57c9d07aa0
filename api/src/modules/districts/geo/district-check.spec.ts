import { checkDistrictFile, checkDrawnBoundary, GeoLimitError, type CheckOptions } from './district-check';
import { selfIntersections } from './self-intersections';

const box = { minLat: 32.15, maxLat: 33.15, minLng: 51.17, maxLng: 52.17 };
const options: CheckOptions = { box, nameProperty: 'name', maxVertices: 10_000, maxFeatures: 50 };

/** A square ring of `size` degrees with its south-west corner at (lng, lat). */
const square = (lng: number, lat: number, size = 0.02) => [
  [lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat],
];
const feature = (name: string | undefined, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties: name === undefined ? {} : { name, code: '۷' },
  geometry: { type, coordinates },
});
const file = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const codes = (text: string, o: CheckOptions = options) =>
  checkDistrictFile(text, o).issues.map((i) => `${i.severity}:${i.code}:${i.featureIndex}`);

describe('checkDistrictFile', () => {
  it('accepts two districts that share an edge, and measures them', () => {
    const report = checkDistrictFile(file(feature('الف', [square(51.6, 32.6)]), feature('ب', [square(51.62, 32.6)])), options);
    expect(report.issues).toEqual([]);
    expect(report.summary).toMatchObject({ features: 2, vertices: 10, errors: 0 });
    expect(report.summary.totalAreaM2).toBeGreaterThan(7_000_000);
    expect(report.properties).toEqual(['name', 'code']);
    expect(report.features[0]).toMatchObject({ index: 0, name: 'الف', number: null });
  });

  it('says what is wrong with a file that is not a FeatureCollection of polygons', () => {
    expect(codes('{"type":')).toEqual(['error:not_json:null']);
    expect(codes('{"type":"Feature"}')).toEqual(['error:not_feature_collection:null']);
    expect(codes(file(feature('الف', [51.6, 32.6], 'Point')))).toEqual(['error:geometry_type:0']);
    expect(codes(file(feature(undefined, [square(51.6, 32.6)])))).toEqual(['error:missing_name:0']);
    expect(codes(file(feature('الف', [[[51.6, 32.6], [51.7, 32.6], [51.7, 32.7]]])))).toContain('error:unclosed_ring:0');
  });

  it('finds a bow-tie and where it crosses', () => {
    const bowTie = [[51.6, 32.6], [51.62, 32.62], [51.62, 32.6], [51.6, 32.62], [51.6, 32.6]];
    const report = checkDistrictFile(file(feature('الف', [bowTie])), options);
    expect(report.issues).toEqual([
      expect.objectContaining({ code: 'self_intersection', featureIndex: 0, location: { lat: 32.61, lng: 51.61 } }),
    ]);
  });

  it('reports a hole as a note, and the land no district covers as a gap', () => {
    const withHole = [square(51.6, 32.6, 0.06), square(51.62, 32.62, 0.02)];
    const report = checkDistrictFile(file(feature('الف', withHole), feature('ب', [square(51.66, 32.6, 0.06)])), options);
    expect(report.issues.map((i) => `${i.severity}:${i.code}`)).toEqual(['info:hole', 'warning:gap']);
    expect(report.issues[1].areaM2).toBeGreaterThan(3_000_000);
  });

  it('names the two districts that overlap and by how much', () => {
    const report = checkDistrictFile(file(feature('الف', [square(51.6, 32.6)]), feature('ب', [square(51.61, 32.6)])), options);
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'overlap', featureIndex: 0, otherFeatureIndex: 1, detail: 'ب' }),
    ]);
    expect(report.issues[0].areaM2).toBeGreaterThan(1_500_000);
  });

  it('tells swapped axes from coordinates that are simply elsewhere', () => {
    const swapped = square(51.6, 32.6).map(([x, y]) => [y, x]);
    expect(codes(file(feature('الف', [swapped])))).toEqual(['error:swapped_axes:0']);
    expect(codes(file(feature('الف', [square(2.3, 48.8)])))).toEqual(['error:outside_box:0']);
  });

  it('reads numbers with Persian digits and refuses two districts with one number', () => {
    const o = { ...options, numberProperty: 'code' };
    const report = checkDistrictFile(file(feature('الف', [square(51.6, 32.6)]), feature('ب', [square(51.7, 32.6)])), o);
    expect(report.features.map((f) => f.number)).toEqual([7, 7]);
    expect(report.issues.map((i) => i.code)).toEqual(['duplicate_number']);
  });

  it('stops before any geometry work past the vertex or feature limit', () => {
    const many = file(feature('الف', [Array.from({ length: 10_001 }, (_, i) => [51.6 + i * 1e-6, 32.6])]));
    expect(() => checkDistrictFile(many, options)).toThrow(GeoLimitError);
    const features = Array.from({ length: 51 }, () => feature('الف', [square(51.6, 32.6)]));
    expect(() => checkDistrictFile(file(...features), options)).toThrow(new GeoLimitError('too_many_features'));
  });
});

describe('checkDrawnBoundary', () => {
  it('reports an overlap with another district, and not the others between themselves', () => {
    const others = [
      { name: 'ب', boundary: { type: 'Polygon' as const, coordinates: [square(51.61, 32.6)] as [number, number][][] } },
      { name: 'ج', boundary: { type: 'Polygon' as const, coordinates: [square(51.7, 32.6)] as [number, number][][] } },
      { name: 'د', boundary: { type: 'Polygon' as const, coordinates: [square(51.71, 32.6)] as [number, number][][] } },
    ];
    const report = checkDrawnBoundary({ type: 'Polygon', coordinates: [square(51.6, 32.6)] as [number, number][][] }, others, box);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'overlap', featureIndex: 0, otherFeatureIndex: 1, detail: 'ب' })]);
  });
});

describe('selfIntersections', () => {
  it('finds nothing in a simple ring and the crossing of a figure eight', () => {
    expect(selfIntersections([square(0, 0, 1)])).toEqual([]);
    expect(selfIntersections([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]])).toEqual([[1, 1]]);
  });

  it('finds a hole that crosses its outer ring', () => {
    expect(selfIntersections([square(0, 0, 1), square(0.5, 0.5, 1)]).length).toBe(2);
  });

  it('handles a long ring quickly', () => {
    const n = 50_000;
    const ring = Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
    ring.push(ring[0]);
    const started = Date.now();
    expect(selfIntersections([ring])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
