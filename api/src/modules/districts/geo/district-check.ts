import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { area } from '@turf/area';
import { featureCollection, multiPolygon, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type {
  TBoundary,
  TDistrictImportReport,
  TGeoFeature,
  TGeoIssue,
  TGeoIssueCode,
  TGeoPoint,
  TGeoSeverity,
} from '@hamandishi/contracts';
import { normalizePersian, toAsciiDigits } from '@hamandishi/text';
import { selfIntersections } from './self-intersections';

/** The municipality's box: coordinates outside it are refused (and tested for swapped axes). */
export type GeoBox = { minLat: number; minLng: number; maxLat: number; maxLng: number };

/** What a check needs besides the geometry. */
export type CheckOptions = {
  box: GeoBox;
  nameProperty?: string;
  numberProperty?: string;
  maxVertices: number;
  maxFeatures: number;
};

/** A limit that stops the check before any work: the request is refused, not reported on. */
export class GeoLimitError extends Error {
  constructor(readonly code: 'too_many_vertices' | 'too_many_features') {
    super(code);
  }
}

/** An overlap smaller than this (m²) is rounding along a shared edge, not a real overlap. */
export const OVERLAP_MIN_M2 = 100;
/** A hole in the union of the districts smaller than this (m², one hectare) is not reported as a gap. */
export const GAP_MIN_M2 = 10_000;
const MAX_KINKS_PER_FEATURE = 5;
const MAX_PROPERTY_NAMES = 100;
const MAX_NAME_LENGTH = 300;

/** A feature as read from the file, before the checks between features. */
export type ReadFeature = TGeoFeature & { hasGeometryError: boolean };

type Issues = TGeoIssue[];

const issue = (
  severity: TGeoSeverity,
  code: TGeoIssueCode,
  featureIndex: number | null,
  extra: Partial<TGeoIssue> = {},
): TGeoIssue => ({ severity, code, featureIndex, ...extra });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a GeoJSON file of districts and reports on every feature. Throws GeoLimitError before any
 * geometry work when the file has too many features or vertices; everything else is a finding.
 */
export function checkDistrictFile(text: string, options: CheckOptions): TDistrictImportReport {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return report([], [issue('error', 'not_json', null)], []);
  }
  if (!isObject(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return report([], [issue('error', 'not_feature_collection', null, { detail: typeName(data) })], []);
  }
  const rawFeatures: unknown[] = data.features;
  if (rawFeatures.length > options.maxFeatures) throw new GeoLimitError('too_many_features');
  // Counted before anything else, so that a million vertices cost one walk over the arrays.
  let vertices = 0;
  for (const f of rawFeatures) {
    vertices += countVertices(isObject(f) ? f.geometry : null);
    if (vertices > options.maxVertices) throw new GeoLimitError('too_many_vertices');
  }

  const issues: Issues = [];
  if (rawFeatures.length === 0) issues.push(issue('error', 'no_features', null));
  const properties = new Set<string>();
  const features = rawFeatures.map((raw, index) => readFeature(raw, index, options, issues, properties));
  checkDuplicates(features, issues, Boolean(options.numberProperty));
  // One union of all districts finds the gaps, and tells whether any two overlap (their areas add
  // up to more than the union's): clipping every pair of neighbours costs ten times more, so it
  // is done only to say which two overlap, and where.
  const merged = unionOf(features);
  const sumM2 = features.reduce((n, f) => n + (f.hasGeometryError ? 0 : f.areaM2), 0);
  if (!merged || sumM2 - area(merged) >= OVERLAP_MIN_M2) checkOverlaps(features, issues, () => true);
  if (merged) checkGaps(merged, issues);
  return report(features, issues, [...properties].slice(0, MAX_PROPERTY_NAMES));
}

/**
 * Checks one boundary drawn in the browser against the municipality's other districts: the same
 * checks as an import (rings, kinks, box, axes), and overlaps with the others. Gaps are not
 * checked here: a city is often drawn one district at a time.
 */
export function checkDrawnBoundary(
  boundary: TBoundary,
  others: { name: string; boundary: TBoundary }[],
  box: GeoBox,
): TDistrictImportReport {
  const issues: Issues = [];
  const candidate = readGeometryFeature(boundary, 0, null, null, box, issues);
  const rest: ReadFeature[] = others.map((o, i) => ({
    index: i + 1,
    name: o.name,
    number: null,
    boundary: o.boundary,
    vertices: 0,
    areaM2: 0,
    hasGeometryError: false,
  }));
  checkOverlaps([candidate, ...rest], issues, (a, b) => a === 0 || b === 0);
  return report([candidate, ...rest], issues, []);
}

function report(features: ReadFeature[], issues: Issues, properties: string[]): TDistrictImportReport {
  const count = (s: TGeoSeverity) => issues.filter((i) => i.severity === s).length;
  return {
    summary: {
      features: features.length,
      vertices: features.reduce((n, f) => n + f.vertices, 0),
      totalAreaM2: Math.round(features.reduce((n, f) => n + f.areaM2, 0)),
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
    properties,
    issues,
    features: features.map(({ hasGeometryError: _, ...f }) => f),
  };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return typeof v.type === 'string' ? v.type.slice(0, 40) : 'object';
  return typeof v;
}

/** Positions in a geometry of any type, without looking at their contents. */
function countVertices(geometry: unknown): number {
  if (!isObject(geometry) || !Array.isArray(geometry.coordinates)) return 0;
  const c = geometry.coordinates as unknown[];
  const rings = (list: unknown[]) => list.reduce<number>((n, r) => n + (Array.isArray(r) ? r.length : 0), 0);
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return rings(c);
    case 'MultiPolygon':
      return c.reduce<number>((n, p) => n + (Array.isArray(p) ? rings(p) : 0), 0);
    case 'LineString':
    case 'MultiPoint':
      return c.length;
    default:
      return 1;
  }
}

function readFeature(
  raw: unknown,
  index: number,
  options: CheckOptions,
  issues: Issues,
  properties: Set<string>,
): ReadFeature {
  if (!isObject(raw) || raw.type !== 'Feature') {
    issues.push(issue('error', 'not_a_feature', index, { detail: typeName(raw) }));
    return emptyFeature(index, null, null);
  }
  const props = isObject(raw.properties) ? raw.properties : {};
  for (const key of Object.keys(props)) if (properties.size < MAX_PROPERTY_NAMES) properties.add(key.slice(0, 100));
  const name = readName(options.nameProperty ? props[options.nameProperty] : undefined);
  if (name === null) issues.push(issue('error', 'missing_name', index, { detail: options.nameProperty ?? null }));
  let number: number | null = null;
  if (options.numberProperty) {
    number = readNumber(props[options.numberProperty]);
    if (number === null) issues.push(issue('error', 'invalid_number', index, { detail: options.numberProperty }));
  }
  return readGeometryFeature(raw.geometry, index, name, number, options.box, issues);
}

function emptyFeature(index: number, name: string | null, number: number | null): ReadFeature {
  return { index, name, number, boundary: null, vertices: 0, areaM2: 0, hasGeometryError: true };
}

function readName(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  // What a name becomes when typed in the form (textLine): normalised Persian, one line; a
  // character PostgreSQL cannot store (NUL, half a surrogate pair) is dropped.
  const text = normalizePersian(String(value))
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000\u2066-\u2069\u202a-\u202e\u200e\u200f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  return text === '' ? null : text;
}

function readNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(toAsciiDigits(value.trim())) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 9999 && !(typeof value === 'string' && value.trim() === '') ? n : null;
}

