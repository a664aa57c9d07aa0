import { i18next } from '@/app/i18n';
import { STAKEHOLDER_IMPORT_PROBLEMS, STAKEHOLDER_KINDS } from '@hamandishi/contracts';
import { STAKEHOLDERS_NS, stakeholdersResources } from './stakeholders-i18n';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

describe('the stakeholders catalog (loaded with the registry screens)', () => {
  it('has the same keys in Persian, Arabic and English, none empty, and names every kind and import problem', () => {
    const fa = leafKeys(stakeholdersResources.fa).sort();
    expect(leafKeys(stakeholdersResources.ar).sort()).toEqual(fa);
    expect(leafKeys(stakeholdersResources.en).sort()).toEqual(fa);
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const t = i18next.getFixedT(locale, STAKEHOLDERS_NS);
      expect(leafKeys(stakeholdersResources[locale]).filter((k) => !t(k).trim())).toEqual([]);
    }
    for (const kind of STAKEHOLDER_KINDS) expect(fa).toContain(`kinds.${kind}`);
    for (const problem of STAKEHOLDER_IMPORT_PROBLEMS) expect(fa).toContain(`import.problems.${problem}`);
  });
});
