import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { toCsv } from '../../common/export/csv';
import { neutraliseFormula } from '../../common/export/formula-safe';
import type { Cell } from '../../common/export/tabular';

const CSV_CHUNK_ROWS = 200;

/** The registry as CSV, streamed in chunks (formula-safe, UTF-8 with BOM, CRLF), like the theme export. */
export function stakeholdersCsvStream(header: string[], rows: Cell[][]): Readable {
  // Only the first chunk keeps the BOM and the header; later chunks are written under an empty
  // header whose BOM and empty record (EF BB BF 0D 0A) are cut off.
  function* chunks() {
    yield toCsv({ sheetName: 'stakeholders', header, rows: [] });
    for (let i = 0; i < rows.length; i += CSV_CHUNK_ROWS) {
      yield toCsv({ sheetName: 'stakeholders', header: [], rows: rows.slice(i, i + CSV_CHUNK_ROWS) }).subarray(5);
    }
  }
  return Readable.from(chunks());
}

/** The registry as an XLSX workbook from exceljs's streaming writer, right-to-left, formula-safe text. */
export function stakeholdersXlsxStream(header: string[], rows: Cell[][]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('stakeholders', { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
  const write = async () => {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
