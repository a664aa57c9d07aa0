import { deflateRawSync } from 'node:zlib';

/** One file to put in a ZIP archive. */
export type ZipFile = { name: string; data: Buffer };

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const VERSION = 20; // 2.0: deflate, no ZIP64
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
// A fixed timestamp (1980-01-01 00:00, the earliest DOS date) keeps the output reproducible.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const MAX_32 = 0xffffffff;

const CRC_TABLE = buildCrcTable();

/** The CRC-32 (IEEE 802.3, as ZIP uses it) of the bytes. */
export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A ZIP archive of the files, each deflated unless that would make it larger. Writes the classic
 * (non-ZIP64) format, so it throws a RangeError beyond 65,535 files or 4 GiB.
 */
export function writeZip(files: ZipFile[]): Buffer {
  if (files.length > 0xffff) throw new RangeError('too many files for a ZIP without ZIP64');
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const deflated = deflateRawSync(file.data);
    const isDeflated = deflated.length < file.data.length;
    const body = isDeflated ? deflated : file.data;
    const fields = {
      method: isDeflated ? DEFLATED : STORED,
      crc: crc32(file.data),
      compressedSize: body.length,
      size: file.data.length,
    };
    if (file.data.length > MAX_32 || offset > MAX_32) throw new RangeError('ZIP too large without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    writeCommonFields(local, 4, fields, name.length);
    parts.push(local, name, body);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    entry.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, spec 2.0
    writeCommonFields(entry, 6, fields, name.length);
    // comment length, disk number, internal and external attributes stay zero
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);

    offset += local.length + name.length + body.length;
  }

  const directory = Buffer.concat(central);
  if (offset > MAX_32) throw new RangeError('ZIP too large without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

type EntryFields = { method: number; crc: number; compressedSize: number; size: number };

// The run of fields the local header and the central directory entry share, from "version needed"
// to "extra field length".
function writeCommonFields(buffer: Buffer, at: number, fields: EntryFields, nameLength: number): void {
  buffer.writeUInt16LE(VERSION, at);
  buffer.writeUInt16LE(UTF8_NAMES, at + 2);
  buffer.writeUInt16LE(fields.method, at + 4);
  buffer.writeUInt16LE(DOS_TIME, at + 6);
  buffer.writeUInt16LE(DOS_DATE, at + 8);
  buffer.writeUInt32LE(fields.crc, at + 10);
  buffer.writeUInt32LE(fields.compressedSize, at + 14);
  buffer.writeUInt32LE(fields.size, at + 18);
  buffer.writeUInt16LE(nameLength, at + 22);
  buffer.writeUInt16LE(0, at + 24);
}

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
