import { i18next } from '@/app/i18n';
import { COMMENTS_NS, commentsResources } from '@/features/comments/comments-i18n';
import { PROBLEMS_NS, problemsResources } from './problems-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

describe.each([
  [PROBLEMS_NS, problemsResources, 'title', 'مسائل شهر'],
  [COMMENTS_NS, commentsResources, 'title', 'دیدگاه‌ها'],
] as const)('the %s catalog (loaded with its pages)', (ns, resources, key, persian) => {
  it('has the same keys in Persian, Arabic and English, none empty', () => {
    const fa = leafKeys(resources.fa).sort();
    expect(leafKeys(resources.ar).sort()).toEqual(fa);
    expect(leafKeys(resources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, ns);
      expect(fa.filter((k) => !t(k).trim())).toEqual([]);
    }
  });

  it('is registered in i18next once its module loads', () => {
    expect(i18next.getFixedT('fa', ns)(key)).toBe(persian);
  });
});
