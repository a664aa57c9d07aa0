import { parseImportDate, parseImportRows } from './demand-import';

const refs = {
  themes: [{ id: 't1', name: { fa: 'حمل‌ونقل', en: 'Transport' }, extra: ['transport'] }],
  districts: [{ id: 'd1', name: { fa: 'منطقه ۱' }, extra: ['1'] }],
  meeting: 'جلسه',
};

describe('demand import', () => {
  it('reads Gregorian and Jalali days, in any digits, and refuses impossible ones', () => {
    expect(parseImportDate('2025-09-23')).toBe('2025-09-23');
    expect(parseImportDate('۱۴۰۴/۰۷/۰۱')).toBe('2025-09-23');
    expect(parseImportDate('1404/12/31')).toBeNull();
    expect(parseImportDate('2025-02-30')).toBeNull();
    expect(parseImportDate('دیروز')).toBeNull();
  });

  it('matches themes and districts by slug, number or any name (Arabic letters folded), and reports each bad cell; sanitises the text', () => {
    const parsed = parseImportRows(
      [
        ['Text', 'Themes', 'District', 'Priority'],
        ['پارکینگ نیست', 'حملونقل|TRANSPORT', '١', '۲'],
        ['', 'x', '', ''],
        ['متن\u202Eوارونه', '', 'منطقه 9', '7'],
        ['', '', '', ''],
      ],
      refs,
    );
    expect(parsed.demands[0]).toMatchObject({ text: 'پارکینگ نیست', themeIds: ['t1'], districtId: 'd1', priority: 2, meeting: 'جلسه' });
    expect(parsed.problems).toEqual([
      { row: 3, column: 'text', problem: 'no_text' },
      { row: 3, column: 'themes', problem: 'unknown_theme' },
      { row: 4, column: 'district', problem: 'unknown_district' },
      { row: 4, column: 'priority', problem: 'bad_priority' },
    ]);
    // Bidi controls never reach the database (the manual entry's text rules).
    expect(parsed.demands[2].text).not.toContain('\u202E');
    expect(parsed.rows).toBe(3);
  });

  it('refuses a file without a text column', () => {
    expect(parseImportRows([['متن'], ['x']], refs).problems).toEqual([{ row: 1, column: 'text', problem: 'missing_header' }]);
  });
});
