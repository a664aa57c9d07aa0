import { escapeIdentifier, escapeLiteral } from 'pg';
import {
  DEMAND_CAPACITIES,
  DEMAND_KINDS,
  DEMAND_SOURCE_KINDS,
  type Locale,
  type TDemandFilter,
} from '@hamandishi/contracts';
import { columnName } from '../../../common/export/worksheet-xml';
import { demandFilterSql } from '../demand-filter';
import {
  CAPACITY_LABELS,
  COLUMN_HEADERS,
  KIND_LABELS,
  PRIORITY_LABELS,
  SOURCE_LABELS,
  wordIn,
} from './demand-export-labels';

/** The temporary table of Jalali days an export joins (filled by the job before its COPY). */
export const JALALI_DAY_TABLE = 'pg_temp.demand_export_day';

/** What an export's SQL depends on. */
export type ExportQueryOptions = {
  organizationId: string;
  timeZone: string;
  locale: Locale;
  filter: TDemandFilter;
  includePersonal: boolean;
};

/**
 * `COPY` takes no bind parameters, so the filter's parameters are written into the statement as
 * literals, each escaped by node-postgres' own `escapeLiteral` (strings, numbers, booleans and
 * arrays of them: all a demand filter holds). `$n` placeholders are replaced in one pass, so `$1`
 * cannot eat the start of `$10`, and a replaced value is never scanned again.
 */
