/** A GeoJSON boundary as stored in district.boundary (x = longitude, y = latitude). */
export type Boundary =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Ray casting: whether (lng, lat) lies inside a closed ring. */
function insideRing(ring: number[][], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function insidePolygon(rings: number[][][], lng: number, lat: number): boolean {
  if (rings.length === 0 || !insideRing(rings[0], lng, lat)) return false;
  return !rings.slice(1).some((hole) => insideRing(hole, lng, lat));
}

/** Whether a point falls inside a GeoJSON Polygon or MultiPolygon (anything else: false). */
export function boundaryContains(boundary: Boundary | null | undefined, lng: number, lat: number): boolean {
  if (!boundary || !Array.isArray(boundary.coordinates)) return false;
  if (boundary.type === 'Polygon') return insidePolygon(boundary.coordinates, lng, lat);
  if (boundary.type === 'MultiPolygon') return boundary.coordinates.some((p) => insidePolygon(p, lng, lat));
  return false;
}

const EARTH_RADIUS_M = 6_371_000;

/** Half-sides of a box (in degrees) that holds a circle of `meters` around a latitude. */
export function degreeBox(lat: number, meters: number): { dLat: number; dLng: number } {
  const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  return { dLat, dLng };
}
