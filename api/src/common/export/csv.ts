import { neutraliseFormula } from './formula-safe';
import type { Cell, Table } from './tabular';

// Excel only guesses UTF-8 (and so shows Persian text instead of mojibake) when the file has a BOM.
const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The table as an RFC 4180 CSV file: UTF-8 with a byte-order mark, CRLF after every record, the
 * header as the first record, string cells neutralised against formula injection.
 */
export function toCsv(table: Table): Buffer {
  const width = table.header.length;
  const records = [table.header, ...table.rows].map((row) => {
    // RFC 4180 wants every record as wide as the header; short rows are padded with empty fields.
    const fields = row.map(csvField);
    while (fields.length < width) fields.push('');
    return fields.join(',') + CRLF;
  });
  return Buffer.from(UTF8_BOM + records.join(''), 'utf8');
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  // NaN and Infinity have no spreadsheet form; an empty field is the honest rendering.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
