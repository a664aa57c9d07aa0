import { neutraliseFormula } from './formula-safe';
import type { Cell, Table } from './tabular';
import { escapeCellText } from './xml-text';

/** The index of the bold header style in the workbook's styles.xml (its `cellXfs` list). */
export const HEADER_STYLE = 1;

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
// A letter of the Arabic script (Persian, Arabic, Urdu, ...); digits alone do not make a sheet RTL.
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

/**
 * The worksheet XML of one table: the header in row 1, bold and frozen, then the rows; strings as
 * neutralised inline strings, numbers as numbers, empty cells left out; laid out right-to-left
 * when any text is in the Arabic script. Throws a RangeError beyond Excel's sheet size.
 */
export function worksheetXml(table: Table): string {
  const rows = [table.header, ...table.rows];
  if (rows.length > MAX_ROWS) throw new RangeError(`a sheet holds at most ${MAX_ROWS} rows`);
  if (rows.some((row) => row.length > MAX_COLUMNS))
    throw new RangeError(`a sheet holds at most ${MAX_COLUMNS} columns`);

  const isRtl = rows.some((row) => row.some((cell) => typeof cell === 'string' && ARABIC_LETTER.test(cell)));
  const sheetData = rows.map((row, index) => rowXml(row, index + 1, index === 0 ? HEADER_STYLE : 0)).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetViews><sheetView workbookViewId="0"${isRtl ? ' rightToLeft="1"' : ''}>` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    `<sheetData>${sheetData}</sheetData>` +
    '</worksheet>'
  );
}

function rowXml(row: Cell[], rowNumber: number, style: number): string {
  const cells = row.map((cell, index) => cellXml(cell, `${columnName(index)}${rowNumber}`, style)).join('');
  return `<row r="${rowNumber}">${cells}</row>`;
}

function cellXml(cell: Cell, ref: string, style: number): string {
  const styleAttribute = style ? ` s="${style}"` : '';
  // NaN and Infinity cannot be stored in a cell; leaving the cell empty is the honest rendering.
  if (cell === null || (typeof cell === 'number' && !Number.isFinite(cell))) return '';
  if (typeof cell === 'number') return `<c r="${ref}"${styleAttribute}><v>${cell}</v></c>`;
  const text = escapeCellText(neutraliseFormula(cell));
  return `<c r="${ref}"${styleAttribute} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

/** The spreadsheet column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}
