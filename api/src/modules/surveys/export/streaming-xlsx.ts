import { XLSX_MAX_SHEET_ROWS } from '@hamandishi/contracts';
import type { Cell } from '../../../common/export/tabular';
import { uniqueSheetNames } from '../../../common/export/sheet-names';
import { StreamingZip } from '../../../common/export/streaming-zip';
import { columnName, HEADER_STYLE } from '../../../common/export/worksheet-xml';
import { contentTypes, relationships, sheetPath, STYLES, workbook } from '../../../common/export/xlsx';
import { escapeCellText } from '../../../common/export/xml-text';
import type { ByteSink } from '../../../common/export/export-chunks';
import type { RowWriter } from './survey-export-writers';
import { safeText } from './survey-export-writers';

// A sheet is closed before its XML reaches 4 GiB (the ZIP has no ZIP64); the archive's offsets
// (compressed, about a tenth) stay below 4 GiB far beyond a million rows.
const MAX_ENTRY_BYTES = 3_500_000_000;
// Text with none of these needs no escaping at all (XML specials, `_` of an `_xHHHH_` sequence,
// characters XML 1.0 forbids, surrogates): most cells, returned without three replace passes.
// (Without the `u` flag each surrogate is a code unit outside the allowed ranges, so it matches.)
const NEEDS_ESCAPE = /[&<>"'_]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;
const cellText = (text: string): string => (NEEDS_ESCAPE.test(text) ? escapeCellText(text) : text);
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * An XLSX workbook streamed row by row with the project's own worksheet markup (inline strings,
 * bold frozen header, right-to-left when asked) and a streaming ZIP: memory holds one page of
 * rows. A sheet takes at most `maxSheetRows` rows with its header (Excel's 1,048,576); further
 * rows go on further sheets "name (2)", "name (3)", each with the header again. Strings are
 * neutralised against formulas like every export of the project.
 */
export async function streamingXlsxWriter(
  sink: ByteSink,
  header: string[],
  sheetName: string,
  isRtl: boolean,
  maxSheetRows = XLSX_MAX_SHEET_ROWS,
): Promise<RowWriter> {
  const zip = new StreamingZip(sink);
  const columns = header.map((_, i) => columnName(i));
  const names: string[] = [];
  let sheetRows = 0;
  let sheetBytes = 0;

  const rowXml = (row: Cell[], r: number, style: string): string => {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (cell === null || (typeof cell === 'number' && !Number.isFinite(cell))) continue;
      if (typeof cell === 'number') xml += `<c r="${columns[i]}${r}"${style}><v>${cell}</v></c>`;
      else
        xml += `<c r="${columns[i]}${r}"${style} t="inlineStr"><is><t xml:space="preserve">${cellText(safeText(cell))}</t></is></c>`;
    }
    return xml + '</row>';
  };

  const openSheet = async () => {
    names.push(names.length === 0 ? sheetName : `${sheetName} (${names.length + 1})`);
    await zip.open(`xl/${sheetPath(names.length - 1)}`);
    const start =
      XML_DECLARATION +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetViews><sheetView workbookViewId="0"${isRtl ? ' rightToLeft="1"' : ''}>` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetData>' +
      rowXml(header, 1, ` s="${HEADER_STYLE}"`);
    const bytes = Buffer.from(start, 'utf8');
    await zip.write(bytes);
    sheetRows = 1;
    sheetBytes = bytes.length;
  };
  const closeSheet = async () => {
    await zip.write(Buffer.from('</sheetData></worksheet>', 'utf8'));
    await zip.close();
  };
  await openSheet();

  return {
    async writeRows(rows) {
      let xml = '';
      for (const row of rows) {
        if (sheetRows >= maxSheetRows || sheetBytes + xml.length * 3 > MAX_ENTRY_BYTES) {
          if (xml) await zip.write(Buffer.from(xml, 'utf8'));
          xml = '';
          await closeSheet();
          await openSheet();
        }
        sheetRows += 1;
        xml += rowXml(row, sheetRows, '');
      }
      if (xml) {
        const bytes = Buffer.from(xml, 'utf8');
        sheetBytes += bytes.length;
        await zip.write(bytes);
      }
    },
    async end() {
      await closeSheet();
      const sheetNames = uniqueSheetNames(names);
      await zip.file('[Content_Types].xml', XML_DECLARATION + contentTypes(names.length));
      await zip.file('_rels/.rels', XML_DECLARATION + relationships([['officeDocument', 'xl/workbook.xml']]));
      await zip.file('xl/workbook.xml', XML_DECLARATION + workbook(sheetNames));
      await zip.file(
        'xl/_rels/workbook.xml.rels',
        XML_DECLARATION +
          relationships([
            ...names.map((_, i): [string, string] => ['worksheet', sheetPath(i)]),
            ['styles', 'styles.xml'],
          ]),
      );
      await zip.file('xl/styles.xml', XML_DECLARATION + STYLES);
      await zip.finish();
    },
  };
}
