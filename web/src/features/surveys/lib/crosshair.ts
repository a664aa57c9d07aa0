// The keyboard's way of answering a map question, kept free of Leaflet so it can be tested alone:
// a crosshair (the cursor) moved with the arrow keys, Enter or Space to place a point or a
// polygon's next vertex under it, Backspace to take the last vertex back. The map only shows the
// state and keeps the cursor at its centre.

/** A position in degrees. */
export type LatLng = { lat: number; lng: number };

/** What the keyboard user has built: the crosshair's position and the placed points. */
export type CrosshairState = { cursor: LatLng; vertices: LatLng[] };

/** A map question takes one point, or the vertices of one polygon. */
export type CrosshairMode = 'point' | 'area';

/** What a key did, so the live region can say it. */
export type CrosshairEffect = 'moved' | 'placed' | 'vertexAdded' | 'vertexRemoved' | 'nothingToRemove' | null;

/** How far one arrow press moves the crosshair, in screen pixels (as Leaflet's own keyboard pan). */
export const STEP_PIXELS = 80;

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The length of a step at a zoom level: pixels → degrees of longitude and latitude at `lat`. */
export function stepAt(zoom: number, lat: number): { lat: number; lng: number } {
  const lng = (STEP_PIXELS * 360) / (256 * 2 ** zoom);
  return { lng, lat: lng * Math.cos((lat * Math.PI) / 180) };
}

/**
 * Applies one key press. Arrows follow the screen, not the reading direction: the map is laid out
 * left-to-right in every language, so ArrowRight always goes east. Returns null for keys it does not
 * handle (Tab, letters...), which the caller must let through.
 */
export function crosshairKey(
  state: CrosshairState,
  key: string,
  mode: CrosshairMode,
  step: { lat: number; lng: number },
): { state: CrosshairState; effect: CrosshairEffect } | null {
  const move = (dLat: number, dLng: number) => ({
    state: {
      ...state,
      cursor: {
        lat: round(Math.max(-85, Math.min(85, state.cursor.lat + dLat))),
        lng: round(Math.max(-180, Math.min(180, state.cursor.lng + dLng))),
      },
    },
    effect: 'moved' as const,
  });
  switch (key) {
    case 'ArrowUp':
      return move(step.lat, 0);
    case 'ArrowDown':
      return move(-step.lat, 0);
    case 'ArrowRight':
      return move(0, step.lng);
    case 'ArrowLeft':
      return move(0, -step.lng);
    case 'Enter':
    case ' ':
      if (mode === 'point') return { state: { ...state, vertices: [state.cursor] }, effect: 'placed' };
      return { state: { ...state, vertices: [...state.vertices, state.cursor] }, effect: 'vertexAdded' };
    case 'Backspace':
      if (state.vertices.length === 0) return { state, effect: 'nothingToRemove' };
      return { state: { ...state, vertices: state.vertices.slice(0, -1) }, effect: 'vertexRemoved' };
    default:
      return null;
  }
}

/**
 * The answer the vertices make, in the contracts' shapes: a map point is `{ lat, lng }`, a drawn
 * area the ring of its vertices (left open: the response schema closes it).
 */
export function answerOf(mode: CrosshairMode, vertices: readonly LatLng[]): LatLng | LatLng[] | null {
  if (mode === 'point') return vertices.at(-1) ?? null;
  return vertices.length ? [...vertices] : null;
}

const isLatLng = (v: unknown): v is LatLng =>
  !!v && typeof v === 'object' && typeof (v as LatLng).lat === 'number' && typeof (v as LatLng).lng === 'number';

/** The vertices an answer holds (the closing repetition of a ring left out). */
export function verticesOf(answer: unknown): LatLng[] {
  if (isLatLng(answer)) return [{ lat: answer.lat, lng: answer.lng }];
  if (!Array.isArray(answer)) return [];
  const ring = answer.filter(isLatLng).map((v) => ({ lat: v.lat, lng: v.lng }));
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length > 1 && first && last && first.lat === last.lat && first.lng === last.lng) ring.pop();
  return ring;
}
