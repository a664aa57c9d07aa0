import { ERROR_CODES, FIELD_ERROR_CODES, LOCALES as CONTRACT_LOCALES, RTL_LOCALES as CONTRACT_RTL } from '@hamandishi/contracts';
import { LOCALES, RTL_LOCALES } from '@/lib/locale';
import { i18next, resources, translateErrorCode } from './i18n';

type Catalog = Record<string, unknown>;

function lookup(catalog: Catalog, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalog)[part] : undefined), catalog);
}

/** Every key path that holds a string. */
function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Catalog).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

// i18next's plural suffixes: each language has its own set (fa and en two, ar six).
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The keys of a catalog with plural forms folded into one, sorted. */
function baseKeys(catalog: unknown): string[] {
  return [...new Set(leafKeys(catalog).map((key) => key.replace(PLURAL, '')))].sort();
}

describe('translation catalogs', () => {
  it.each(LOCALES)('has a non-empty %s text for every API error code', (locale) => {
    const missing = ERROR_CODES.filter((code) => {
      const text = lookup(resources[locale].errors, code);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('has a %s text for every field error code', (locale) => {
    const missing = FIELD_ERROR_CODES.filter((code) => typeof lookup(resources[locale].errors, `field.${code}`) !== 'string');
    expect(missing).toEqual([]);
  });

  it('has the same keys in Persian, Arabic and English for every namespace', () => {
    for (const ns of Object.keys(resources.fa) as (keyof typeof resources.fa)[]) {
      const fa = baseKeys(resources.fa[ns]);
      expect(baseKeys(resources.ar[ns])).toEqual(fa);
      expect(baseKeys(resources.en[ns])).toEqual(fa);
    }
  });

  it.each(LOCALES)('gives every counted %s text each plural form the language has (Arabic has six)', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const ns of Object.keys(resources[locale]) as (keyof (typeof resources)[typeof locale])[]) {
      const keys = leafKeys(resources[locale][ns]);
      const counted = new Set(keys.filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
      for (const base of counted) {
        const missing = categories.filter((category) => !keys.includes(`${base}_${category}`));
        expect({ key: `${ns}:${base}`, missing }).toEqual({ key: `${ns}:${base}`, missing: [] });
      }
    }
  });

  it('keeps the web locale lists equal to the shared contracts', () => {
    expect([...LOCALES]).toEqual([...CONTRACT_LOCALES]);
    expect([...RTL_LOCALES]).toEqual([...CONTRACT_RTL]);
  });

  it('translates an error code, and falls back to a generic text for an unknown one', () => {
    const t = i18next.getFixedT('fa');
    expect(translateErrorCode(t, 'identity.code_invalid')).toBe('کد وارد شده درست نیست.');
    expect(translateErrorCode(t, 'nope.never_heard_of_it')).toBe(resources.fa.errors.generic);
  });
});
