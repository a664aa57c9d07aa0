import { i18next } from '@/app/i18n';
import { SURVEYS_NS, surveysResources } from './surveys-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

// i18next's plural suffixes: each language has its own set.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (node: unknown) => [...new Set(leafKeys(node).map((k) => k.replace(PLURAL, '')))].sort();

describe('the surveys catalog (loaded with the survey pages)', () => {
  it('has the same keys in Persian, Arabic and English (plural forms per language), none empty', () => {
    const fa = baseKeys(surveysResources.fa);
    expect(baseKeys(surveysResources.ar)).toEqual(fa);
    expect(baseKeys(surveysResources.en)).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, SURVEYS_NS);
      expect(leafKeys(surveysResources[locale]).filter((k) => !t(k).trim())).toEqual([]);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const keys = leafKeys(surveysResources[locale]);
      const counted = [...new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
      expect(
        counted.flatMap((base) => categories.filter((c) => !keys.includes(`${base}_${c}`)).map((c) => `${base}_${c}`)),
      ).toEqual([]);
    }
  });

  it('is registered in i18next once its module loads', () => {
    expect(i18next.getFixedT('fa', SURVEYS_NS)('title')).toBe('پرسشنامه');
    expect(i18next.getFixedT('ar', SURVEYS_NS)('title')).toBe('استبيان');
  });
});
