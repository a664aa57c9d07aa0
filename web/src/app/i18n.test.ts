import {
  ERROR_CODES,
  FIELD_ERROR_CODES,
  LOCALES as CONTRACT_LOCALES,
  RTL_LOCALES as CONTRACT_RTL,
} from '@hamandishi/contracts';
import { LOCALES, RTL_LOCALES } from '@/lib/locale';
import type { Locale } from '@hamandishi/contracts';
import { i18next, loadCatalog, NAMESPACES, resources, translateErrorCode } from './i18n';

type Catalog = Record<string, unknown>;

function lookup(catalog: Catalog, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalog)[part] : undefined), catalog);
}

/** Every key path that holds a string. */
function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Catalog).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

/** Every catalog of every language, read the way the app reads them (Persian bundled, the rest fetched). */
const catalogs = {} as Record<Locale, Record<(typeof NAMESPACES)[number], Catalog>>;

beforeAll(async () => {
  for (const locale of LOCALES) {
    catalogs[locale] = {} as (typeof catalogs)[Locale];
    for (const ns of NAMESPACES) catalogs[locale][ns] = await loadCatalog(locale, ns);
  }
});

// i18next's plural suffixes: each language has its own set (fa and en two, ar six).
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The keys of a catalog with plural forms folded into one, sorted. */
function baseKeys(catalog: unknown): string[] {
  return [...new Set(leafKeys(catalog).map((key) => key.replace(PLURAL, '')))].sort();
}

describe('translation catalogs', () => {
  it.each(LOCALES)('has a non-empty %s text for every API error code', (locale) => {
    const missing = ERROR_CODES.filter((code) => {
      const text = lookup(catalogs[locale].errors, code);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('has a %s text for every field error code', (locale) => {
    const missing = FIELD_ERROR_CODES.filter(
      (code) => typeof lookup(catalogs[locale].errors, `field.${code}`) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('has the same keys in Persian, Arabic and English for every namespace', () => {
    for (const ns of NAMESPACES) {
      const fa = baseKeys(catalogs.fa[ns]);
      expect(baseKeys(catalogs.ar[ns])).toEqual(fa);
      expect(baseKeys(catalogs.en[ns])).toEqual(fa);
    }
  });

  it.each(LOCALES)('gives every counted %s text each plural form the language has (Arabic has six)', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const ns of NAMESPACES) {
      const keys = leafKeys(catalogs[locale][ns]);
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

describe('loading Arabic and English on demand', () => {
  it('bundles only Persian; the other languages are fetched when chosen', () => {
    expect(Object.keys(resources)).toEqual(['fa']);
  });

  it('fetches English when a visitor switches to it, and flips text and direction together', async () => {
    // A fresh copy of the module, as a first visit finds it (the test setup preloads every language).
    let fresh!: typeof import('./i18n');
    await jest.isolateModulesAsync(async () => {
      fresh = await import('./i18n');
    });
    const instance = fresh.initI18n('fa');
    expect(instance.hasResourceBundle('en', 'common')).toBe(false);

    const switching = fresh.changeLocale('en');
    // Until the catalogs arrive the page stays in Persian, right to left: no half-English screen.
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(instance.language).toBe('fa');

    await switching;
    expect(NAMESPACES.filter((ns) => !instance.hasResourceBundle('en', ns))).toEqual([]);
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');
    expect(instance.t('appName')).toBe(catalogs.en.common.appName);
    expect(instance.t('errors:generic')).toBe(catalogs.en.errors.generic);
    await fresh.changeLocale('fa');
  });
});
