import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BoundedWorkerPool } from '../../../common/workers/bounded-worker-pool';
import { ClassifierErrors } from './classifier.errors';
import type { ClassifierResult, ClassifierTask, PredictInput, Prediction, TrainResult } from './classifier.worker';
import type { Sample } from './classifier-split';

// Trainings are rare (debounced per municipality) and each takes one core for seconds: one at a
// time, a few more may wait; the jobs retry a busy answer later.
const MAX_THREADS = 1;
const MAX_QUEUE = 8;
/** A training of 50,000 demands takes well under a minute here; a stuck one is ended. */
const TIMEOUT_MS = 5 * 60_000;
// The JavaScript side holds the demands' texts; fastText's own memory is the WebAssembly heap.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/** Runs fastText (WebAssembly) in a worker thread, never on the thread that answers requests. */
@Injectable()
export class DemandClassifierRunner implements OnModuleDestroy {
  private readonly pool = new BoundedWorkerPool<ClassifierTask, ClassifierResult>({
    name: 'demands classifier',
    directory: __dirname,
    worker: 'classifier.worker',
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    timeoutMs: TIMEOUT_MS,
    resourceLimits: RESOURCE_LIMITS,
    busy: ClassifierErrors.busy,
    tooComplex: ClassifierErrors.tooLarge,
  });

  /** Trains on the tagged demands (themes as labels) and measures macro-F1 on a held-out split. */
  async train(samples: Sample[], themes: string[]): Promise<TrainResult> {
    return (await this.pool.run({ kind: 'train', samples, themes, predict: [] })) as TrainResult;
  }

  /** Suggested themes for the demands with a stored model (kept loaded in the worker by `modelKey`). */
  async predict(modelKey: string, model: Uint8Array, predict: PredictInput[]): Promise<Prediction[]> {
    const result = await this.pool.run({ kind: 'predict', modelKey, model, predict });
    return result.kind === 'predict' ? result.predictions : [];
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
