import { LruCache } from './schema-cache';

describe('LruCache', () => {
  it('builds once per key and keeps the most recently used within its capacity', () => {
    const cache = new LruCache<string, number>(2);
    let builds = 0;
    const get = (k: string) => cache.getOrBuild(k, () => ++builds);
    expect(get('a')).toBe(1);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(2);
    get('a'); // a is now the most recent, b the least
    expect(get('c')).toBe(3);
    expect(cache.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // evicted, rebuilt
  });
});
