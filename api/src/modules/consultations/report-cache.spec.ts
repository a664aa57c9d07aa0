import { ReportCache } from './report-cache';

const bytes = (text: string) => Buffer.from(text);

describe('ReportCache', () => {
  it('computes once for planners asking at the same version, then serves the kept report', async () => {
    const cache = new ReportCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return { version: '7', json: bytes('{"v":7}') };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('edition', '7', load)));
    expect(new Set(answers.map(String))).toEqual(new Set(['{"v":7}']));
    expect(await cache.get('edition', '7', load)).toEqual(bytes('{"v":7}'));
    expect(loads).toBe(1);
  });

  it('computes again after a change, and never serves an older version than the one asked for', async () => {
    const cache = new ReportCache();
    await cache.get('edition', '7', async () => ({ version: '7', json: bytes('old') }));
    const fresh = await cache.get('edition', '8', async () => ({ version: '8', json: bytes('new') }));
    expect(String(fresh)).toBe('new');
    // A slower load that saw an older snapshot does not replace the newer kept report.
    await cache.get('edition', '7', async () => ({ version: '7', json: bytes('old') }));
    expect(String(await cache.get('edition', '8', async () => ({ version: '8', json: bytes('again') })))).toBe('new');
    // Versions compare as numbers, not text ("10" is newer than "9").
    await cache.get('edition', '10', async () => ({ version: '10', json: bytes('ten') }));
    expect(String(await cache.get('edition', '9', async () => ({ version: '9', json: bytes('nine') })))).toBe('ten');
  });

  it('keeps editions and languages apart, and a failed computation is not kept', async () => {
    const cache = new ReportCache();
    await expect(cache.get('a:fa', '1', () => Promise.reject(new Error('database gone')))).rejects.toThrow(
      'database gone',
    );
    expect(String(await cache.get('a:fa', '1', async () => ({ version: '1', json: bytes('fa') })))).toBe('fa');
    expect(String(await cache.get('a:en', '1', async () => ({ version: '1', json: bytes('en') })))).toBe('en');
  });
});
