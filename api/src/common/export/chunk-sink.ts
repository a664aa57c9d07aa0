/**
 * Gathers a file's bytes and stores them a chunk at a time through `append(seq, bytes)`, with at
 * most one chunk in flight while the next is produced (back-pressure). Shared by the survey and
 * demand exports, whose files live in the database as numbered chunks.
 */
export class ChunkSink {
  private parts: Buffer[] = [];
  private size = 0;
  private seq = 0;
  /** Bytes written so far. */
  bytes = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly append: (seq: number, bytes: Buffer) => Promise<void>,
    private readonly chunkBytes: number,
  ) {}

  async write(bytes: Buffer): Promise<void> {
    this.parts.push(bytes);
    this.size += bytes.length;
    this.bytes += bytes.length;
    if (this.size >= this.chunkBytes) await this.send();
  }

  /** Writes what is left and waits until every chunk is stored. */
  async flush(): Promise<void> {
    await this.send();
    await this.pending;
  }

  /** Waits for the chunk in flight, ignoring its failure (after an error, before the attempt ends). */
  async settle(): Promise<void> {
    await this.pending.catch(() => undefined);
  }

  private async send(): Promise<void> {
    if (this.size === 0) return;
    const data = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.pending;
    this.pending = this.append(this.seq++, data);
    // Seen by the next send or flush; marked handled so a failure between them is not "unhandled".
    this.pending.catch(() => undefined);
  }
}
