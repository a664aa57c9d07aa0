import ExcelJS from 'exceljs';
import { inlineParams } from './demand-export-sql';
import { countLines, xlsxCopyWriter } from './demand-export-writers';

describe('inlineParams', () => {
  it('writes each parameter as an escaped literal, $10 not read as $1 followed by 0', () => {
    const params: unknown[] = ["it's", 'a\\b', ['x', "y'z"], 3, true, null, 7, 8, 9, 'ten'];
    expect(inlineParams('a = $1 AND b = $2 AND c = ANY($3::text[]) AND d = $4 AND e = $5 AND f = $6 AND g = $10', params)).toBe(
      `a = 'it''s' AND b =  E'a\\\\b' AND c = ANY(ARRAY['x', 'y''z']::text[]) AND d = 3 AND e = true AND f = NULL AND g = 'ten'`,
    );
  });

  it('does not rescan a value it wrote', () => {
    expect(inlineParams('$1 $2', ['$2', 'b'])).toBe(`'$2' 'b'`);
  });
});

describe('xlsxCopyWriter', () => {
  const row = (r: number, v: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${v}</t></is></c></row>\n`;

  it('splits PostgreSQL’s row lines over sheets, whatever the chunk boundaries', async () => {
    const parts: Buffer[] = [];
    const writer = await xlsxCopyWriter({ write: async (b) => void parts.push(b) }, ['n'], 'Demands', true, 2);
    // Row numbers restart on every sheet, as the SQL writes them.
    const text = [row(2, 'a'), row(3, 'b'), row(2, 'c'), row(3, 'd'), row(2, 'e')].join('');
    const bytes = Buffer.from(text, 'utf8');
    // Fed in awkward pieces: mid-line, at line ends.
    await writer.write(bytes.subarray(0, 7));
    await writer.write(bytes.subarray(7, 120));
    await writer.write(bytes.subarray(120, 121));
    await writer.write(bytes.subarray(121));
    await writer.end();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Demands', 'Demands (2)', 'Demands (3)']);
    expect(workbook.worksheets.map((s) => (s.getSheetValues().slice(1) as unknown[][]).map((r) => r[1]))).toEqual([
      ['n', 'a', 'b'],
      ['n', 'c', 'd'],
      ['n', 'e'],
    ]);
    expect(workbook.worksheets[0].views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1 });
  });

  it('counts lines', () => {
    expect(countLines(Buffer.from('a\nb\n\nc'))).toBe(3);
  });
});
