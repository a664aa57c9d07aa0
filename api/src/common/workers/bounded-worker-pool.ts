import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Piscina } from 'piscina';

export type BoundedWorkerPoolOptions = {
  /** Names the work in the logs ("docx conversion", "district check"). */
  name: string;
  /** The folder of the worker (`__dirname` of its caller) and its base name without extension. */
  directory: string;
  worker: string;
  /** How many run at once, and how many more may wait; past that, `busy()` at once. */
  maxThreads: number;
  maxQueue: number;
  /** The whole task, waiting in the queue included; a stuck one is ended, not waited for. */
  timeoutMs: number;
  /** Past these the worker alone is ended (ERR_WORKER_OUT_OF_MEMORY), not the process. */
  resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number; stackSizeMb: number };
  /** The translated errors of the module: no room, or a task that ran out of time or memory. */
  busy: () => Error;
  tooComplex: () => Error;
};

/**
 * Heavy work (a .docx conversion, a city's district geometry) in worker threads through piscina, a
 * maintained pool with resource limits, a bounded queue and cancellation, so a large upload never
 * blocks the event loop and a hostile one costs at most one worker. Every failure becomes one of
 * the module's translated errors, never a bare 500.
 */
export class BoundedWorkerPool<TTask, TResult> {
  private readonly logger: Logger;
  private inFlight = 0;
  private readonly pool: Piscina;

  constructor(private readonly options: BoundedWorkerPoolOptions) {
    this.logger = new Logger(options.name);
    const compiled = join(options.directory, `${options.worker}.js`);
    const isCompiled = __filename.endsWith('.js') && existsSync(compiled);
    this.pool = new Piscina({
      filename: isCompiled ? compiled : join(__dirname, 'ts-worker.dev.cjs'),
      workerData: { entry: join(options.directory, `${options.worker}.ts`) },
      minThreads: 0,
      maxThreads: options.maxThreads,
      maxQueue: options.maxQueue,
      // An idle worker (and the memory it held) goes away; the next task starts a new one.
      idleTimeout: 30_000,
      resourceLimits: options.resourceLimits,
    });
    // A worker that dies outside a task (at start-up, say) is reported here; without a listener
    // the pool's 'error' event would end the process.
    this.pool.on('error', (error: unknown) => this.logger.error(`${options.name} worker failed: ${String(error)}`));
  }

  /** The worker's answer, or the module's busy/too-complex error. */
  async run(task: TTask): Promise<TResult> {
    // Counted here rather than left to the pool's queue limit, which also counts a worker still
    // starting as room: the answer must not depend on whether a worker was warm.
    if (this.inFlight >= this.options.maxThreads + this.options.maxQueue) throw this.options.busy();
    this.inFlight++;
    try {
      return (await this.pool.run(task, { signal: AbortSignal.timeout(this.options.timeoutMs) })) as TResult;
    } catch (error) {
      throw this.failure(error);
    } finally {
      this.inFlight--;
    }
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }

  private failure(error: unknown): Error {
    const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
    if (message === 'Task queue is at limit') return this.options.busy();
    if (name === 'AbortError' || code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.logger.warn(`${this.options.name} ended: ${code ?? name}`);
      return this.options.tooComplex();
    }
    // A worker that could not start or died otherwise: the input is not to blame, but the person
    // still gets an answer that says the work failed rather than a bare 500.
    this.logger.error(`${this.options.name} worker failed: ${message ?? String(error)}`);
    return this.options.busy();
  }
}
