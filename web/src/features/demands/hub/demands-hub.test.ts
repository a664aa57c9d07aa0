import { demandsResources } from './demands-i18n';
import { filterQuery } from './use-demands';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('demands hub', () => {
  it('has the same keys in Persian, Arabic and English (plural forms aside)', () => {
    const fa = [...new Set(leafKeys(demandsResources.fa))].sort();
    expect([...new Set(leafKeys(demandsResources.ar))].sort()).toEqual(fa);
    expect([...new Set(leafKeys(demandsResources.en))].sort()).toEqual(fa);
  });

  it('sends a filter as the query string the API reads: lists comma-separated, empty fields left out', () => {
    expect(filterQuery({ planId: 'p', themeIds: ['a', 'b'], kinds: [], q: '', untagged: 'true' }, { by: 'capacity', cursor: undefined })).toBe(
      'planId=p&themeIds=a%2Cb&untagged=true&by=capacity',
    );
  });
});
