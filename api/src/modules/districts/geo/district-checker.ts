import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import type { TDistrictImportReport } from '@hamandishi/contracts';
import { DistrictErrors } from '../districts.errors';
import type { DistrictCheckResult, DistrictCheckTask } from './district-check.worker';

// An admin imports a city's districts now and then; one check at a time, two more may wait.
const MAX_THREADS = 1;
const MAX_QUEUE = 2;
/** The whole check, waiting in the queue included; a stuck one is ended, not waited for. */
export const DISTRICT_CHECK_TIMEOUT_MS = 60_000;
// A 10 MiB file parses to a few hundred MB of JS arrays at worst; past this the worker alone is
// ended (ERR_WORKER_OUT_OF_MEMORY), not the process.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/**
 * Checks GeoJSON files and drawn boundaries in a worker thread (piscina, as the .docx import):
 * a large file never blocks the event loop. Every failure becomes a translated 4xx/503 error.
 */
@Injectable()
export class DistrictChecker implements OnModuleDestroy {
  private readonly logger = new Logger('district-checker');
  private inFlight = 0;
  private readonly pool = new Piscina({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    idleTimeout: 30_000,
    resourceLimits: RESOURCE_LIMITS,
  });

  constructor() {
    this.pool.on('error', (error: unknown) => this.logger.error(`district check worker failed: ${String(error)}`));
  }

  /** The report, or a DistrictErrors error when a limit is passed or the worker gave up. */
  async check(task: DistrictCheckTask): Promise<TDistrictImportReport> {
    if (this.inFlight >= MAX_THREADS + MAX_QUEUE) throw DistrictErrors.busy();
    this.inFlight++;
    let result: DistrictCheckResult;
    try {
      result = await this.pool.run(task, { signal: AbortSignal.timeout(DISTRICT_CHECK_TIMEOUT_MS) });
    } catch (error) {
      throw this.failure(error);
    } finally {
      this.inFlight--;
    }
    if (!result.ok) throw result.code === 'too_many_vertices' ? DistrictErrors.tooManyVertices() : DistrictErrors.tooManyFeatures();
    return result.report;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  private failure(error: unknown): Error {
    const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
    if (message === 'Task queue is at limit') return DistrictErrors.busy();
    if (name === 'AbortError' || code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.logger.warn(`district check ended: ${code ?? name}`);
      return DistrictErrors.tooComplex();
    }
    this.logger.error(`district check worker failed: ${message ?? String(error)}`);
    return DistrictErrors.busy();
  }
}

/** The compiled worker next to this file in dist/, or the TypeScript entry when run from sources. */
function workerFile(): string {
  const compiled = join(__dirname, 'district-check.worker.js');
  return __filename.endsWith('.js') && existsSync(compiled) ? compiled : join(__dirname, 'district-check.worker.dev.cjs');
}
