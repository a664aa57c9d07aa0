import { excerpt } from './excerpt';

describe('excerpt', () => {
  it('folds whitespace and keeps a short text whole', () => {
    expect(excerpt('  خط   دوم\nمترو  ')).toBe('خط دوم مترو');
  });

  it('cuts a long text to the limit with an ellipsis, never halving an emoji', () => {
    expect(excerpt('الف '.repeat(50), 10)).toBe('الف الف ا…');
    expect(excerpt('abcdefgh😀xyz', 10)).toBe('abcdefgh…');
  });
});
