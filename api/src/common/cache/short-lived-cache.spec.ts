import { ShortLivedCache } from './short-lived-cache';

describe('ShortLivedCache', () => {
  afterEach(() => jest.useRealTimers());

  it('answers from memory until the entry is older than its time to live', async () => {
    jest.useFakeTimers();
    const cache = new ShortLivedCache<number>(1_000);
    const load = jest.fn().mockResolvedValueOnce(1).mockResolvedValueOnce(2);
    expect(await cache.getOrLoad('a', load)).toBe(1);
    jest.advanceTimersByTime(999);
    expect(await cache.getOrLoad('a', load)).toBe(1);
    jest.advanceTimersByTime(2);
    expect(await cache.getOrLoad('a', load)).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('starts afresh when full instead of growing without bound', () => {
    const cache = new ShortLivedCache<string>(60_000, 2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 'C']);
  });

  it('shares one load among callers that ask while it runs, and forgets on clear', async () => {
    const cache = new ShortLivedCache<number>(60_000);
    let calls = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
    expect(
      await Promise.all([cache.getOrLoad('a', load), cache.getOrLoad('a', load), cache.getOrLoad('a', load)]),
    ).toEqual([1, 1, 1]);
    cache.clear();
    expect(await cache.getOrLoad('a', load)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new ShortLivedCache<number>(60_000);
    await expect(cache.getOrLoad('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('a', async () => 3)).toBe(3);
  });
});
