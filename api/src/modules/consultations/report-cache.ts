import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

/**
 * Consultation reports kept serialised (UTF-8 bytes) per process, each with the change version it was computed
 * at (ConsultationsRepository.changeVersion). A reader whose version matches gets the kept answer;
 * otherwise one load per key runs and every planner asking meanwhile shares it. So a report is
 * computed once per change and process, however many planners read it, and is never stale: the
 * version is read from the database on every request, which also covers other processes' writes.
 */
@Injectable()
export class ReportCache {
  private static readonly MAX = 64;
  private readonly kept = new LRUCache<string, { version: string; json: Buffer }>({ max: ReportCache.MAX });
  private readonly loading = new Map<string, Promise<{ version: string; json: Buffer }>>();

  /**
   * The report at `version` or newer. `load` computes it and tells which version it saw (it reads
   * its own, in the snapshot of its queries, which may be newer than the one asked for).
   */
  async get(key: string, version: string, load: () => Promise<{ version: string; json: Buffer }>): Promise<Buffer> {
    const kept = this.kept.get(key);
    if (kept && BigInt(kept.version) >= BigInt(version)) return kept.json;
    const pendingKey = `${key}@${version}`;
    let pending = this.loading.get(pendingKey);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(pendingKey));
      this.loading.set(pendingKey, pending);
    }
    const loaded = await pending;
    const current = this.kept.get(key);
    if (!current || BigInt(current.version) < BigInt(loaded.version)) this.kept.set(key, loaded);
    return loaded.json;
  }
}
