import { inflateRawSync } from 'node:zlib';

/** One entry of a ZIP archive's central directory. */
export type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;

/**
 * The entries listed in a ZIP's central directory, or null when the bytes are not a well-formed
 * (non-ZIP64, single-disk) archive. Only reads the directory; nothing is decompressed.
 */
export function readZipEntries(zip: Buffer): ZipEntry[] | null {
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd < 0) return null;
  const disk = zip.readUInt16LE(eocd + 4);
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  // ZIP64 markers and multi-disk archives: a word document never needs them.
  if (disk !== 0 || count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return null;
  if (count > MAX_ENTRIES || offset + size > eocd) return null;

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > offset + size) return null;
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at = end;
  }
  return entries;
}

/**
 * The uncompressed bytes of one (stored or deflated) entry, at most `maxBytes` of them (a small
 * archive can inflate to gigabytes); null when the entry cannot be read within that bound.
 */
export function readZipEntry(zip: Buffer, entry: ZipEntry, maxBytes: number): Buffer | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) return null;
  const data = zip.subarray(start, end);
  try {
    if (entry.method === 0) return data.length <= maxBytes ? data : null;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
  return null;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  if (zip.length < EOCD_MIN) return -1;
  const lowest = Math.max(0, zip.length - EOCD_MIN - MAX_COMMENT);
  for (let at = zip.length - EOCD_MIN; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_MIN + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  return -1;
}

/**
 * The entry count a ZIP's end-of-central-directory record declares, or null when there is none;
 * lets a caller tell "too many entries" apart from "not a ZIP".
 */
export function zipEntryCount(zip: Buffer): number | null {
  const eocd = findEndOfCentralDirectory(zip);
  return eocd < 0 ? null : zip.readUInt16LE(eocd + 10);
}
