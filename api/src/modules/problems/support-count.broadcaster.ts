import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { RealtimeService } from '../../realtime/realtime.service';
import { ProblemsRepository } from './problems.repository';

const FLUSH_MS = 200;

/**
 * Live support counts, coalesced: under a rush of "me too"s a problem's room gets its newest
 * count at most every 200 ms from each process, instead of one message per support.
 *
 * Batches (several in flight in this process, more in others) commit in any order, so the count a
 * batch returned may already be stale when it arrives here; each flush therefore sends the
 * committed counts, read in one query for all the problems it carries.
 */
@Injectable()
export class SupportCountBroadcaster implements OnModuleDestroy {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly realtime: RealtimeService,
    private readonly repository: ProblemsRepository,
  ) {}

  publish(problemId: string, supportCount: number): void {
    this.pending.set(problemId, supportCount);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  // Before the socket adapter's connections close on shutdown (the database may be going too:
  // the counts in hand are sent as they are).
  onModuleDestroy(): void {
    this.send(this.take());
  }

  private take(): Map<string, number> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const taken = this.pending;
    this.pending = new Map();
    return taken;
  }

  private async flush(): Promise<void> {
    const taken = this.take();
    if (taken.size === 0) return;
    const committed = await this.repository.supportCounts([...taken.keys()]).catch(() => null);
    this.send(committed ? new Map([...taken].map(([id, count]) => [id, committed.get(id) ?? count])) : taken);
  }

  private send(counts: Map<string, number>): void {
    for (const [problemId, supportCount] of counts) {
      this.realtime.toProblem(problemId, 'problem.support_changed', { problemId, supportCount });
    }
  }
}
