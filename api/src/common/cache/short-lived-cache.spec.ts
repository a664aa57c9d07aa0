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
});
