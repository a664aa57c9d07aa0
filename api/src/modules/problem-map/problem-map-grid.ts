/** The map's grid: level 0 cells are 0.08° square (about 8 km); each level halves them, down to level 8 (about 30 m). */
export const MAX_LEVEL = 8;
/** The finest level of the filtered-map aggregates (street level, zoom 16); finer viewports group their few rows. Must match the migration. */
export const MAX_FACET_LEVEL = 6;
/** Cells per degree at level 0 (1 / 0.08°); must match problem_map_cell_of() in the migration. */
const CELLS_PER_DEGREE = 12.5;
/** Most cells one answer may hold: coarser levels are chosen for wide viewports. */
export const MAX_CELLS = 1500;
/** Most single points one answer may hold; above this the viewport is answered with clusters. */
export const MAX_POINTS = 300;

/** A viewport: west, south, east, north (degrees). */
export type Bbox = [number, number, number, number];

/** The cell index of a coordinate at a level (same arithmetic as problem_map_cell_of()). */
export function cellOf(coord: number, level: number): number {
  return Math.floor(coord * CELLS_PER_DEGREE * 2 ** level);
}

/** The cell ranges a viewport covers at a level. */
export function cellRange(bbox: Bbox, level: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = bbox;
  return { x0: cellOf(w, level), x1: cellOf(e, level), y0: cellOf(s, level), y1: cellOf(n, level) };
}

/**
 * The grid level for a web-map zoom: a cluster spans roughly 60 screen pixels (level = zoom - 10),
 * then coarsened until the viewport holds at most MAX_CELLS cells, so a wide box sent with a
 * high zoom can never ask for millions of cells.
 */
export function levelFor(bbox: Bbox, zoom: number, offset = 0): number {
  let level = Math.max(0, Math.min(MAX_LEVEL, zoom - 10 + offset));
  for (; level > 0; level--) {
    const r = cellRange(bbox, level);
    if ((r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) <= MAX_CELLS) break;
  }
  return level;
}

/** Every cell column a viewport covers (the index is probed once per column). */
export function columnsOf(bbox: Bbox, level: number): number[] {
  const { x0, x1 } = cellRange(bbox, level);
  const columns: number[] = [];
  for (let x = x0; x <= x1 && columns.length <= MAX_CELLS; x++) columns.push(x);
  return columns;
}
