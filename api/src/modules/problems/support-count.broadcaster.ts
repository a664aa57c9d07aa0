import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { RealtimeService } from '../../realtime/realtime.service';

const FLUSH_MS = 200;

/**
 * Live support counts, coalesced: under a rush of "me too"s a problem's room gets its newest
 * count at most every 200 ms from each process, instead of one message per support.
 */
@Injectable()
export class SupportCountBroadcaster implements OnModuleDestroy {
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly realtime: RealtimeService) {}

  publish(problemId: string, supportCount: number): void {
    this.pending.set(problemId, supportCount);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  // Before the socket adapter's connections close on shutdown.
  onModuleDestroy(): void {
    this.flush();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [problemId, supportCount] of this.pending) {
      this.realtime.toProblem(problemId, 'problem.support_changed', { problemId, supportCount });
    }
    this.pending.clear();
  }
}
