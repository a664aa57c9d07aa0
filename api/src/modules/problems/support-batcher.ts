import { Injectable } from '@nestjs/common';
import { ProblemsRepository } from './problems.repository';

type Waiting = {
  organizationId: string;
  problemId: string;
  accountId: string;
  resolve: (count: number | null) => void;
  reject: (error: unknown) => void;
};

const MAX_BATCH = 200;
/**
 * Batches written at the same time. One is best now that a batch is a single statement: with 3 in
 * flight the batches were smaller, PostgreSQL spent more CPU per support, and on a CPU-bound
 * machine 2 processes were slower than 1 (docs/benchmarks.md, "Supports path (issue 15)").
 * Raise it only where round-trip latency, not CPU, is the limit (a remote database).
 */
const MAX_IN_FLIGHT = 1;

/**
 * Group commit for "me too": while batches are being written, the supports that arrive wait and
 * go together in the next one. An idle server writes each support at once; a busy one writes
 * many per round trip, which is what lets supports keep up with a rush.
 */
@Injectable()
export class SupportBatcher {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly repository: ProblemsRepository) {}

  /** The problem's new count when this support was added; null when nothing was inserted. */
  add(organizationId: string, problemId: string, accountId: string): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ organizationId, problemId, accountId, resolve, reject });
      this.writeNext();
    });
  }

  private writeNext(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.writeOrSplit(batch).finally(() => {
        this.inFlight--;
        this.writeNext();
      });
    }
  }

  private async writeOrSplit(batch: Waiting[]): Promise<void> {
    try {
      await this.write(batch);
    } catch {
      // One bad support must not fail its neighbours: write them one by one.
      for (const w of batch) await this.write([w]).catch((error: unknown) => w.reject(error));
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    const counts = await this.repository.addSupports(batch);
    for (const w of batch) w.resolve(counts.get(`${w.problemId}:${w.accountId}`) ?? null);
  }
}