export function inlineParams(sql: string, params: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('A non-finite number cannot be a literal');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return escapeLiteral(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  throw new TypeError(`Unsupported literal: ${typeof value}`);
}

// Cells a spreadsheet would read as a formula (=, +, -, @, tab, CR, their full-width forms, after
// any whitespace or zero-width/bidi marks) get a leading quote: the same rule as
// common/export/formula-safe.ts, in PostgreSQL's regular expressions, so the CSV never passes
// through Node at all. The pattern is a constant, so PostgreSQL compiles it once per statement.
const FORMULA_START =
  "'^[\\s\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]*[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]'";

/** The SQL expression of `expr` made safe for a spreadsheet cell (NULL stays NULL). */
export function formulaSafeSql(expr: string): string {
  return `CASE WHEN ${expr} ~ ${FORMULA_START} THEN '''' || ${expr} ELSE ${expr} END`;
}

/**
 * `formulaSafeSql` for the columns read on every row (`expr` a plain column): a text whose first
 * character is a letter in code points 65–132 or 161–5759 (Latin, Persian, Arabic…) cannot match
 * the pattern, since every character it looks for (ASCII punctuation and controls, U+0085, U+00A0,
 * the Unicode spaces from U+1680 up, zero-width and bidi marks, full-width forms) lies outside
 * those ranges. `ascii()` decodes only that first character, so the regular expression runs on the
 * few texts that start otherwise (measured: api/bench/demands-export.bench.ts).
 */
export function formulaSafeFastSql(expr: string): string {
  return `CASE WHEN ascii(${expr}) BETWEEN 161 AND 5759 OR ascii(${expr}) BETWEEN 65 AND 132 THEN ${expr} ELSE ${formulaSafeSql(expr)} END`;
}

/** A CASE mapping the values of `expr` to their words in the locale (unknown values as they are). */
function labelSql(expr: string, labels: Record<string | number, Record<Locale, string>>, keys: readonly (string | number)[], locale: Locale): string {
  const whens = keys.map((k) => `WHEN ${literal(k)} THEN ${literal(wordIn(labels[k], locale))}`).join(' ');
  return `CASE ${expr} ${whens} ELSE ${expr}::text END`;
}

/** Which form of a cell a statement writes: as stored, formula-safe (CSV), or formula-safe XML (XLSX). */
type CellForm = 'raw' | 'csv' | 'xml';

/**
 * A column of the tabular exports: its header key and its SQL, text or number, in each form.
 * Names of small tables (themes, districts, stages, groups) are looked up already safe (see
 * `lookups`), so a row pays no check for them; the app's own words (ids, dates, labels) need none;
 * only the demand's own text and meeting are checked per row.
 */
type Column = { key: keyof typeof COLUMN_HEADERS; sql: (form: CellForm) => string; type: 'text' | 'number'; origin: 'own' | 'looked' | 'checked' };

/** The demand's columns (its `FROM` joins below), personal ones only when asked for and allowed. */
function columns(options: ExportQueryOptions): Column[] {
  const zone = literal(options.timeZone);
  const own = (sql: string) => () => sql;
  // The looked-up name in the form asked for (alias.raw, alias.csv, alias.xml).
  const looked = (alias: string) => (form: CellForm) => `${alias}.${form}`;
  // A text of the demand's own: checked per row, escaped for XML by the row's markup.
  const checked = (sql: string) => (form: CellForm) => (form === 'raw' ? sql : formulaSafeFastSql(sql));
  const list: Column[] = [
    { key: 'id', origin: 'own', sql: own('d.id::text'), type: 'text' },
    {
      key: 'date',
      // The Jalali day comes from the job's table of days; the time is the municipality's clock.
      origin: 'own', sql: own(
        `coalesce(j.jalali, to_char(d.occurred_at AT TIME ZONE ${zone}, 'YYYY-MM-DD')) || to_char(d.occurred_at AT TIME ZONE ${zone}, ' HH24:MI')`,
      ),
      type: 'text',
    },
    { key: 'source', origin: 'own', sql: own(labelSql('d.source_kind', SOURCE_LABELS, DEMAND_SOURCE_KINDS, options.locale)), type: 'text' },
    { key: 'meeting', origin: 'checked', sql: checked('d.meeting'), type: 'text' },
    { key: 'text', origin: 'checked', sql: checked('d.text'), type: 'text' },
    { key: 'kind', origin: 'own', sql: own(labelSql('d.kind', KIND_LABELS, DEMAND_KINDS, options.locale)), type: 'text' },
    { key: 'priority', origin: 'own', sql: own(labelSql('d.priority', PRIORITY_LABELS, [1, 2, 3], options.locale)), type: 'text' },
    { key: 'themes', origin: 'looked', sql: looked('th'), type: 'text' },
    { key: 'capacity', origin: 'own', sql: own(labelSql('d.capacity', CAPACITY_LABELS, DEMAND_CAPACITIES, options.locale)), type: 'text' },
    { key: 'district', origin: 'looked', sql: looked('di'), type: 'text' },
    { key: 'stage', origin: 'looked', sql: looked('s'), type: 'text' },
    { key: 'group', origin: 'looked', sql: looked('g'), type: 'text' },
    { key: 'weight', origin: 'own', sql: own('d.weight'), type: 'number' },
    { key: 'lat', origin: 'own', sql: own('d.lat'), type: 'number' },
    { key: 'lng', origin: 'own', sql: own('d.lng'), type: 'number' },
  ];
  if (options.includePersonal) {
    list.push(
      { key: 'author', origin: 'checked', sql: checked('coalesce(a.display_name, sh.name)'), type: 'text' },
      { key: 'contact', origin: 'checked', sql: checked('coalesce(a.mobile, a.email)'), type: 'text' },
    );
  }
  return list;
}

/**
 * The small tables a row looks its names up in, each name once in every form a statement writes:
 * as stored (`raw`), formula-safe (`csv`) and formula-safe XML character data (`xml`). `th` maps
 * each set of themes a demand may keep (`demand.theme_ids`, kept by the triggers of migration
 * 1765440000000) to its names in the planner's language and its slugs, in the taxonomy's order.
 * `MATERIALIZED`: computed once, then hashed; a million rows pay one hash probe each.
 */
function lookups(options: ExportQueryOptions): string {
  const org = literal(options.organizationId);
  const l = literal(options.locale);
  const forms = (name: string) => `${name} AS raw, ${formulaSafeSql(name)} AS csv, ${xmlTextSql(formulaSafeSql(name))} AS xml`;
  const named = (column: string) => `coalesce(${column} ->> ${l}, ${column} ->> 'fa')`;
  return `WITH th AS MATERIALIZED (
      SELECT theme_ids, slugs, ${forms('names')} FROM (
        SELECT s.theme_ids, string_agg(${named('t.name')}, '؛ ' ORDER BY t.position, t.id) AS names,
               array_agg(t.slug ORDER BY t.position, t.id) AS slugs
          FROM demand_theme_set s CROSS JOIN LATERAL unnest(s.theme_ids) u(theme_id)
          JOIN theme t ON t.id = u.theme_id AND t.organization_id = s.organization_id
         WHERE s.organization_id = ${org}
         GROUP BY s.theme_ids) x),
    di AS MATERIALIZED (SELECT id, ${forms(named('name'))} FROM district WHERE organization_id = ${org}),
    s AS MATERIALIZED (SELECT id, ${forms(named('title'))} FROM stage WHERE organization_id = ${org}),
    g AS MATERIALIZED (SELECT id, ${forms('name')} FROM demand_group WHERE organization_id = ${org})`;
}

/**
 * A range of the demand table's pages, `[fromPage, toPage)` (`toPage` null: to the end), for a
 * statement that writes one part of a file: PostgreSQL reads it with a TID range scan.
 */
export type TablePart = { fromPage: number; toPage: number | null };

/** The FROM and WHERE of every export: the filtered demands of the plan with the names they show. */
function fromWhere(options: ExportQueryOptions, part?: TablePart): string {
  const filter = demandFilterSql(options.filter, { organizationId: options.organizationId, timeZone: options.timeZone });
  const zone = literal(options.timeZone);
  const personal = options.includePersonal
    ? `LEFT JOIN account a ON a.id = d.author_id
       LEFT JOIN stakeholder sh ON sh.id = d.stakeholder_id AND sh.organization_id = d.organization_id`
    : '';
  // Every lookup is by the organisation's own rows (the CTEs), so no name crosses organisations.
  return `FROM demand d
    LEFT JOIN th ON th.theme_ids = d.theme_ids
    LEFT JOIN di ON di.id = d.district_id
    LEFT JOIN s ON s.id = d.stage_id
    LEFT JOIN g ON g.id = d.group_id
    LEFT JOIN ${JALALI_DAY_TABLE} j ON j.day = (d.occurred_at AT TIME ZONE ${zone})::date
    ${personal}
   WHERE ${inlineParams(filter.where, filter.params)}${part ? partWhere(part) : ''}`;
}

function partWhere(part: TablePart): string {
  const from = `d.ctid >= '(${Math.floor(part.fromPage)},0)'::tid`;
  return part.toPage === null ? ` AND ${from}` : ` AND ${from} AND d.ctid < '(${Math.floor(part.toPage)},0)'::tid`;
}

/** The headers of the tabular exports in the planner's language. */
export function exportHeaders(options: Pick<ExportQueryOptions, 'locale' | 'includePersonal'>): string[] {
  const keys = columns({ ...options, organizationId: '', timeZone: 'UTC', filter: { planId: '' } } as ExportQueryOptions).map((c) => c.key);
  return keys.map((k) => wordIn(COLUMN_HEADERS[k], options.locale));
}

/**
 * PostgreSQL writes the whole CSV: readable headers in the planner's language (the column
 * aliases), every text cell made formula-safe in SQL. The job only prepends a BOM and stores the
 * bytes, so the rows never become JavaScript values. One level: a plain scan of the demands with
 * hash lookups of small tables.
 */
export function csvCopySql(options: ExportQueryOptions, part?: TablePart & { isFirst: boolean }): string {
  const select = columns(options)
    .map((c) => `${c.sql('csv')} AS ${escapeIdentifier(wordIn(COLUMN_HEADERS[c.key], options.locale))}`)
    .join(',\n      ');
  const header = !part || part.isFirst;
  return `COPY (${lookups(options)} SELECT ${select} ${fromWhere(options, part)}) TO STDOUT (FORMAT csv, HEADER ${header})`;
}

/**
 * A line per row that is exactly the text of one column: CSV with a quote and a delimiter that no
 * row can contain (the row's SQL removes them and writes line breaks as character references), so
 * PostgreSQL quotes nothing and every output line is the value followed by a line feed.
 */
function rawLinesCopy(valueSql: string, options: ExportQueryOptions, extraWhere = ''): string {
  return `COPY (${lookups(options)} SELECT ${valueSql} ${fromWhere(options)} ${extraWhere}) TO STDOUT (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

// Characters XML 1.0 forbids (PostgreSQL text never holds NUL), removed; `translate` does it in one pass.
const XML_ILLEGAL = "E'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x0B\\x0C\\x0E\\x0F\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1A\\x1B\\x1C\\x1D\\x1E\\x1F\\uFFFE\\uFFFF'";

/**
 * XML character data of a cell from `safe` (a column of a lower query level, or a lookup, so
 * repeating it costs nothing): `& < >` escaped and line breaks written as references, always; and,
 * only on the rare text that needs it, characters XML forbids removed and a literal `_xHHHH_`
 * protected by escaping its underscore (spreadsheets would decode it). One regular expression
 * decides whether the text needs anything at all: most demands are returned as they are, without
 * five passes of `replace`.
 */
function xmlTextSql(safe: string): string {
  let x = `CASE WHEN ${safe} ~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|_x' THEN regexp_replace(translate(${safe}, ${XML_ILLEGAL}, ''), '_(x[0-9A-Fa-f]{4}_)', '_x005F_\\1', 'g') ELSE ${safe} END`;
  x = `replace(${x}, '&', '&amp;')`;
  x = `replace(${x}, '<', '&lt;')`;
  x = `replace(${x}, '>', '&gt;')`;
  x = `replace(${x}, E'\\n', '&#10;')`;
  x = `replace(${x}, E'\\r', '&#13;')`;
  return `CASE WHEN ${safe} ~ '[&<>\\x01-\\x1F\\uFFFE\\uFFFF]|_x' THEN ${x} ELSE ${safe} END`;
}

/**
 * The worksheet rows of the XLSX, one `<row>` per line, built by PostgreSQL (inline strings,
 * formula-safe, XML-escaped; numbers as numbers; empty cells left out). Row numbers restart on
 * each sheet: `sheetRows` data rows per sheet under a header in row 1. Two levels: the demands with
 * their row number (a window function) and their formula-safe cells, then the row's markup, made
 * by one `concat` (a chain of `||` would copy the growing row once per piece).
 */
export function xlsxRowsCopySql(options: ExportQueryOptions, sheetRows: number): string {
  const list = columns(options);
  // Looked-up names come already as XML; the demand's own texts are made formula-safe here and
  // escaped a level up, so each is read once.
  const inner = list.map((c, i) => `${c.sql(c.origin === 'looked' ? 'xml' : c.origin === 'checked' ? 'csv' : 'raw')} AS c${i}`);
  const pieces = list.map((c, i) => {
    const v = `y.c${i}`;
    const ref = `'<c r="${columnName(i)}' || y.r || '"`;
    if (c.type === 'number') return `CASE WHEN ${v} IS NOT NULL THEN ${ref}><v>' || ${v}::text || '</v></c>' END`;
    const text = c.origin === 'checked' ? xmlTextSql(v) : v;
    return `CASE WHEN ${v} IS NOT NULL THEN ${ref} t="inlineStr"><is><t xml:space="preserve">' || ${text} || '</t></is></c>' END`;
  });
  const value = `concat('<row r="', y.r, '">', ${pieces.join(',\n      ')}, '</row>')`;
  const r = `((row_number() OVER () - 1) % ${Math.floor(sheetRows)} + 2)::text`;
  return `COPY (SELECT ${value} FROM (${lookups(options)} SELECT ${r} AS r, ${inner.join(', ')} ${fromWhere(options)}) y) TO STDOUT (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

/** The demand as a JSON object (codes, not words, beside the names a reader needs). */
function jsonObjectSql(options: ExportQueryOptions): string {
  const personal = options.includePersonal
    ? `, 'author', coalesce(a.display_name, sh.name), 'contact', coalesce(a.mobile, a.email)`
    : '';
  return `json_build_object('id', d.id, 'occurredAt', d.occurred_at, 'sourceKind', d.source_kind, 'sourceId', d.source_id,
    'meeting', d.meeting, 'text', d.text, 'kind', d.kind, 'priority', d.priority, 'themes', coalesce(th.slugs, '{}'),
    'themeNames', th.raw, 'capacity', d.capacity, 'districtId', d.district_id, 'district', di.raw,
    'stageId', d.stage_id, 'stage', s.raw, 'groupId', d.group_id, 'group', g.raw, 'weight', d.weight,
    'lat', d.lat, 'lng', d.lng${personal})`;
}

/**
 * The JSON export's elements, one per line, each after a comma but the first, so the job writes
 * `[`, the lines and `]`. PostgreSQL escapes every control character in JSON strings, so no line
 * can hold a line break.
 */
export function jsonCopySql(options: ExportQueryOptions): string {
  return rawLinesCopy(
    `CASE WHEN row_number() OVER () = 1 THEN '' ELSE ',' END || ${jsonObjectSql(options)}::text`,
    options,
  );
}

/** The GeoJSON export's features (located demands only), one per line, as `jsonCopySql`. */
export function geojsonCopySql(options: ExportQueryOptions): string {
  const feature = `json_build_object('type', 'Feature', 'id', d.id,
    'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(d.lng, d.lat)),
    'properties', ${jsonObjectSql(options)})`;
  return rawLinesCopy(`CASE WHEN row_number() OVER () = 1 THEN '' ELSE ',' END || ${feature}::text`, options, 'AND d.lat IS NOT NULL');
}

/** How many demands the export holds, and the first and last of their days in the municipality. */
export function countSql(options: ExportQueryOptions, locatedOnly: boolean): { text: string; values: unknown[] } {
  const filter = demandFilterSql(options.filter, { organizationId: options.organizationId, timeZone: options.timeZone });
  const zone = `$${filter.params.length + 1}`;
  return {
    text: `SELECT count(*)::int AS n, min((d.occurred_at AT TIME ZONE ${zone})::date)::text AS "first",
                  max((d.occurred_at AT TIME ZONE ${zone})::date)::text AS "last"
             FROM demand d WHERE ${filter.where}${locatedOnly ? ' AND d.lat IS NOT NULL' : ''}`,
    values: [...filter.params, options.timeZone],
  };
}
