import { ZCreateProblem } from './problems';

describe('ZCreateProblem', () => {
  it('reports every missing field of an empty report at once, the place included', () => {
    const result = ZCreateProblem.safeParse({ title: '', description: '', capacity: 'ngo' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['description', 'location', 'onBehalfOf', 'themeId', 'title']);
  });
});
