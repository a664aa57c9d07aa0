import { crc32, deflateRawSync } from 'node:zlib';
import { sniffAttachmentType } from './file-type';
import { readZipEntries } from './zip-entries';

function zip(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, n, packed);
    central.push(entry, n);
    offset += 30 + n.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const TYPES = (main: string) => `<Types><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

describe('sniffAttachmentType', () => {
  it('recognises PDF, PNG, JPEG and WEBP by their first bytes', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
  });

  it('refuses what is none of them', () => {
    expect(sniffAttachmentType(Buffer.from('hello'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffAttachmentType(Buffer.alloc(0))).toBeNull();
  });

  it('accepts a ZIP only when it is a plain Word document', () => {
    const docx = zip({ '[Content_Types].xml': TYPES(WORD), 'word/document.xml': '<w:document/>' });
    expect(sniffAttachmentType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffAttachmentType(zip({ '[Content_Types].xml': TYPES(WORD) }))).toBeNull();
    expect(sniffAttachmentType(zip({ '[Content_Types].xml': TYPES('application/vnd.ms-word.document.macroEnabled.main+xml'), 'word/document.xml': '' }))).toBeNull();
    expect(
      sniffAttachmentType(zip({ '[Content_Types].xml': TYPES(WORD), 'word/document.xml': '', 'word/vbaProject.bin': 'x' })),
    ).toBeNull();
    // a truncated archive has no central directory
    expect(sniffAttachmentType(docx.subarray(0, docx.length - 10))).toBeNull();
  });

  it('reads central directory entries and refuses garbage', () => {
    expect(readZipEntries(zip({ 'a.txt': 'a', 'b/c.txt': 'bc' }))?.map((e) => e.name)).toEqual(['a.txt', 'b/c.txt']);
    expect(readZipEntries(Buffer.from('PK\x03\x04 nothing else'))).toBeNull();
  });
});
