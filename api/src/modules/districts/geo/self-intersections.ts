type Segment = { ring: number; i: number; ax: number; ay: number; bx: number; by: number; minX: number; maxX: number };

/**
 * Where the rings of one polygon cross or touch themselves or each other (bow-ties, a hole
 * crossing its outer ring). Rings are closed ([first] repeated last), without repeated
 * consecutive points.
 *
 * Why not `@turf/kinks`: it compares every segment with every other (and allocates for each
 * pair), so a district of 20,000 vertices took minutes. This sorts segments by their western
 * end and only compares those whose extents meet: n log n for a real boundary.
 */
export function selfIntersections(rings: number[][][]): number[][] {
  const segments: Segment[] = [];
  const sizes = rings.map((r) => r.length - 1);
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[i + 1];
      segments.push({ ring: r, i, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  const found = new Map<string, number[]>();
  for (let a = 0; a < segments.length; a++) {
    const s = segments[a];
    for (let b = a + 1; b < segments.length && segments[b].minX <= s.maxX; b++) {
      const t = segments[b];
      if (s.ring === t.ring && adjacent(s.i, t.i, sizes[s.ring])) continue;
      if (Math.max(s.ay, s.by) < Math.min(t.ay, t.by) || Math.max(t.ay, t.by) < Math.min(s.ay, s.by)) continue;
      const p = crossing(s, t);
      if (p) found.set(`${p[0].toFixed(9)},${p[1].toFixed(9)}`, p);
    }
  }
  return [...found.values()];
}

/** Consecutive segments of a closed ring of `count` segments share a vertex by construction. */
function adjacent(i: number, j: number, count: number): boolean {
  const d = Math.abs(i - j);
  return d === 1 || d === count - 1;
}

/** The point where two segments meet (ends included), or null; parallel segments never meet here. */
function crossing(s: Segment, t: Segment): number[] | null {
  const denominator = (t.by - t.ay) * (s.bx - s.ax) - (t.bx - t.ax) * (s.by - s.ay);
  if (denominator === 0) return null;
  const dy = s.ay - t.ay;
  const dx = s.ax - t.ax;
  const u = ((t.bx - t.ax) * dy - (t.by - t.ay) * dx) / denominator;
  const v = ((s.bx - s.ax) * dy - (s.by - s.ay) * dx) / denominator;
  if (u < 0 || u > 1 || v < 0 || v > 1) return null;
  return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
}
