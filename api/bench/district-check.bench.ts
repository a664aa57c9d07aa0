// Times the GeoJSON checks on a city-sized file at the import limit: 20 districts of 10,000
// vertices each (200,000 in all), neighbours sharing their edges vertex for vertex.
// Run: npx ts-node --transpile-only api/bench/district-check.bench.ts
import { checkDistrictFile } from '../src/modules/districts/geo/district-check';

const COLUMNS = 5;
const ROWS = 4;
const PER_SIDE = 2_500;
const west = 51.58;
const south = 32.6;
const size = 0.03;

/** A point of the grid's edge between (i, j) and the next corner, wobbling the same for both neighbours. */
function edge(x0: number, y0: number, x1: number, y1: number): number[][] {
  const points: number[][] = [];
  for (let k = 0; k < PER_SIDE; k++) {
    const t = k / PER_SIDE;
    const wobble = Math.sin(t * Math.PI * 40) * 0.0005 * Math.sin(t * Math.PI);
    const horizontal = y0 === y1;
    points.push([x0 + (x1 - x0) * t + (horizontal ? 0 : wobble), y0 + (y1 - y0) * t + (horizontal ? wobble : 0)]);
  }
  return points;
}
const reversed = (points: number[][], x1: number, y1: number) => [[x1, y1], ...points.slice(1).reverse()];

const features = [];
for (let r = 0; r < ROWS; r++) {
  for (let c = 0; c < COLUMNS; c++) {
    const [x0, y0, x1, y1] = [west + c * size, south + r * size, west + (c + 1) * size, south + (r + 1) * size];
    const bottom = edge(x0, y0, x1, y0);
    const right = edge(x1, y0, x1, y1);
    const top = reversed(edge(x0, y1, x1, y1), x1, y1);
    const left = reversed(edge(x0, y0, x0, y1), x0, y1);
    const ring = [...bottom, ...right, ...top, ...left, [x0, y0]];
    features.push({ type: 'Feature', properties: { name: `منطقه ${features.length + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
}
const text = JSON.stringify({ type: 'FeatureCollection', features });
const box = { minLat: 32.1, maxLat: 33.1, minLng: 51.1, maxLng: 52.1 };
const started = performance.now();
const report = checkDistrictFile(text, { box, nameProperty: 'name', maxVertices: 200_100, maxFeatures: 500 });
const ms = performance.now() - started;
console.log(`${(text.length / 1024 / 1024).toFixed(1)} MiB, ${report.summary.vertices} vertices, ${report.summary.features} districts`);
console.log(`errors ${report.summary.errors}, warnings ${report.summary.warnings}: ${report.issues.slice(0, 3).map((i) => i.code).join(', ')}`);
console.log(`checked in ${Math.round(ms)} ms`);
