// The files of the survey and demand exports: written through one binary COPY per attempt, read
// back chunk by chunk for the download.
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

// PostgreSQL's binary COPY format: a signature, flags and header extension length, then tuples
// (field count, then each field's length and bytes), then -1 as the trailer.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TRAILER = Buffer.from([0xff, 0xff]);
const TUPLE_HEADER_BYTES = 2 + (4 + 16) + (4 + 4) + 4;

/** Where a writer puts its bytes, in order; `write` resolves once the bytes are safe to drop from memory. */
export type ByteSink = { write(bytes: Buffer): Promise<void> };

/** One part of a file: its bytes go to chunks numbered from the part's first number. */
export type ChunkPart = ByteSink & {
  /** Stores what is left of the part as its last chunk. */
  flush(): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
};

/**
 * Stores an export's file as numbered chunks `(export_id, seq, data)` through one
 * `COPY … FROM STDIN (FORMAT binary)` on a connection of its own: the file's bytes go to the socket
 * as they came from PostgreSQL's COPY output, never gathered into a chunk-sized buffer or copied
 * into an INSERT's parameters (node-postgres copies a parameter twice while building the message).
 * Measured with 1,000,000 demands (a 283 MiB CSV): with an INSERT per 512 KiB chunk the API process
 * spent 4.1–4.4 s of CPU on a job whose statement takes 4 s in PostgreSQL, the garbage collector
 * and socket writes foremost; with this COPY, 1.6–3.1 s (docs/benchmarks.md, "Exports and survey
 * submitting on a quiet machine"). The COPY is one transaction: the chunks appear together when
 * `end` succeeds, and `abort` (or an error) leaves none.
 */
export class CopyChunkWriter {
  private failure: unknown = null;
  private readonly parts: ChunkPart[] = [];
  private readonly exportIdBytes: Buffer;

  constructor(
    private readonly copy: Writable,
    exportId: string,
    private readonly chunkBytes: number,
  ) {
    this.exportIdBytes = Buffer.from(exportId.replace(/-/g, ''), 'hex');
    copy.on('error', (error) => (this.failure ??= error));
    copy.write(Buffer.concat([SIGNATURE, Buffer.alloc(8)]));
  }

  /** A part of the file whose chunks are numbered from `firstSeq` on. */
  part(firstSeq: number): ChunkPart {
    let pieces: Buffer[] = [];
    let size = 0;
    let seq = firstSeq;
    let bytes = 0;
    const send = async () => {
      if (size === 0) return;
      // Header and pieces written in one go: tuples of two parts never interleave.
      const header = Buffer.allocUnsafe(TUPLE_HEADER_BYTES);
      header.writeInt16BE(3, 0);
      header.writeInt32BE(16, 2);
      this.exportIdBytes.copy(header, 6);
      header.writeInt32BE(4, 22);
      header.writeInt32BE(seq++, 26);
      header.writeInt32BE(size, 30);
      let hasRoom = this.copy.write(header);
      for (const piece of pieces) hasRoom = this.copy.write(piece);
      pieces = [];
      size = 0;
      if (!hasRoom) await this.drained();
    };
    const part: ChunkPart = {
      write: async (data) => {
        this.check();
        pieces.push(data);
        size += data.length;
        bytes += data.length;
        if (size >= this.chunkBytes) await send();
      },
      flush: send,
      get bytes() {
        return bytes;
      },
    };
    this.parts.push(part);
    return part;
  }

  /** Stores what is left of every part and ends the COPY; resolves once PostgreSQL has stored every chunk. */
  async end(): Promise<void> {
    for (const part of this.parts) await part.flush();
    this.check();
    this.copy.end(TRAILER);
    await finished(this.copy);
  }

  /** Cancels the COPY: nothing of it is stored. */
  async abort(error: unknown): Promise<void> {
    if (this.copy.destroyed) return;
    this.copy.destroy(error instanceof Error ? error : new Error(String(error)));
    await finished(this.copy).catch(() => undefined);
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private async drained(): Promise<void> {
    this.check();
    await once(this.copy, 'drain');
  }
}

/** Export files stored by COPY: the table of an export kind's chunks. */
export type ChunkTable = 'demand_export_chunk' | 'survey_export_chunk';

/**
 * Runs `use` with a writer of the export's chunks on a connection of its own (the primary), then
 * ends the COPY (every chunk stored) or, when `use` fails, cancels it (none stored) and rethrows.
 */
export async function storeChunksByCopy<T>(
  db: DataSource,
  table: ChunkTable,
  exportId: string,
  chunkBytes: number,
  use: (chunks: CopyChunkWriter) => Promise<T>,
): Promise<T> {
  const runner = db.createQueryRunner('master');
  try {
    const client = (await runner.connect()) as { query<S>(stream: S): S };
    const chunks = new CopyChunkWriter(
      client.query(copyFrom(`COPY ${table} (export_id, seq, data) FROM STDIN (FORMAT binary)`)),
      exportId,
      chunkBytes,
    );
    try {
      const result = await use(chunks);
      await chunks.end();
      return result;
    } catch (error) {
      await chunks.abort(error);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * The stored file of an export as a stream of its chunks in the order of their numbers (a file
 * written in parts has gaps between them), or null when nothing is stored (pruned, or lost with
 * the unlogged table in a crash of PostgreSQL).
 */
export async function storedFile(db: DataSource, table: ChunkTable, exportId: string): Promise<Readable | null> {
  const after = async (seq: number): Promise<{ seq: number; data: Buffer } | null> => {
    const [row] = await db.query(`SELECT seq, data FROM ${table} WHERE export_id = $1 AND seq > $2 ORDER BY seq LIMIT 1`, [exportId, seq]);
    return row ?? null;
  };
  const first = await after(-1);
  if (!first) return null;
  async function* chunks() {
    for (let chunk = first; chunk; chunk = await after(chunk.seq)) yield chunk.data;
  }
  return Readable.from(chunks(), { objectMode: false });
}
