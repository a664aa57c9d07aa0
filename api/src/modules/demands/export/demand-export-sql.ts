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

/** A CASE mapping the values of `expr` to their words in the locale (unknown values as they are). */
function labelSql(expr: string, labels: Record<string | number, Record<Locale, string>>, keys: readonly (string | number)[], locale: Locale): string {
  const whens = keys.map((k) => `WHEN ${literal(k)} THEN ${literal(wordIn(labels[k], locale))}`).join(' ');
  return `CASE ${expr} ${whens} ELSE ${expr}::text END`;
}

/**
 * A column of the tabular exports: its header key and its SQL, text or number. `isOwn` text is
 * the app's own words (ids, dates, labels): no formula check needed, which saves a regular
 * expression per cell on a million rows.
 */
type Column = { key: keyof typeof COLUMN_HEADERS; sql: string; type: 'text' | 'number'; isOwn?: boolean };

/** The demand's columns (its `FROM` joins below), personal ones only when asked for and allowed. */
function columns(options: ExportQueryOptions): Column[] {
  const l = literal(options.locale);
  const named = (alias: string, column = 'name') => `coalesce(${alias}.${column} ->> ${l}, ${alias}.${column} ->> 'fa')`;
  const zone = literal(options.timeZone);
  const list: Column[] = [
    { key: 'id', sql: 'd.id::text', type: 'text', isOwn: true },
    {
      key: 'date',
      // The Jalali day comes from the job's table of days; the time is the municipality's clock.
      sql: `coalesce(j.jalali, to_char(d.occurred_at AT TIME ZONE ${zone}, 'YYYY-MM-DD')) || ' ' || to_char(d.occurred_at AT TIME ZONE ${zone}, 'HH24:MI')`,
      type: 'text',
      isOwn: true,
    },
    { key: 'source', sql: labelSql('d.source_kind', SOURCE_LABELS, DEMAND_SOURCE_KINDS, options.locale), type: 'text', isOwn: true },
    { key: 'meeting', sql: 'd.meeting', type: 'text' },
    { key: 'text', sql: 'd.text', type: 'text' },
    { key: 'kind', sql: labelSql('d.kind', KIND_LABELS, DEMAND_KINDS, options.locale), type: 'text', isOwn: true },
    { key: 'priority', sql: labelSql('d.priority', PRIORITY_LABELS, [1, 2, 3], options.locale), type: 'text', isOwn: true },
    { key: 'themes', sql: 'th.names', type: 'text' },
    { key: 'capacity', sql: labelSql('d.capacity', CAPACITY_LABELS, DEMAND_CAPACITIES, options.locale), type: 'text', isOwn: true },
    { key: 'district', sql: named('di'), type: 'text' },
    { key: 'stage', sql: named('s', 'title'), type: 'text' },
    { key: 'group', sql: 'g.name', type: 'text' },
    { key: 'weight', sql: 'd.weight', type: 'number' },
    { key: 'lat', sql: 'd.lat', type: 'number' },
    { key: 'lng', sql: 'd.lng', type: 'number' },
  ];
  if (options.includePersonal) {
    list.push(
      { key: 'author', sql: 'coalesce(a.display_name, sh.name)', type: 'text' },
      { key: 'contact', sql: 'coalesce(a.mobile, a.email)', type: 'text' },
    );
  }
  return list;
}

/** The FROM and WHERE of every export: the filtered demands of the plan with the names they show. */
function fromWhere(options: ExportQueryOptions): string {
  const filter = demandFilterSql(options.filter, { organizationId: options.organizationId, timeZone: options.timeZone });
  const org = literal(options.organizationId);
  const l = literal(options.locale);
  const zone = literal(options.timeZone);
  const personal = options.includePersonal
    ? `LEFT JOIN account a ON a.id = d.author_id
       LEFT JOIN stakeholder sh ON sh.id = d.stakeholder_id AND sh.organization_id = d.organization_id`
    : '';
  // A demand's themes as one cell, aggregated once for the organisation and hash-joined (a
  // correlated subquery per demand would cost an index probe per row).
  return `FROM demand d
    LEFT JOIN (
      SELECT dt.demand_id, string_agg(coalesce(t.name ->> ${l}, t.name ->> 'fa'), '؛ ' ORDER BY t.position, t.id) AS names,
             array_agg(t.slug ORDER BY t.position, t.id) AS slugs
        FROM demand_theme dt JOIN theme t ON t.id = dt.theme_id AND t.organization_id = dt.organization_id
       WHERE dt.organization_id = ${org}
       GROUP BY dt.demand_id
    ) th ON th.demand_id = d.id
    LEFT JOIN district di ON di.id = d.district_id AND di.organization_id = d.organization_id
    LEFT JOIN stage s ON s.id = d.stage_id AND s.organization_id = d.organization_id
    LEFT JOIN demand_group g ON g.id = d.group_id AND g.organization_id = d.organization_id
    LEFT JOIN ${JALALI_DAY_TABLE} j ON j.day = (d.occurred_at AT TIME ZONE ${zone})::date
    ${personal}
   WHERE ${inlineParams(filter.where, filter.params)}`;
}

/** The headers of the tabular exports in the planner's language. */
export function exportHeaders(options: Pick<ExportQueryOptions, 'locale' | 'includePersonal'>): string[] {
  const keys = columns({ ...options, organizationId: '', timeZone: 'UTC', filter: { planId: '' } } as ExportQueryOptions).map((c) => c.key);
  return keys.map((k) => wordIn(COLUMN_HEADERS[k], options.locale));
}

