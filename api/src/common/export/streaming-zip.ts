import { once } from 'node:events';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import type { ByteSink } from './export-chunks';

// ZIP without ZIP64: entries are streamed with a data descriptor (flag bit 3), so their CRC and
// sizes come after the data; an entry or an offset past 4 GiB is refused (writers close a sheet
// well before).
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const VERSION = 20;
const FLAGS = 0x0800 | 0x0008; // UTF-8 names, sizes in a data descriptor
const DEFLATED = 8;
const DOS_DATE = (1 << 5) | 1;
const MAX_32 = 0xffffffff;
/** Bytes waiting for the deflater, and compressed bytes waiting for the sink, before the producer waits. */
const DEFLATE_BUFFER = 1024 * 1024;

type Entry = { name: Buffer; crc: number; compressed: number; size: number; offset: number };
type OpenEntry = { entry: Entry; deflate: DeflateRaw; delivered: Promise<void> };

/**
 * A ZIP archive written entry by entry into a sink, each entry deflated as it streams (the XLSX of the
 * survey and demand exports). Deflating runs on libuv's thread pool while the caller produces the
 * next bytes: `write` waits only when the deflater's input buffer is full (back-pressure), not for
 * each batch to be compressed and stored, so the producer (a COPY from PostgreSQL, or the rows
 * loop) and the compression overlap.
 */
export class StreamingZip {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private current: OpenEntry | null = null;

  constructor(private readonly sink: ByteSink) {}

  async open(name: string): Promise<void> {
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIGNATURE, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(entry.name.length, 26);
    await this.out(Buffer.concat([header, entry.name]));
    // Level 1: faster than the default 6 on worksheet markup (6,400 against 5,100 rows/s in the writer
    // alone on the loaded machine), for a file about 30 % larger.
    const deflate = createDeflateRaw({ level: 1, memLevel: 9 });
    // The compressed bytes go to the sink in order, one write at a time; a failing sink ends the pipeline.
    const delivered = pipeline(
      deflate,
      new Writable({
        highWaterMark: DEFLATE_BUFFER,
        write: (chunk: Buffer, _encoding, done) => {
          entry.compressed += chunk.length;
          this.out(chunk).then(() => done(), done);
        },
      }),
    );
    delivered.catch(() => undefined);
    this.current = { entry, deflate, delivered };
  }

  /** Bytes of the open entry; resolves once the deflater has room for more (not once they are stored). */
  async write(data: Buffer): Promise<void> {
    const c = this.current!;
    c.entry.crc = crc32(data, c.entry.crc);
    c.entry.size += data.length;
    if (c.deflate.destroyed) return c.delivered;
    c.deflate.write(data);
    // Up to DEFLATE_BUFFER waits for the thread pool; past it, the producer waits until it is compressed.
    if (c.deflate.writableLength > DEFLATE_BUFFER) await Promise.race([once(c.deflate, 'drain'), c.delivered]);
  }

  async close(): Promise<void> {
    const c = this.current!;
    c.deflate.end();
    await c.delivered;
    if (c.entry.size > MAX_32 || c.entry.compressed > MAX_32) throw new RangeError('ZIP entry too large without ZIP64');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DESCRIPTOR_SIGNATURE, 0);
    descriptor.writeUInt32LE(c.entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(c.entry.compressed, 8);
    descriptor.writeUInt32LE(c.entry.size, 12);
    await this.out(descriptor);
    this.entries.push(c.entry);
    this.current = null;
  }

  async file(name: string, text: string): Promise<void> {
    await this.open(name);
    await this.write(Buffer.from(text, 'utf8'));
    await this.close();
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      if (e.offset > MAX_32) throw new RangeError('ZIP too large without ZIP64');
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATED, 10);
      header.writeUInt16LE(0, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(e.crc >>> 0, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      header.writeUInt32LE(e.offset, 42);
      await this.out(Buffer.concat([header, e.name]));
    }
    if (this.offset > MAX_32) throw new RangeError('ZIP too large without ZIP64');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD_SIGNATURE, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.out(end);
  }

  private async out(data: Buffer): Promise<void> {
    this.offset += data.length;
    await this.sink.write(data);
  }
}
