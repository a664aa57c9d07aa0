import { i18next } from '@/app/i18n';
import { MANAGE_NS, manageResources } from './manage-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

describe('the planners’ catalog (loaded with the manage screens)', () => {
  it('has the same keys in Persian, Arabic and English, none empty', () => {
    const fa = leafKeys(manageResources.fa).sort();
    expect(leafKeys(manageResources.ar).sort()).toEqual(fa);
    expect(leafKeys(manageResources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, MANAGE_NS);
      expect(fa.filter((key) => !t(key).trim())).toEqual([]);
    }
  });

  it('is registered in i18next once the module loads', () => {
    expect(i18next.getFixedT('fa', MANAGE_NS)('list.title')).toBe('مدیریت برنامه‌ها');
  });
});