/** Reads a Polygon/MultiPolygon: structure, rings closed and long enough, box and axes, self-intersections, holes. */
function readGeometryFeature(
  geometry: unknown,
  index: number,
  name: string | null,
  number: number | null,
  box: GeoBox,
  issues: Issues,
): ReadFeature {
  const type = isObject(geometry) ? geometry.type : null;
  if (!isObject(geometry) || (type !== 'Polygon' && type !== 'MultiPolygon')) {
    issues.push(issue('error', 'geometry_type', index, { detail: typeName(geometry) }));
    return emptyFeature(index, name, number);
  }
  const raw = geometry.coordinates;
  const rawPolygons = type === 'Polygon' ? [raw] : Array.isArray(raw) ? raw : null;
  const polygons = rawPolygons?.map(readPolygon);
  if (!polygons || polygons.length === 0 || polygons.some((p) => p === null)) {
    issues.push(issue('error', 'invalid_coordinates', index));
    return emptyFeature(index, name, number);
  }
  const rings = polygons as number[][][][];
  let hasGeometryError = false;
  let vertices = 0;
  for (const poly of rings) {
    for (const ring of poly) {
      vertices += ring.length;
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        hasGeometryError = true;
        issues.push(issue('error', 'unclosed_ring', index, { location: at(first) }));
        ring.push([first[0], first[1]]);
      }
      if (ring.length < 4) {
        hasGeometryError = true;
        issues.push(issue('error', 'too_few_points', index, { location: at(first) }));
      }
    }
  }
  const boundary: TBoundary =
    rings.length === 1 && type === 'Polygon'
      ? { type: 'Polygon', coordinates: rings[0] as [number, number][][] }
      : { type: 'MultiPolygon', coordinates: rings as [number, number][][][] };

  const outside = firstOutside(rings, box);
  if (outside) {
    hasGeometryError = true;
    const swappedInside = firstOutside(rings.map((p) => p.map((r) => r.map(([x, y]) => [y, x]))), box) === null;
    issues.push(
      swappedInside
        ? issue('error', 'swapped_axes', index, { location: { lat: outside[0], lng: outside[1] } })
        : issue('error', 'outside_box', index, { location: at(outside) }),
    );
  }
  if (!hasGeometryError) {
    const kinks = rings.flatMap((poly) => selfIntersections(poly));
    // Parts of a MultiPolygon must not cross each other either.
    if (rings.length > 1 && kinks.length === 0) kinks.push(...selfIntersections(rings.flat()));
    for (const k of kinks.slice(0, MAX_KINKS_PER_FEATURE)) {
      issues.push(issue('error', 'self_intersection', index, { location: at(k) }));
    }
    if (kinks.length > 0) hasGeometryError = true;
  }
  let areaM2 = 0;
  if (!hasGeometryError) {
    areaM2 = area(boundary);
    for (const poly of rings) {
      for (const hole of poly.slice(1)) {
        issues.push(issue('info', 'hole', index, { location: centreOf(hole), areaM2: Math.round(area(polygon([hole]))) }));
      }
    }
  }
  return { index, name, number, boundary, vertices, areaM2: Math.round(areaM2), hasGeometryError };
}

