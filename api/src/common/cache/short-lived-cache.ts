/**
 * A per-process memory of recent answers, each kept `ttlMs`. When it holds `maxEntries` it
 * starts afresh rather than tracking use: entries live a second or a few, so nothing is lost.
 * For answers that are the same for everyone and may be a moment old (map, lists, lookups).
 */
export class ShortLivedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }

  /** Forgets everything (after a change whose effect must show at once in this process). */
  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  /**
   * The kept value, or `load()`'s, kept from now on. Callers asking for the same key while it
   * loads share that one load, so an expired entry under load is computed once, not per request.
   */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then(
      (value) => {
        if (this.loading.get(key) === loaded) {
          this.loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }
}
