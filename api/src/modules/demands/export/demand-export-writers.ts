import { uniqueSheetNames } from '../../../common/export/sheet-names';
import { columnName, HEADER_STYLE } from '../../../common/export/worksheet-xml';
import { contentTypes, relationships, sheetPath, STYLES, workbook } from '../../../common/export/xlsx';
import { escapeCellText } from '../../../common/export/xml-text';
import { neutraliseFormula } from '../../../common/export/formula-safe';
import { StreamingZip } from '../../../common/export/streaming-zip';
import type { ByteSink } from '../../../common/export/export-chunks';

/** A file written from PostgreSQL's COPY output, chunk by chunk, then ended. */
export type CopyWriter = {
  /** Bytes of the COPY output (whole lines or not); resolves once handed on. */
  write(bytes: Buffer): Promise<void>;
  end(): Promise<void>;
};

const LF = 0x0a;
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// Excel only guesses UTF-8 (and so shows Persian text) when the file has a BOM.
const UTF8_BOM = Buffer.from('\uFEFF', 'utf8');
/** Bytes gathered before they go to the deflater (each write there is a sync flush). */
const XLSX_BATCH = 256 * 1024;

/** Counts line feeds (rows of the raw COPY output), for progress. */
export function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * The CSV: a BOM, then PostgreSQL's output as it is (it already has the header and safe cells).
 * A file's later part (`isStart` false) has neither BOM nor header.
 */
export async function csvCopyWriter(sink: ByteSink, isStart = true): Promise<CopyWriter> {
  if (isStart) await sink.write(UTF8_BOM);
  return { write: (bytes) => sink.write(bytes), end: async () => {} };
}

/** A JSON array (or a GeoJSON feature collection) around the elements PostgreSQL writes one per line. */
export async function jsonCopyWriter(sink: ByteSink, isGeojson: boolean): Promise<CopyWriter> {
  await sink.write(Buffer.from(isGeojson ? '{"type":"FeatureCollection","features":[\n' : '[\n', 'utf8'));
  return {
    write: (bytes) => sink.write(bytes),
    end: () => sink.write(Buffer.from(isGeojson ? ']}\n' : ']\n', 'utf8')),
  };
}

/**
 * An XLSX whose `<row>` lines PostgreSQL writes (demand-export-sql.ts), streamed into a ZIP: a
 * sheet holds `sheetRows` data rows under the header row; the line that would pass it opens the
 * next sheet "name (2)" with the header again (PostgreSQL numbers rows per sheet the same way).
 */
export async function xlsxCopyWriter(
  sink: ByteSink,
  header: string[],
  sheetName: string,
  isRtl: boolean,
  sheetRows: number,
): Promise<CopyWriter> {
  const zip = new StreamingZip(sink);
  const names: string[] = [];
  let rowsInSheet = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const headerXml =
    '<row r="1">' +
    header
      .map(
        (text, i) =>
          `<c r="${columnName(i)}1" s="${HEADER_STYLE}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(neutraliseFormula(text))}</t></is></c>`,
      )
      .join('') +
    '</row>\n';

  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await zip.write(data);
  };
  const add = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= XLSX_BATCH) await flush();
  };
  const openSheet = async () => {
    names.push(names.length === 0 ? sheetName : `${sheetName} (${names.length + 1})`);
    await zip.open(`xl/${sheetPath(names.length - 1)}`);
    await add(
      Buffer.from(
        XML_DECLARATION +
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          `<sheetViews><sheetView workbookViewId="0"${isRtl ? ' rightToLeft="1"' : ''}>` +
          '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
          '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetData>\n' +
          headerXml,
        'utf8',
      ),
    );
    rowsInSheet = 0;
  };
  const closeSheet = async () => {
    await add(Buffer.from('</sheetData></worksheet>', 'utf8'));
    await flush();
    await zip.close();
  };
  await openSheet();

  return {
    async write(bytes) {
      let start = 0;
      while (start < bytes.length) {
        // The sheet is full and more rows come: they go on the next sheet.
        if (rowsInSheet >= sheetRows) {
          await closeSheet();
          await openSheet();
        }
        let end = start;
        while (rowsInSheet < sheetRows) {
          const lf = bytes.indexOf(LF, end);
          if (lf === -1) break;
          rowsInSheet++;
          end = lf + 1;
        }
        // Not full: the whole rest belongs here (an unfinished last line is counted when its line feed comes).
        if (rowsInSheet < sheetRows) end = bytes.length;
        await add(bytes.subarray(start, end));
        start = end;
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
          relationships([...names.map((_, i): [string, string] => ['worksheet', sheetPath(i)]), ['styles', 'styles.xml']]),
      );
      await zip.file('xl/styles.xml', XML_DECLARATION + STYLES);
      await zip.finish();
    },
  };
}
