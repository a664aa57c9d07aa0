import { fileFromMultipart, parseCsv, restoreNeutralised, sniffThemeFile, themesCsvStream } from './theme-file';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('theme files', () => {
  it('parses RFC 4180 CSV: BOM, quotes, doubled quotes, commas and line breaks inside quotes, CRLF or LF', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line\nbreak"\nlast,', 10)).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
      ['last', ''],
    ]);
  });

  it('streams CSV with one BOM and one header however many chunks, formula-safe', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => [`t${i}`, '', i === 0 ? '=1+1' : 'نام', '', '', '#607d8b', 'tag', i, 'false']);
    const csv = await text(themesCsvStream(rows));
    const lines = csv.split('\r\n');
    expect(csv.startsWith('\uFEFFslug,parent_slug')).toBe(true);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
    expect(lines).toHaveLength(452);
    expect(lines[1]).toBe("t0,,'=1+1,,,#607d8b,tag,0,false");
    expect(lines[450]).toBe('t449,,نام,,,#607d8b,tag,449,false');
  });

  it('tells XLSX (a ZIP) from CSV by the first bytes, and restores neutralised text', () => {
    expect(sniffThemeFile(Buffer.from('PK\u0003\u0004rest'))).toBe('xlsx');
    expect(sniffThemeFile(Buffer.from('slug,name_fa'))).toBe('csv');
    expect(restoreNeutralised("'=HYPERLINK()")).toBe('=HYPERLINK()');
    expect(restoreNeutralised("'\u200F+1")).toBe('\u200F+1');
    expect(restoreNeutralised("'quoted")).toBe("'quoted");
  });

  it('takes the file part of a multipart form, and nothing from a malformed one', () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\nslug,name_fa\r\nx,ایکس\r\n' +
        '--XyZ--\r\n',
    );
    expect(fileFromMultipart(body, 'multipart/form-data; boundary=XyZ')?.toString('utf8')).toBe('slug,name_fa\r\nx,ایکس');
    expect(fileFromMultipart(body, 'multipart/form-data; boundary="XyZ"')?.toString('utf8')).toBe('slug,name_fa\r\nx,ایکس');
    expect(fileFromMultipart(body, 'multipart/form-data')).toBeNull();
    expect(fileFromMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"; filename="t.csv"\r\n\r\nno end'), 'multipart/form-data; boundary=XyZ')).toBeNull();
  });
});
