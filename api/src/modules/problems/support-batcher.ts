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
 * Group commit for "me too": while one batch is being written, the supports that arrive wait and
 * go together in the next one. An idle server writes each support at once; a busy one writes
 * many per round trip, which is what lets supports keep up with a rush.
 */
@Injectable()
export class SupportBatcher {
  private waiting: Waiting[] = [];
  private isWriting = false;

  constructor(private readonly repository: ProblemsRepository) {}

  /** The problem's new count when this support was added; null when nothing was inserted. */
  add(organizationId: string, problemId: string, accountId: string): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ organizationId, problemId, accountId, resolve, reject });
      if (!this.isWriting) void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    while (this.waiting.length > 0) {
      this.isWriting = true;
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.write(batch);
      } catch {
        // One bad support must not fail its neighbours: write them one by one.
        for (const w of batch) await this.write([w]).catch((error: unknown) => w.reject(error));
      }
    }
    this.isWriting = false;
  }

  private async write(batch: Waiting[]): Promise<void> {
    const counts = await this.repository.addSupports(batch);
    for (const w of batch) w.resolve(counts.get(`${w.problemId}:${w.accountId}`) ?? null);
  }
}
