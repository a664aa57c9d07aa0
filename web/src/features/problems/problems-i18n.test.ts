import { i18next } from '@/app/i18n';
import { COMMENTS_NS, commentsResources } from '@/features/comments/comments-i18n';
import { PROBLEMS_NS, problemsResources } from './problems-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

// i18next's plural suffixes: each language has its own set.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (node: unknown) => [...new Set(leafKeys(node).map((k) => k.replace(PLURAL, '')))].sort();

describe.each([
  [PROBLEMS_NS, problemsResources, 'title', 'مسائل شهر'],
  [COMMENTS_NS, commentsResources, 'title', 'دیدگاه‌ها'],
] as const)('the %s catalog (loaded with its pages)', (ns, resources, key, persian) => {
  it('has the same keys in Persian, Arabic and English (plural forms per language), none empty', () => {
    const fa = baseKeys(resources.fa);
    expect(baseKeys(resources.ar)).toEqual(fa);
    expect(baseKeys(resources.en)).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, ns);
      expect(leafKeys(resources[locale]).filter((k) => !t(k).trim())).toEqual([]);
      // Every counted text has each plural form the language uses (Arabic: zero, one, two, few, many, other).
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const keys = leafKeys(resources[locale]);
      const counted = [...new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
      expect(counted.flatMap((base) => categories.filter((c) => !keys.includes(`${base}_${c}`)).map((c) => `${base}_${c}`))).toEqual([]);
    }
  });

  it('is registered in i18next once its module loads', () => {
    expect(i18next.getFixedT('fa', ns)(key)).toBe(persian);
  });
});
