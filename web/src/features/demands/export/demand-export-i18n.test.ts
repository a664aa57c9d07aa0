import { i18next } from '@/app/i18n';
import { DEMAND_EXPORT_NS, demandExportResources } from './demand-export-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('the demands export catalog (loaded with the export screen)', () => {
  it('has the same keys in Persian, Arabic and English, none empty', () => {
    const fa = leafKeys(demandExportResources.fa).sort();
    expect(leafKeys(demandExportResources.ar).sort()).toEqual(fa);
    expect(leafKeys(demandExportResources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, DEMAND_EXPORT_NS);
      expect(fa.filter((key) => !t(key).trim())).toEqual([]);
    }
  });

  it('is registered in i18next once the module loads', () => {
    expect(i18next.getFixedT('fa', DEMAND_EXPORT_NS)('report.heading')).toBe('سند پشتیبان: مطالبات دسته‌بندی‌شده');
  });
});
