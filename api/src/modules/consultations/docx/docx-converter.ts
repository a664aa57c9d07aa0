import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BoundedWorkerPool } from '../../../common/workers/bounded-worker-pool';
import { ConsultationErrors } from '../consultations.errors';
import type { TImportedDocument } from './docx-to-document';
import type { DocxWorkerResult } from './docx.worker';

// Sized for this workload: a planner imports a stage report now and then, each conversion is a
// few seconds of one core at most (the limits in docx-to-document bound it), and the server has
// few cores to share with the requests. One conversion at a time, two more may wait their turn;
// beyond that the planner is told to retry rather than the imports piling up in memory.
const MAX_THREADS = 1;
const MAX_QUEUE = 2;
/** The whole import, waiting in the queue included; a stuck conversion is ended, not waited for. */
export const DOCX_IMPORT_TIMEOUT_MS = 60_000;
// The heap a document within the limits needs is about 10 times its XML (≈150 MB for 12 MiB
// measured); past this the worker alone is ended (ERR_WORKER_OUT_OF_MEMORY), not the process.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/** Converts .docx stage reports in a worker thread; every failure becomes a translated 4xx/503 error. */
@Injectable()
export class DocxConverter implements OnModuleDestroy {
  private readonly logger = new Logger('docx-converter');
  private readonly pool = new BoundedWorkerPool<Buffer, DocxWorkerResult>({
    name: 'docx conversion',
    directory: __dirname,
    worker: 'docx.worker',
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    timeoutMs: DOCX_IMPORT_TIMEOUT_MS,
    resourceLimits: RESOURCE_LIMITS,
    busy: ConsultationErrors.importBusy,
    tooComplex: ConsultationErrors.docxTooComplex,
  });

  /** The document, or a ConsultationErrors error saying why not. */
  async convert(bytes: Buffer): Promise<TImportedDocument> {
    const result = await this.pool.run(bytes);
    if (!result.ok) {
      if (result.code === 'macros') throw ConsultationErrors.docxMacros();
      if (result.code === 'too_large') throw ConsultationErrors.docxTooLarge();
      if (result.code === 'unsafe_xml') throw ConsultationErrors.docxUnsafe();
      this.logger.debug(`docx refused: ${result.detail}`);
      throw ConsultationErrors.docxInvalid();
    }
    // Buffers arrive as plain Uint8Arrays after crossing the thread boundary.
    for (const section of result.document.sections) {
      for (const block of section.blocks) {
        if (block.kind === 'image')
          block.data = Buffer.from(block.data.buffer, block.data.byteOffset, block.data.byteLength);
      }
    }
    return result.document;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