/** A polygon's rings as finite [lng, lat] pairs (altitude dropped, repeated points folded); null if malformed. */
function readPolygon(value: unknown): number[][][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const rings: number[][][] = [];
  for (const ring of value as unknown[]) {
    if (!Array.isArray(ring) || ring.length === 0) return null;
    const out: number[][] = [];
    for (const p of ring as unknown[]) {
      if (!Array.isArray(p) || p.length < 2) return null;
      const [x, y] = p as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== x || prev[1] !== y) out.push([x, y]);
    }
    rings.push(out);
  }
  return rings;
}

function firstOutside(rings: number[][][][], box: GeoBox): number[] | null {
  for (const poly of rings)
    for (const ring of poly)
      for (const p of ring)
        if (p[0] < box.minLng || p[0] > box.maxLng || p[1] < box.minLat || p[1] > box.maxLat) return p;
  return null;
}

const at = (p: number[]): TGeoPoint => ({ lat: p[1], lng: p[0] });

function centreOf(ring: number[][]): TGeoPoint {
  let x = 0;
  let y = 0;
  const n = Math.max(ring.length - 1, 1);
  for (const p of ring.slice(0, n)) {
    x += p[0];
    y += p[1];
  }
  return { lat: y / n, lng: x / n };
}

function checkDuplicates(features: ReadFeature[], issues: Issues, hasNumbers: boolean): void {
  const byNumber = new Map<number, number>();
  const byName = new Map<string, number>();
  for (const f of features) {
    if (f.number !== null) {
      const other = byNumber.get(f.number);
      if (other !== undefined) issues.push(issue('error', 'duplicate_number', f.index, { otherFeatureIndex: other, detail: String(f.number) }));
      else byNumber.set(f.number, f.index);
    }
    if (f.name !== null) {
      const other = byName.get(f.name);
      // Without numbers, names are how districts are matched: two of a name cannot both be kept.
      if (other !== undefined)
        issues.push(issue(hasNumbers ? 'warning' : 'error', 'duplicate_name', f.index, { otherFeatureIndex: other, detail: f.name }));
      else byName.set(f.name, f.index);
    }
  }
}

