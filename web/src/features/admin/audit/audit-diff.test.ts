import { auditDiff } from './audit-diff';

describe('auditDiff', () => {
  it('lists only the fields an update changed, nested ones by path', () => {
    expect(
      auditDiff(
        { title: { fa: 'پیش از ویرایش', en: 'Plan' }, status: 'drafting', summary: null },
        { title: { fa: 'پس از ویرایش', en: 'Plan' }, status: 'drafting', summary: 'خلاصه' },
      ),
    ).toEqual([
      { path: 'title.fa', before: 'پیش از ویرایش', after: 'پس از ویرایش' },
      { path: 'summary', before: null, after: 'خلاصه' },
    ]);
  });

  it('lists everything set by a creation and everything removed by a deletion', () => {
    expect(auditDiff(null, { status: 'accepted', roles: ['citizen', 'planner'] })).toEqual([
      { path: 'status', before: null, after: 'accepted' },
      { path: 'roles', before: null, after: 'citizen، planner' },
    ]);
    expect(auditDiff({ isOfficial: true }, null)).toEqual([{ path: 'isOfficial', before: 'true', after: null }]);
  });

  it('shows a field that appears only after, and keeps deep or mixed values whole', () => {
    expect(auditDiff({ a: 1 }, { a: 1, b: [{ x: 1 }] })).toEqual([{ path: 'b', before: null, after: '[{"x":1}]' }]);
    expect(auditDiff('x', 'y')).toEqual([{ path: '', before: 'x', after: 'y' }]);
  });
});
