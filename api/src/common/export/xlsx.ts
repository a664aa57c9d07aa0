import { uniqueSheetNames } from './sheet-names';
import type { Table } from './tabular';
import { worksheetXml } from './worksheet-xml';
import { escapeXml } from './xml-text';
import { writeZip, type ZipFile } from './zip-writer';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

// Style 0 is the default; style 1 (HEADER_STYLE) uses the bold font. Excel requires the two
// built-in fills and one border even when nothing uses them.
/** The workbook's styles.xml: style 1 (HEADER_STYLE) is bold. */
export const STYLES =
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * An Excel workbook (.xlsx) with one sheet per table, in order; sheet names are made valid and
 * unique. Throws a RangeError when there is no table, since a workbook needs at least one sheet.
 */
export function toXlsx(tables: Table[]): Buffer {
  if (tables.length === 0) throw new RangeError('a workbook needs at least one sheet');
  const names = uniqueSheetNames(tables.map((table) => table.sheetName));
  const files: ZipFile[] = [
    xmlFile('[Content_Types].xml', contentTypes(tables.length)),
    xmlFile('_rels/.rels', relationships([['officeDocument', 'xl/workbook.xml']])),
    xmlFile('xl/workbook.xml', workbook(names)),
    xmlFile(
      'xl/_rels/workbook.xml.rels',
      relationships([...tables.map((_, i): [string, string] => ['worksheet', sheetPath(i)]), ['styles', 'styles.xml']]),
    ),
    xmlFile('xl/styles.xml', STYLES),
    ...tables.map((table, i) => ({ name: `xl/${sheetPath(i)}`, data: Buffer.from(worksheetXml(table), 'utf8') })),
  ];
  return writeZip(files);
}

/** The path of the n-th worksheet (0-based) inside `xl/`. */
export function sheetPath(index: number): string {
  return `worksheets/sheet${index + 1}.xml`;
}

function xmlFile(name: string, body: string): ZipFile {
  return { name, data: Buffer.from(XML_DECLARATION + body, 'utf8') };
}

/** [Content_Types].xml of a workbook with `sheetCount` sheets. */
export function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/${sheetPath(i)}" ContentType="${SPREADSHEET_TYPE}.worksheet+xml"/>`,
  );
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEET_TYPE}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEET_TYPE}.styles+xml"/>` +
    sheets.join('') +
    '</Types>'
  );
}

// Relationship ids are rId1, rId2, ... in the order given; the workbook's sheets rely on that.
/** A relationships part. */
export function relationships(targets: [type: string, target: string][]): string {
  const items = targets.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${OFFICE_REL}/${type}" Target="${target}"/>`,
  );
  return `<Relationships xmlns="${RELATIONSHIPS_NS}">${items.join('')}</Relationships>`;
}

/** xl/workbook.xml listing the sheets by name. */
export function workbook(names: string[]): string {
  const sheets = names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  return `<workbook xmlns="${MAIN_NS}" xmlns:r="${OFFICE_REL}"><sheets>${sheets.join('')}</sheets></workbook>`;
}
