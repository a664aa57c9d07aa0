import { readZipEntries, readZipEntry } from '../../modules/attachments/zip-entries';
import type { Table } from './tabular';
import { toXlsx } from './xlsx';

function unzip(zip: Buffer): Map<string, string> {
  const entries = readZipEntries(zip);
  if (!entries) throw new Error('not a ZIP archive');
  return new Map(entries.map((entry) => [entry.name, readZipEntry(zip, entry, 1 << 24)?.toString('utf8') ?? '']));
}

const projects: Table = {
  sheetName: 'پروژه‌ها',
  header: ['عنوان', 'بودجه'],
  rows: [
    ['پارک <محله> & "میدان"', 1_250_000],
    ['=HYPERLINK("http://evil")', -3.5],
    ["it's\u0001\uD800 _x0041_", null],
  ],
};

describe('toXlsx', () => {
  it('packs the workbook parts and one worksheet per table', () => {
    const files = unzip(toXlsx([projects, { sheetName: 'Totals', header: ['n'], rows: [[1]] }]));
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="پروژه‌ها" sheetId="1" r:id="rId1"/>');
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Totals" sheetId="2" r:id="rId2"/>');
    expect(files.get('xl/_rels/workbook.xml.rels')).toContain(
      'Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"',
    );
    expect(files.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet2.xml"');
  });

  it('writes escaped, neutralised inline strings and numbers as values', () => {
    const sheet = unzip(toXlsx([projects])).get('xl/worksheets/sheet1.xml');
    expect(sheet).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">پارک &lt;محله&gt; &amp; &quot;میدان&quot;</t></is></c><c r="B2"><v>1250000</v></c>',
    );
    expect(sheet).toContain('<t xml:space="preserve">&apos;=HYPERLINK(&quot;http://evil&quot;)</t>');
    expect(sheet).toContain('<c r="B3"><v>-3.5</v></c>');
    // control character and lone surrogate dropped; a literal _x0041_ kept literal
    expect(sheet).toContain(
      '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">it&apos;s _x005F_x0041_</t></is></c></row>',
    );
  });

  it('styles the header bold and freezes it', () => {
    const files = unzip(toXlsx([projects]));
    expect(files.get('xl/worksheets/sheet1.xml')).toContain(
      '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">عنوان</t></is></c>',
    );
    expect(files.get('xl/worksheets/sheet1.xml')).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    );
    expect(files.get('xl/styles.xml')).toMatch(
      /<fonts count="2">.*<font><b\/>.*<xf [^>]*fontId="1"[^>]*applyFont="1"\/><\/cellXfs>/,
    );
  });

  it('sets a sheet right-to-left only when it holds Arabic-script letters', () => {
    const files = unzip(
      toXlsx([
        projects,
        { sheetName: 'en', header: ['Title'], rows: [['Park'], ['۱۴۰۳']] },
        { sheetName: 'ar', header: ['Title'], rows: [['الحديقة']] },
      ]),
    );
    expect(files.get('xl/worksheets/sheet1.xml')).toContain('<sheetView workbookViewId="0" rightToLeft="1">');
    expect(files.get('xl/worksheets/sheet2.xml')).toContain('<sheetView workbookViewId="0">');
    expect(files.get('xl/worksheets/sheet3.xml')).toContain('rightToLeft="1"');
  });

  it('gives every sheet a valid, unique name', () => {
    const workbook = unzip(
      toXlsx([
        { sheetName: 'Q1/Q2: <plans>', header: [], rows: [] },
        { sheetName: 'q1q2 <PLANS>', header: [], rows: [] },
      ]),
    ).get('xl/workbook.xml');
    expect(workbook).toContain('name="Q1Q2 &lt;plans&gt;"');
    expect(workbook).toContain('name="q1q2 &lt;PLANS&gt; (2)"');
  });

  it('refuses an empty workbook, which Excel cannot open', () => {
    expect(() => toXlsx([])).toThrow(RangeError);
  });
});
