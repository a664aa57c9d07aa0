import { i18next } from '@/app/i18n';
import { SURVEYS_NS, surveysResources } from './surveys-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('the surveys catalog (loaded with its pages)', () => {
  it('has the same keys in Persian, Arabic and English, none empty', () => {
    const fa = leafKeys(surveysResources.fa).sort();
    expect(leafKeys(surveysResources.ar).sort()).toEqual(fa);
    expect(leafKeys(surveysResources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, SURVEYS_NS);
      expect(fa.filter((k) => !t(k).trim())).toEqual([]);
    }
  });

  it('is registered in i18next once its module loads', () => {
    expect(i18next.getFixedT('fa', SURVEYS_NS)('title')).toBe('پرسشنامه');
    expect(i18next.getFixedT('ar', SURVEYS_NS)('title')).toBe('استبيان');
  });
});
