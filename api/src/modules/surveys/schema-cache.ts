/**
 * A small least-recently-used map: the zod schemas built from a survey definition are costly to
 * build (the largest cost of a submit when rebuilt per request) and cheap to keep, so each API
 * process keeps the last few hundred. Keys carry everything the schema depends on (survey id,
 * version, last definition save, box, locale), so a changed definition is a new key and the old
 * entry simply ages out.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value of `key`, built with `build` (and kept) when missing. */
  getOrBuild(key: K, build: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: a Map iterates in insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = build();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }
}
