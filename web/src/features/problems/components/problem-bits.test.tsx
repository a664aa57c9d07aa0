import { ORG } from '../test-fixtures';
import { themeOptions } from './problem-bits';

describe('themeOptions', () => {
  const archived = { ...ORG.themes[1], id: '07000000-0000-4000-8000-000000000003', slug: 'old-bus', name: { fa: 'اتوبوس قدیم' }, position: 2, isArchived: true };
  const organization = { ...ORG, themes: [...ORG.themes, archived] };

  it('offers archived themes in filters (old items carry them) but not for a new item', () => {
    expect(themeOptions(organization, 'fa').map((o) => o.label)).toEqual(['حمل‌ونقل', 'حمل‌ونقل › پیاده‌رو', 'حمل‌ونقل › اتوبوس قدیم']);
    expect(themeOptions(organization, 'fa', { isForNewItem: true }).map((o) => o.label)).toEqual(['حمل‌ونقل', 'حمل‌ونقل › پیاده‌رو']);
  });
});