/**
 * PostgreSQL writes the whole CSV: readable headers in the planner's language (the column
 * aliases), every text cell made formula-safe in SQL. The job only prepends a BOM and stores the
 * bytes, so the rows never become JavaScript values.
 */
export function csvCopySql(options: ExportQueryOptions): string {
  const list = columns(options);
  const inner = list.map((c, i) => `${c.sql} AS c${i}`).join(', ');
  // The values are a level of their own (`OFFSET 0`), so the formula check reads each once.
  const select = list
    .map((c, i) => {
      const v = `x.c${i}`;
      return `${c.type === 'text' && !c.isOwn ? formulaSafeSql(v) : v} AS ${escapeIdentifier(wordIn(COLUMN_HEADERS[c.key], options.locale))}`;
    })
    .join(',\n      ');
  return `COPY (SELECT ${select} FROM (SELECT ${inner} ${fromWhere(options)} OFFSET 0) x) TO STDOUT (FORMAT csv, HEADER true)`;
}

/**
 * A line per row that is exactly the text of one column: CSV with a quote and a delimiter that no
 * row can contain (the row's SQL removes them and writes line breaks as character references), so
 * PostgreSQL quotes nothing and every output line is the value followed by a line feed.
 */
function rawLinesCopy(valueSql: string, options: ExportQueryOptions, extraWhere = ''): string {
  return `COPY (SELECT ${valueSql} ${fromWhere(options)} ${extraWhere}) TO STDOUT (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

// Characters XML 1.0 forbids (PostgreSQL text never holds NUL), removed; `translate` does it in one pass.
const XML_ILLEGAL = "E'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x0B\\x0C\\x0E\\x0F\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1A\\x1B\\x1C\\x1D\\x1E\\x1F\\uFFFE\\uFFFF'";

/**
 * XML character data of a cell from `safe` (a column of a lower query level, so repeating it costs
 * nothing): `& < >` escaped and line breaks written as references, always; and, only on the rare
 * text that needs it (one regular expression decides), characters XML forbids removed and a
 * literal `_xHHHH_` protected by escaping its underscore (spreadsheets would decode it).
 */
function xmlTextSql(safe: string): string {
  let x = `CASE WHEN ${safe} ~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|_x' THEN regexp_replace(translate(${safe}, ${XML_ILLEGAL}, ''), '_(x[0-9A-Fa-f]{4}_)', '_x005F_\\1', 'g') ELSE ${safe} END`;
  x = `replace(${x}, '&', '&amp;')`;
  x = `replace(${x}, '<', '&lt;')`;
  x = `replace(${x}, '>', '&gt;')`;
  x = `replace(${x}, E'\\n', '&#10;')`;
  x = `replace(${x}, E'\\r', '&#13;')`;
  return x;
}

/**
 * The worksheet rows of the XLSX, one `<row>` per line, built by PostgreSQL (inline strings,
 * formula-safe, XML-escaped; numbers as numbers; empty cells left out). Row numbers restart on
 * each sheet: `sheetRows` data rows per sheet under a header in row 1. Three levels, so each
 * value, its formula check and its escaping are computed once per cell: the demands with their
 * row number (a window function: never merged into the levels above), the formula-safe text
 * (`OFFSET 0` keeps it a level of its own), and the row's markup.
 */
export function xlsxRowsCopySql(options: ExportQueryOptions, sheetRows: number): string {
  const list = columns(options);
  const inner = list.map((c, i) => `${c.sql} AS c${i}`).join(', ');
  const middle = list.map((c, i) => (c.type === 'text' && !c.isOwn ? `${formulaSafeSql(`x.c${i}`)} AS c${i}` : `x.c${i}`)).join(', ');
  const cells = list.map((c, i) => {
    const v = `y.c${i}`;
    const ref = `'<c r="${columnName(i)}' || y.r || '"`;
    if (c.type === 'number') return `CASE WHEN ${v} IS NULL THEN '' ELSE ${ref}><v>' || ${v}::text || '</v></c>' END`;
    const text = c.isOwn ? v : xmlTextSql(v);
    return `CASE WHEN ${v} IS NULL THEN '' ELSE ${ref} t="inlineStr"><is><t xml:space="preserve">' || ${text} || '</t></is></c>' END`;
  });
  const value = `'<row r="' || y.r || '">' || ${cells.join(' || ')} || '</row>'`;
  const r = `((row_number() OVER () - 1) % ${Math.floor(sheetRows)} + 2)::text`;
  return `COPY (SELECT ${value} FROM (SELECT x.r, ${middle} FROM (SELECT ${r} AS r, ${inner} ${fromWhere(options)}) x OFFSET 0) y) TO STDOUT (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

/** The demand as a JSON object (codes, not words, beside the names a reader needs). */
function jsonObjectSql(options: ExportQueryOptions): string {
  const l = literal(options.locale);
  const named = (alias: string, column = 'name') => `coalesce(${alias}.${column} ->> ${l}, ${alias}.${column} ->> 'fa')`;
  const personal = options.includePersonal
    ? `, 'author', coalesce(a.display_name, sh.name), 'contact', coalesce(a.mobile, a.email)`
    : '';
  return `json_build_object('id', d.id, 'occurredAt', d.occurred_at, 'sourceKind', d.source_kind, 'sourceId', d.source_id,
    'meeting', d.meeting, 'text', d.text, 'kind', d.kind, 'priority', d.priority, 'themes', coalesce(th.slugs, '{}'),
    'themeNames', th.names, 'capacity', d.capacity, 'districtId', d.district_id, 'district', ${named('di')},
    'stageId', d.stage_id, 'stage', ${named('s', 'title')}, 'groupId', d.group_id, 'group', g.name, 'weight', d.weight,
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
