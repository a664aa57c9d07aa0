import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { THEME_FILE_COLUMNS } from '@hamandishi/contracts';
import { toCsv } from '../../common/export/csv';
import { neutraliseFormula } from '../../common/export/formula-safe';
import type { Cell } from '../../common/export/tabular';

/** One row of a theme file, in THEME_FILE_COLUMNS order. */
export type ThemeFileRow = Cell[];

/** The XLSX content type. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The theme tree as CSV, streamed record by record (formula-safe, UTF-8 with BOM, CRLF). */
export function themesCsvStream(rows: ThemeFileRow[]): Readable {
  // The shared writer (formula-safe fields) makes each chunk of records; only the first chunk keeps
  // the BOM and the header. A later chunk is written under an empty header, whose BOM and empty
  // record (EF BB BF 0D 0A) are cut off.
  const header = [...THEME_FILE_COLUMNS];
  function* chunks() {
    yield toCsv({ sheetName: 'themes', header, rows: [] });
    for (let i = 0; i < rows.length; i += CSV_CHUNK_ROWS) {
      yield toCsv({ sheetName: 'themes', header: [], rows: rows.slice(i, i + CSV_CHUNK_ROWS) }).subarray(5);
    }
  }
  return Readable.from(chunks());
}

const CSV_CHUNK_ROWS = 200;

/** The theme tree as an XLSX workbook, written by exceljs's streaming writer (formula-safe text). */
export function themesXlsxStream(rows: ThemeFileRow[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('themes', { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
  const write = async () => {
    const header = sheet.addRow([...THEME_FILE_COLUMNS]);
    header.font = { bold: true };
    header.commit();
    for (const row of rows) {
      sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}

// ---- reading ----------------------------------------------------------------------------------

/** What an uploaded file is, from its first bytes: an XLSX file is a ZIP archive. */
export function sniffThemeFile(body: Buffer): 'xlsx' | 'csv' {
  return body.length >= 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04 ? 'xlsx' : 'csv';
}

/** The rows of an uploaded file as text cells (the header first); throws when the file cannot be read. */
export async function readThemeFile(body: Buffer, maxRows: number): Promise<string[][]> {
  return sniffThemeFile(body) === 'xlsx' ? readXlsx(body, maxRows) : parseCsv(body.toString('utf8'), maxRows);
}

async function readXlsx(body: Buffer, maxRows: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (rowNumber > maxRows + 1) return;
    const cells: string[] = [];
    const width = Math.max(row.cellCount, 0);
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // A formula is never evaluated or kept: only its cached result is read, as text.
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return '';
}

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), with or without a BOM. Stops after
 * `maxRows` records past the header.
 */
export function parseCsv(text: string, maxRows: number): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      if (rows.length > maxRows + 1) return rows;
      row = [];
      field = '';
      if (ch === '\r' && input[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Characters neutraliseFormula guards against, after the invisible ones it looks through.
const NEUTRALISED = /^'(?=[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** Undoes neutraliseFormula, so that an exported file imports back unchanged. */
export function restoreNeutralised(value: string): string {
  return value.replace(NEUTRALISED, '');
}

/**
 * The first file of a multipart/form-data body (the part whose Content-Disposition has a
 * filename), or null when there is none or the body is malformed. The whole body is already in
 * memory under the route's 5 MiB limit, so a small strict reader is enough.
 */
export function fileFromMultipart(body: Buffer, contentType: string): Buffer | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  if (!match) return null;
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const delimiter = Buffer.concat([Buffer.from('\r\n'), boundary]);
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const headersStart = start + boundary.length;
    if (body.subarray(headersStart, headersStart + 2).toString('latin1') === '--') return null;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) return null;
    const end = body.indexOf(delimiter, headersEnd + 4);
    if (end === -1) return null;
    const headers = body.subarray(headersStart, headersEnd).toString('utf8');
    if (/^content-disposition:[^\r\n]*;\s*filename\*?=/im.test(headers)) return body.subarray(headersEnd + 4, end);
    start = end + 2;
  }
  return null;
}
