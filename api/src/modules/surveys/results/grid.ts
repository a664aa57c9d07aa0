import type { TSurveyGrid, TSurveyLatLng } from '@hamandishi/contracts';

// The map answers are counted on a fixed grid of size × size cells over the municipality's box:
// cell = row * size + column, row 0 in the south, column 0 in the west. Cells are computed once,
// when a response is submitted, so the heat-map of 100k drawn areas is a GROUP BY on integers.

/** The cell holding a point, or null outside the box. Points on the north/east edge fall in the last cell. */
export function cellOf(grid: TSurveyGrid, p: TSurveyLatLng): number | null {
  const { minLat, minLng, maxLat, maxLng, size } = grid;
  if (p.lat < minLat || p.lat > maxLat || p.lng < minLng || p.lng > maxLng) return null;
  const row = Math.min(size - 1, Math.floor(((p.lat - minLat) / (maxLat - minLat)) * size));
  const column = Math.min(size - 1, Math.floor(((p.lng - minLng) / (maxLng - minLng)) * size));
  return row * size + column;
}

/** The centre of a cell. */
export function cellCentre(grid: TSurveyGrid, cell: number): TSurveyLatLng {
  const row = Math.floor(cell / grid.size);
  const column = cell % grid.size;
  return {
    lat: grid.minLat + ((row + 0.5) * (grid.maxLat - grid.minLat)) / grid.size,
    lng: grid.minLng + ((column + 0.5) * (grid.maxLng - grid.minLng)) / grid.size,
  };
}

/** Even-odd ray casting; the ring may be closed or open. */
export function pointInRing(p: TSurveyLatLng, ring: TSurveyLatLng[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng) inside = !inside;
  }
  return inside;
}

/**
 * The cells a drawn area covers: those whose centre lies inside it (only cells of the ring's
 * bounding box are tested). An area smaller than a cell that covers no centre still counts once,
 * in the cell of its first vertex, so every drawn area is on the heat-map.
 */
export function cellsOfArea(grid: TSurveyGrid, ring: TSurveyLatLng[]): number[] {
  if (ring.length === 0) return [];
  const { size } = grid;
  const latStep = (grid.maxLat - grid.minLat) / size;
  const lngStep = (grid.maxLng - grid.minLng) / size;
  const lats = ring.map((p) => p.lat);
  const lngs = ring.map((p) => p.lng);
  const clamp = (v: number) => Math.max(0, Math.min(size - 1, v));
  const row0 = clamp(Math.floor((Math.min(...lats) - grid.minLat) / latStep));
  const row1 = clamp(Math.floor((Math.max(...lats) - grid.minLat) / latStep));
  const col0 = clamp(Math.floor((Math.min(...lngs) - grid.minLng) / lngStep));
  const col1 = clamp(Math.floor((Math.max(...lngs) - grid.minLng) / lngStep));
  const cells: number[] = [];
  for (let row = row0; row <= row1; row++) {
    for (let column = col0; column <= col1; column++) {
      const cell = row * size + column;
      if (pointInRing(cellCentre(grid, cell), ring)) cells.push(cell);
    }
  }
  if (cells.length === 0) {
    const first = cellOf(grid, ring[0]);
    if (first !== null) cells.push(first);
  }
  return cells;
}
