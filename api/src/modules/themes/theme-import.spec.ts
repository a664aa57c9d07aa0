import { planImport, type StoredTheme } from './theme-import';

const HEADER = ['slug', 'parent_slug', 'name_fa', 'name_ar', 'name_en', 'colour', 'icon', 'position', 'archived'];

const stored: StoredTheme[] = [
  { id: 'a', parentId: null, slug: 'transport', name: { fa: 'حمل‌ونقل' }, colour: '#607d8b', icon: 'transport', position: 0, archivedAt: null },
  { id: 'b', parentId: 'a', slug: 'bus', name: { fa: 'اتوبوس' }, colour: '#607d8b', icon: 'tag', position: 0, archivedAt: null },
  { id: 'c', parentId: null, slug: 'waste', name: { fa: 'پسماند' }, colour: '#607d8b', icon: 'waste', position: 1, archivedAt: new Date() },
];

describe('planImport', () => {
  it('plans an exported tree as itself', () => {
    const table = [
      HEADER,
      ['transport', '', 'حمل‌ونقل', '', '', '#607d8b', 'transport', '0', 'false'],
      ['bus', 'transport', 'اتوبوس', '', '', '#607d8b', 'tag', '0', 'false'],
      ['waste', '', 'پسماند', '', '', '#607d8b', 'waste', '1', 'true'],
    ];
    const plan = planImport(stored, table, 100);
    expect(plan.problems).toEqual([]);
    expect(plan.themes.map((t) => [t.id, t.parentSlug, t.position, t.isArchived])).toEqual([
      ['a', null, 0, false],
      ['c', null, 1, true],
      ['b', 'transport', 0, false],
    ]);
  });

  it('keeps themes the file does not name, and places new ones by position', () => {
    const plan = planImport(stored, [['slug', 'name_fa', 'position'], ['lighting', 'روشنایی', '0']], 100);
    expect(plan.problems).toEqual([]);
    const top = plan.themes.filter((t) => !t.parentSlug).map((t) => t.slug);
    expect(top).toEqual(['lighting', 'transport', 'waste']);
    expect(plan.themes.find((t) => t.slug === 'waste')?.isArchived).toBe(true);
  });

  it('undoes formula neutralising and reads Persian digits', () => {
    const plan = planImport(stored, [['slug', 'name_fa', 'position'], ['sum', "'=SUM(1)", '۳']], 100);
    expect(plan.themes.find((t) => t.slug === 'sum')?.name.fa).toBe('=SUM(1)');
  });

  it('refuses a parent that would make a third level, from either side', () => {
    const underChild = planImport(stored, [['slug', 'parent_slug', 'name_fa'], ['night', 'bus', 'شب']], 100);
    expect(underChild.problems).toEqual([{ row: 2, column: 'parent_slug', problem: 'third_level' }]);
    const parentDown = planImport(stored, [['slug', 'parent_slug', 'name_fa'], ['transport', 'waste', 'حمل‌ونقل']], 100);
    expect(parentDown.problems).toEqual([{ row: 2, column: 'parent_slug', problem: 'third_level' }]);
    const self = planImport(stored, [['slug', 'parent_slug', 'name_fa'], ['loop', 'loop', 'حلقه']], 100);
    expect(self.problems).toEqual([{ row: 2, column: 'parent_slug', problem: 'cycle' }]);
  });

  it('names missing header columns and too many rows', () => {
    expect(planImport(stored, [['name_fa']], 100).problems).toEqual([{ row: 1, column: 'slug', problem: 'missing_header' }]);
    const big = [['slug', 'name_fa'], ...Array.from({ length: 4 }, (_, i) => [`t${i}`, 'ت'])];
    expect(planImport(stored, big, 3).problems).toEqual([{ row: 5, column: null, problem: 'too_many_rows' }]);
  });
});
