import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { TProblemFilters } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { type Bbox, MAX_FACET_LEVEL, MAX_POINTS, cellRange, columnsOf } from './problem-map-grid';
import { driverPool } from '../../database/driver-pool';

/** What the map shows: located, not hidden, not merged into another problem. */
const VISIBLE = `p.lat IS NOT NULL AND NOT p.is_hidden AND p.merged_into_id IS NULL AND p.status <> 'merged'`;

/** Coordinates leave with 5 decimals (about 1 m): smaller JSON, no false precision. */
const round = (expr: string) => `round((${expr})::numeric, 5)`;

/** A map answer as JSON text; `clustered` when it holds clusters (then it depends only on the cells the viewport touches). */
export type MapAnswer = { json: string; clustered: boolean };

/** Which kept aggregate answers a filter: the theme grid, the facet grid, the per-day grid, or none (raw rows). */
export type MapSource = 'cells' | 'facets' | 'days' | 'rows';

/** Filters each aggregate can answer: the keys of its rows. */
const CELL_KEYS = new Set(['themeId']);
const FACET_KEYS = new Set(['themeId', 'status', 'districtId', 'capacity', 'stageId', 'activityId']);
const DAY_KEYS = new Set(['from', 'to']);

/**
 * The cheapest kept aggregate whose keys cover every filter set at this level, or raw rows (free
 * text, a date range with other filters, or a filter finer than street level).
 */
export function mapSourceOf(f: TProblemFilters, level: number): MapSource {
  const set = Object.entries(f).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (set.every((k) => CELL_KEYS.has(k))) return 'cells';
  if (level > MAX_FACET_LEVEL) return 'rows';
  if (set.every((k) => FACET_KEYS.has(k))) return 'facets';
  if (set.every((k) => DAY_KEYS.has(k))) return 'days';
  return 'rows';
}

/** Whether a filter is answered from kept aggregates (then a cluster answer depends only on the cells the viewport touches). */
export const isPrecomputable = (f: TProblemFilters, level: number) => mapSourceOf(f, level) !== 'rows';

/**
 * The map's queries. Each builds the whole JSON answer in PostgreSQL and hands back the text, so
 * Node neither parses rows nor serialises objects; the controller sends it as it is.
 */
@Injectable()
export class ProblemMapRepository {
  // The driver's pg pool: one round trip per query, without an ORM query runner in between.
  private readonly pool: Pool;
  private readonly statements = new Map<string, string>();

  constructor(@InjectDataSource() db: DataSource) {
    this.pool = driverPool(db);
  }

  /**
   * Clusters of the viewport at `level`, or its single points when it holds at most MAX_POINTS.
   * An empty answer skips the points query: with a selective filter (another district, this
   * month) it would otherwise scan every problem in the box only to find none.
   */
  async mapView(organizationId: string, bbox: Bbox, level: number, filters: TProblemFilters): Promise<MapAnswer> {
    const params: unknown[] = [organizationId];
    const p = (v: unknown) => `$${params.push(v)}`;
    const inBox = boxSql(bbox, p);
    const where = filterSql(filters, p);
    const cells = this.cellsSql(bbox, level, filters, p, () => inBox, where);
    const sql = `
      WITH cells AS (${cells}),
           t AS (SELECT coalesce(sum(c), 0)::int AS total FROM cells)
      SELECT CASE WHEN t.total = 0 THEN '{"clusters":[],"points":[],"total":0}'::json
             WHEN t.total <= ${MAX_POINTS} THEN (
               SELECT json_build_object('clusters', '[]'::json, 'points', coalesce(json_agg(json_build_object(
                        'id', q.id, 'lat', ${round('q.lat')}, 'lng', ${round('q.lng')}, 'status', q.status,
                        'themeId', q.theme_id, 'supportCount', q.support_count)), '[]'::json), 'total', count(*))
                 FROM (SELECT p.id, p.lat, p.lng, p.status, p.theme_id, p.support_count FROM problem p
                        WHERE p.organization_id = $1 AND ${inBox} AND ${VISIBLE}${where}
                        ORDER BY p.support_count DESC, p.id LIMIT ${MAX_POINTS}) q)
             ELSE (
               SELECT json_build_object('clusters', json_agg(json_build_object(
                        'lat', ${round('cells.sl / cells.c')}, 'lng', ${round('cells.sg / cells.c')}, 'count', cells.c)),
                      'points', '[]'::json, 'total', t.total)
                 FROM cells)
             END::text AS view,
             t.total > ${MAX_POINTS} AS clustered
        FROM t`;
    const row = await this.view<{ view: string; clustered: boolean }>(sql, params);
    return { json: row.view, clustered: row.clustered };
  }

  /** Heat-map cells `[lat, lng, weight]` of the viewport at `level`. */
  async heatView(organizationId: string, bbox: Bbox, level: number, filters: TProblemFilters): Promise<string> {
    const params: unknown[] = [organizationId];
    const p = (v: unknown) => `$${params.push(v)}`;
    const cells = this.cellsSql(bbox, level, filters, p, () => boxSql(bbox, p), filterSql(filters, p));
    const sql = `
      SELECT json_build_object('cells', coalesce(json_agg(json_build_array(
               ${round('cells.sl / cells.c')}, ${round('cells.sg / cells.c')}, cells.c)), '[]'::json))::text AS view
        FROM (${cells}) cells`;
    return (await this.view<{ view: string }>(sql, params)).view;
  }

