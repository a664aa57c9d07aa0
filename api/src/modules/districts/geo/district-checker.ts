import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { TDistrictImportReport } from '@hamandishi/contracts';
import { BoundedWorkerPool } from '../../../common/workers/bounded-worker-pool';
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
 * Checks GeoJSON files and drawn boundaries in a worker thread (as the .docx import does): a large
 * file never blocks the event loop. Every failure becomes a translated 4xx/503 error.
 */
@Injectable()
export class DistrictChecker implements OnModuleDestroy {
  private readonly pool = new BoundedWorkerPool<DistrictCheckTask, DistrictCheckResult>({
    name: 'district check',
    directory: __dirname,
    worker: 'district-check.worker',
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    timeoutMs: DISTRICT_CHECK_TIMEOUT_MS,
    resourceLimits: RESOURCE_LIMITS,
    busy: DistrictErrors.busy,
    tooComplex: DistrictErrors.tooComplex,
  });

  /** The report, or a DistrictErrors error when a limit is passed or the worker gave up. */
  async check(task: DistrictCheckTask): Promise<TDistrictImportReport> {
    const result = await this.pool.run(task);
    if (!result.ok) throw result.code === 'too_many_vertices' ? DistrictErrors.tooManyVertices() : DistrictErrors.tooManyFeatures();
    return result.report;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
