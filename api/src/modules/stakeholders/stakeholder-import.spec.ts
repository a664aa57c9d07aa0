import { planStakeholderImport, type ImportContext } from './stakeholder-import';

const ctx = (over: Partial<ImportContext> = {}): ImportContext => ({
  stored: [{ id: '11111111-1111-4111-8111-111111111111', nameKey: 'سمن سبز', kind: 'ngo', form: 'organization' }],
  themeIdBySlug: new Map([['transport', 't1']]),
  districtIdByNumber: new Map([[1, 'd1']]),
  hasPlan: true,
  ...over,
});

describe('planStakeholderImport', () => {
  it('reads Persian digits, lists and booleans, and keeps an exported (neutralised) name as typed', () => {
    const plan = planStakeholderImport(ctx(), [
      ['name', 'kind', 'themes', 'districts', 'relation', 'influence', 'interest', 'mandatory'],
      ["'=SUM(A1)", 'media', 'transport', '۱', 'relevant', '۳', '٤', 'مکلف'],
    ], 100);
    expect(plan.problems).toEqual([]);
    expect(plan.rows[0]).toMatchObject({ name: '=SUM(A1)', kind: 'media', form: 'organization', themeIds: ['t1'], districtIds: ['d1'], assessment: { relation: 'relevant', influence: 3, interest: 4, isMandatory: true } });
  });

  it('names every problem by row and column and plans nothing when there is one', () => {
    const plan = planStakeholderImport(ctx({ hasPlan: false }), [
      ['id', 'name', 'kind', 'influence'],
      ['', 'سمن سبز', 'ngo', ''],
      ['22222222-2222-4222-8222-222222222222', 'نهاد', 'ngo', ''],
      ['', 'نهاد دیگر', 'ngo', '3'],
      ['', '', 'ngo', ''],
    ], 100);
    expect(plan.rows).toEqual([]);
    expect(plan.problems).toEqual([
      { row: 2, column: 'name', problem: 'duplicate_existing' },
      { row: 3, column: 'id', problem: 'unknown_id' },
      { row: 4, column: 'influence', problem: 'assessment_without_plan' },
      { row: 5, column: 'name', problem: 'missing_name' },
    ]);
  });

  it('updates a stakeholder by id (its own name is no duplicate) and refuses too many rows', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(planStakeholderImport(ctx(), [['id', 'name', 'kind'], [id, 'سمن سبز', 'ngo']], 100).rows).toEqual([
      expect.objectContaining({ id, name: 'سمن سبز', description: undefined, themeIds: null, contact: null }),
    ]);
    const many = [['name', 'kind'], ...Array.from({ length: 4 }, (_, i) => [`نهاد ${i}`, 'ngo'])];
    expect(planStakeholderImport(ctx(), many, 3).problems).toEqual([{ row: 5, column: null, problem: 'too_many_rows' }]);
  });
});
