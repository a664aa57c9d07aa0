import { readZipEntries, readZipEntry } from '../../modules/attachments/zip-entries';
import { crc32, writeZip } from './zip-writer';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('writeZip', () => {
  it('writes an archive whose entries read back byte for byte, deflated when that is smaller', () => {
    const big = Buffer.from('تکرار '.repeat(1000), 'utf8');
    const tiny = Buffer.from('a');
    const zip = writeZip([
      { name: 'dir/big.txt', data: big },
      { name: 'tiny.txt', data: tiny },
    ]);
    const entries = readZipEntries(zip);
    expect(entries?.map((entry) => [entry.name, entry.method])).toEqual([
      ['dir/big.txt', 8],
      ['tiny.txt', 0],
    ]);
    expect(readZipEntry(zip, entries![0], 1 << 20)).toEqual(big);
    expect(readZipEntry(zip, entries![1], 1 << 20)).toEqual(tiny);
  });
});
