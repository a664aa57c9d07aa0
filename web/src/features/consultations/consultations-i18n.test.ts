import { i18next } from '@/app/i18n';
import { CONSULTATIONS_NS, consultationsResources } from './consultations-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('the consultations catalog (loaded with its pages)', () => {
  it('has the same keys in Persian, Arabic and English, none empty', () => {
    const fa = leafKeys(consultationsResources.fa).sort();
    expect(leafKeys(consultationsResources.ar).sort()).toEqual(fa);
    expect(leafKeys(consultationsResources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, CONSULTATIONS_NS);
      expect(fa.filter((k) => !t(k).trim())).toEqual([]);
    }
  });

  it('is registered in i18next once its module loads', () => {
    expect(i18next.getFixedT('fa', CONSULTATIONS_NS)('title')).toBe('نظرخواهی');
    expect(i18next.getFixedT('ar', CONSULTATIONS_NS)('passage.button')).toBe('علّق على هذا المقطع');
  });
});
