import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error';
import { BoundedWorkerPool } from '../../../common/workers/bounded-worker-pool';
import type { OpinionTask, OpinionTaskResult } from './opinion.worker';

// Computations are debounced per session and take at most seconds: one thread, a few waiting;
// a busy answer makes the job retry later.
const MAX_THREADS = 1;
const MAX_QUEUE = 16;
/** 5,000 × 500 (1M votes) takes a few seconds here; a stuck one is ended. */
const TIMEOUT_MS = 2 * 60_000;
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/** Opinion groups in a worker thread, never on the thread that answers requests and sockets. */
@Injectable()
export class OpinionRunner implements OnModuleDestroy {
  private readonly pool = new BoundedWorkerPool<OpinionTask, OpinionTaskResult>({
    name: 'opinion groups',
    directory: __dirname,
    worker: 'opinion.worker',
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    timeoutMs: TIMEOUT_MS,
    resourceLimits: RESOURCE_LIMITS,
    busy: () => new AppError('opinion.busy', 503, 'Opinion groups are being computed; try again shortly'),
    tooComplex: () => new AppError('opinion.too_large', 413, 'The opinion groups ran out of time or memory'),
  });

  run(task: OpinionTask): Promise<OpinionTaskResult> {
    return this.pool.run(task);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
