import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
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

/**
 * Converts .docx stage reports in a worker thread (piscina: a maintained pool with resource
 * limits, a bounded queue and cancellation), so a large document never blocks the event loop and
 * a hostile one costs at most one worker. Every failure becomes a translated 4xx/503 error.
 */
@Injectable()
export class DocxConverter implements OnModuleDestroy {
  private readonly logger = new Logger('docx-converter');
  private inFlight = 0;
  private readonly pool = new Piscina({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: MAX_THREADS,
    maxQueue: MAX_QUEUE,
    // An idle worker (and the memory it held) goes away; the next import starts a new one.
    idleTimeout: 30_000,
    resourceLimits: RESOURCE_LIMITS,
  });

  constructor() {
    // A worker that dies outside a task (at start-up, say) is reported here; without a listener
    // the pool's 'error' event would end the process.
    this.pool.on('error', (error: unknown) => this.logger.error(`docx worker failed: ${String(error)}`));
  }

  /** The document, or a ConsultationErrors error saying why not. */
  async convert(bytes: Buffer): Promise<TImportedDocument> {
    // Counted here rather than left to the pool's queue limit, which also counts a worker still
    // starting as room: the planner's answer must not depend on whether a worker was warm.
    if (this.inFlight >= MAX_THREADS + MAX_QUEUE) throw ConsultationErrors.importBusy();
    this.inFlight++;
    let result: DocxWorkerResult;
    try {
      result = await this.pool.run(bytes, { signal: AbortSignal.timeout(DOCX_IMPORT_TIMEOUT_MS) });
    } catch (error) {
      throw this.failure(error);
    } finally {
      this.inFlight--;
    }
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

  private failure(error: unknown): Error {
    const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
    if (message === 'Task queue is at limit') return ConsultationErrors.importBusy();
    if (name === 'AbortError' || code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.logger.warn(`docx conversion ended: ${code ?? name}`);
      return ConsultationErrors.docxTooComplex();
    }
    // A worker that could not start or died otherwise: the document is not to blame, but the
    // planner still gets an answer that says the import failed rather than a bare 500.
    this.logger.error(`docx worker failed: ${message ?? String(error)}`);
    return ConsultationErrors.importBusy();
  }
}

/** The compiled worker next to this file in dist/, or the TypeScript entry when run from sources. */
function workerFile(): string {
  const compiled = join(__dirname, 'docx.worker.js');
  return __filename.endsWith('.js') && existsSync(compiled) ? compiled : join(__dirname, 'docx.worker.dev.cjs');
}