type Bbox = [number, number, number, number];

function bboxOf(b: TBoundary): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  for (const poly of polys)
    for (const p of poly[0] ?? []) {
      if (p[0] < box[0]) box[0] = p[0];
      if (p[1] < box[1]) box[1] = p[1];
      if (p[0] > box[2]) box[2] = p[0];
      if (p[1] > box[3]) box[3] = p[1];
    }
  return box;
}

const toFeature = (b: TBoundary) => (b.type === 'Polygon' ? polygon(b.coordinates) : multiPolygon(b.coordinates));

/** Pairs of sound features whose intersection has an area: which two, how much, and where. */
function checkOverlaps(features: ReadFeature[], issues: Issues, concerns: (a: number, b: number) => boolean): void {
  const sound = features.filter((f) => !f.hasGeometryError && f.boundary !== null);
  const boxes = sound.map((f) => bboxOf(f.boundary!));
  for (let i = 0; i < sound.length; i++) {
    for (let j = i + 1; j < sound.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a[0] >= b[2] || b[0] >= a[2] || a[1] >= b[3] || b[1] >= a[3]) continue;
      if (!concerns(sound[i].index, sound[j].index)) continue;
      let shared;
      try {
        shared = intersect(featureCollection<Polygon | MultiPolygon>([toFeature(sound[i].boundary!), toFeature(sound[j].boundary!)]));
      } catch {
        continue; // the polygon clipper gave up on a degenerate pair: the other checks still stand
      }
      if (!shared) continue;
      const m2 = area(shared);
      if (m2 < OVERLAP_MIN_M2) continue;
      const outer = shared.geometry.type === 'Polygon' ? shared.geometry.coordinates[0] : shared.geometry.coordinates[0][0];
      issues.push(
        issue('error', 'overlap', sound[i].index, {
          otherFeatureIndex: sound[j].index,
          areaM2: Math.round(m2),
          location: centreOf(outer),
          detail: sound[j].name,
        }),
      );
    }
  }
}

/**
 * The union of all sound features; null for fewer than two (one district's hole is reported as
 * a hole, not as a gap between districts) or when the polygon clipper gave up.
 */
function unionOf(features: ReadFeature[]): Feature<Polygon | MultiPolygon> | null {
  const sound = features.filter((f) => !f.hasGeometryError && f.boundary !== null);
  if (sound.length < 2) return null;
  try {
    return union(featureCollection<Polygon | MultiPolygon>(sound.map((f) => toFeature(f.boundary!))));
  } catch {
    return null;
  }
}

/** Holes in the union of the districts that are larger than GAP_MIN_M2: land that no district covers. */
function checkGaps(merged: Feature<Polygon | MultiPolygon>, issues: Issues): void {
  const polys = merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates;
  for (const poly of polys) {
    for (const hole of poly.slice(1)) {
      const m2 = area(polygon([hole]));
      if (m2 >= GAP_MIN_M2) issues.push(issue('warning', 'gap', null, { areaM2: Math.round(m2), location: centreOf(hole) }));
    }
  }
}