  /**
   * Runs a view query as a named prepared statement: the SQL text depends only on which filters
   * are set (the viewport's columns are one array parameter), so each connection parses and
   * plans each variant once.
   */
  private async view<T extends object>(text: string, values: unknown[]): Promise<T> {
    let name = this.statements.get(text);
    if (!name) {
      name = `problem_map_${this.statements.size + 1}`;
      this.statements.set(text, name);
    }
    const { rows } = await this.pool.query<T & Record<string, unknown>>({ name, text, values });
    return rows[0];
  }

  /**
   * One row per non-empty cell (x, y, c = count, sl/sg = sums of lat/lng). From a kept aggregate
   * when one covers the filters (`mapSourceOf`), probing its index once per cell column; with free
   * text or a date range combined with other filters, grouped on the fly from the problems in the
   * viewport (GiST index).
   */
  private cellsSql(
    bbox: Bbox,
    level: number,
    filters: TProblemFilters,
    p: (v: unknown) => string,
    inBox: () => string,
    where: string,
  ): string {
    const source = mapSourceOf(filters, level);
    if (source !== 'rows') {
      const { y0, y1 } = cellRange(bbox, level);
      const keys: string[] = [];
      if (filters.themeId) keys.push(`m.theme_id = ${p(filters.themeId)}`);
      if (filters.status) keys.push(`m.status = ${p(filters.status)}`);
      if (filters.districtId) keys.push(`m.district_id = ${p(filters.districtId)}`);
      if (filters.capacity) keys.push(`m.capacity = ${p(filters.capacity)}`);
      if (filters.activityId) keys.push(`m.activity_id = ${p(filters.activityId)}`);
      // a stage is its activities: a handful of keys, looked up once in the same statement
      if (filters.stageId) keys.push(`m.activity_id IN (SELECT a.id FROM activity a WHERE a.organization_id = $1 AND a.stage_id = ${p(filters.stageId)})`);
      const days = source === 'days' ? daysOf(filters, columnsOf(bbox, level).length) : null;
      if (days) keys.push(`m.day = ANY(${p(days)}::date[])`);
      else {
        if (filters.from) keys.push(`m.day >= ${p(filters.from)}::date`);
        if (filters.to) keys.push(`m.day <= ${p(filters.to)}::date`);
      }
      const table = { cells: 'problem_map_cell', facets: 'problem_map_facet', days: 'problem_map_day' }[source];
      return `
        SELECT m.cell_x AS x, m.cell_y AS y, sum(m.count)::int AS c, sum(m.sum_lat) AS sl, sum(m.sum_lng) AS sg
          FROM ${table} m
         WHERE m.organization_id = $1 AND m.zoom_level = ${p(level)}
           AND m.cell_x = ANY(${p(columnsOf(bbox, level))}::int[]) AND m.cell_y BETWEEN ${p(y0)} AND ${p(y1)}${keys.map((k) => ` AND ${k}`).join('')}
         GROUP BY m.cell_x, m.cell_y
        HAVING sum(m.count) > 0`;
    }
    const l = p(level);
    return `
      SELECT problem_map_cell_of(p.lng, ${l}) AS x, problem_map_cell_of(p.lat, ${l}) AS y,
             count(*)::int AS c, sum(p.lat) AS sl, sum(p.lng) AS sg
        FROM problem p
       WHERE p.organization_id = $1 AND ${inBox()} AND ${VISIBLE}${where}
       GROUP BY 1, 2`;
  }
}

/** Most (day, cell column) pairs probed one by one in problem_map_day; a longer range is scanned. */
const MAX_DAY_PROBES = 2000;

/**
 * The days of a closed date range, when probing each (day, column) pair of problem_map_day's key
 * costs less than scanning the range: the key is (day, cell_x, cell_y), so a range on day leaves
 * the viewport's columns and rows as filters over every cell of the city on those days (35,000
 * index entries for a month at street level, 18-39 ms under load), while a list of days lets the
 * index seek each pair (1.6-10 ms for the same viewport). Measured, see docs/benchmarks.md.
 */
export function daysOf(f: TProblemFilters, columns: number): string[] | null {
  if (!f.from || !f.to) return null;
  const first = Date.parse(`${f.from}T00:00:00Z`);
  const last = Date.parse(`${f.to}T00:00:00Z`);
  const count = Math.floor((last - first) / 86_400_000) + 1;
  if (!Number.isFinite(count) || count * columns > MAX_DAY_PROBES) return null;
  return Array.from({ length: Math.max(0, count) }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
}

/** The viewport as a GiST-indexable condition on problem.location (x = longitude). */
function boxSql(bbox: Bbox, p: (v: unknown) => string): string {
  return `p.location <@ box(point(${p(bbox[0])}, ${p(bbox[1])}), point(${p(bbox[2])}, ${p(bbox[3])}))`;
}

/** The shared filters as SQL conditions (each value a parameter). Days are Tehran calendar days. */
function filterSql(f: TProblemFilters, p: (v: unknown) => string): string {
  const parts: string[] = [];
  if (f.themeId) parts.push(`p.theme_id = ${p(f.themeId)}`);
  if (f.districtId) parts.push(`p.district_id = ${p(f.districtId)}`);
  if (f.status) parts.push(`p.status = ${p(f.status)}`);
  if (f.capacity) parts.push(`p.capacity = ${p(f.capacity)}`);
  if (f.stageId) parts.push(`p.stage_id = ${p(f.stageId)}`);
  if (f.activityId) parts.push(`p.activity_id = ${p(f.activityId)}`);
  if (f.from) parts.push(`p.created_at >= (${p(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Tehran'`);
  if (f.to) parts.push(`p.created_at < (${p(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran'`);
  if (f.q) {
    const q = normalizeForSearch(f.q);
    if (q) parts.push(`p.search_text ILIKE ${p(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  }
  return parts.map((s) => ` AND ${s}`).join('');
}
