import { toCsv } from './csv';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and ends every record with CRLF', () => {
    const csv = toCsv({ sheetName: 'x', header: ['عنوان', 'مبلغ'], rows: [['پارک محله', 1200]] });
    expect(csv.subarray(0, 3)).toEqual(BOM);
    expect(csv.subarray(3).toString('utf8')).toBe('عنوان,مبلغ\r\nپارک محله,1200\r\n');
  });

  it('quotes fields with quotes, commas or line breaks and doubles the quotes', () => {
    const csv = toCsv({
      sheetName: 'x',
      header: ['a', 'b', 'c', 'd'],
      rows: [['say "hi"', 'x,y', 'line\nbreak', 'cr\rhere']],
    });
    expect(csv.toString('utf8')).toBe('\uFEFFa,b,c,d\r\n"say ""hi""","x,y","line\nbreak","cr\rhere"\r\n');
  });

  it('neutralises formulas in strings but keeps numbers as numbers', () => {
    const csv = toCsv({ sheetName: 'x', header: ['=h'], rows: [['=1+1'], [-5], ['-5'], ['=A1,"x"']] });
    expect(csv.toString('utf8')).toBe('\uFEFF\'=h\r\n\'=1+1\r\n-5\r\n\'-5\r\n"\'=A1,""x"""\r\n');
  });

  it('writes null and non-finite numbers as empty fields and pads short rows to the header', () => {
    const csv = toCsv({ sheetName: 'x', header: ['a', 'b', 'c'], rows: [[null, Number.NaN], [0]] });
    expect(csv.toString('utf8')).toBe('\uFEFFa,b,c\r\n,,\r\n0,,\r\n');
  });
});
