import { unstorableFields, unstorablePaths } from './text-hygiene';

describe('unstorablePaths', () => {
  it('finds NUL and lone surrogates at any depth, and reports a bad key at its parent', () => {
    const body = {
      title: { fa: 'ok', en: 'a\u0000b' },
      blocks: [{ text: 'fine 🙂' }, { text: 'x\ud800' }],
      settings: { 'k\udc00': 1 },
      n: 3,
    };
    expect(unstorablePaths(body).sort()).toEqual(['blocks.1.text', 'settings', 'title.en']);
  });

  it('reports a bare string body as _', () => {
    expect(unstorablePaths('\u0000')).toEqual(['_']);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorablePaths(deep)).toHaveLength(1);
  });

  it('finds nothing in clean Persian text with ZWNJ and emoji', () => {
    expect(unstorablePaths({ a: 'می‌خواهم 👨‍👩‍👧', b: ['\n\t'] })).toEqual([]);
  });
});

describe('unstorableFields', () => {
  const request = (url: string, extra: Partial<{ params: unknown; query: unknown; body: unknown }> = {}) => ({
    url,
    params: {},
    query: {},
    body: undefined,
    ...extra,
  });

  it('refuses a query that is not valid percent-encoded UTF-8, naming the parameter', () => {
    expect(unstorableFields(request('/api/x?q=a%ED%A0%80b&ok=1'))).toEqual({ q: 'invalid_characters' });
    expect(unstorableFields(request('/api/x?q=%E0%A4'))).toEqual({ q: 'invalid_characters' });
    expect(unstorableFields(request('/api/x?%ED%A0%80=1'))).toEqual({ _: 'invalid_characters' });
  });

  it('refuses NUL in route parameters and decoded queries', () => {
    expect(unstorableFields(request('/api/orgs/a%00b', { params: { slug: 'a\u0000b' } }))).toEqual({
      slug: 'invalid_characters',
    });
    expect(unstorableFields(request('/api/x?q=%00', { query: { q: '\u0000' } }))).toEqual({ q: 'invalid_characters' });
  });

  it('walks the dictionaries Fastify makes for queries and route parameters (no Object prototype)', () => {
    function Dictionary(this: Record<string, unknown>) {}
    Dictionary.prototype = Object.create(null);
    const query = new (Dictionary as unknown as new () => Record<string, unknown>)();
    query.entityType = 'a\u0000b';
    const params = Object.assign(Object.create(null) as Record<string, unknown>, { slug: 'x\ud800' });
    expect(unstorableFields(request('/api/x', { params, query }))).toEqual({
      slug: 'invalid_characters',
      entityType: 'invalid_characters',
    });
  });

  it('leaves upload bodies (Buffers, streams) alone', () => {
    expect(unstorablePaths(Buffer.from([0, 0xed, 0xa0, 0x80]))).toEqual([]);
  });

  it('lets ordinary requests through, including + and encoded Persian', () => {
    expect(
      unstorableFields(
        request('/api/x?q=%DA%A9%D9%88%DA%86%D9%87+%DB%B1&a=%25ED', { query: { q: 'کوچه ۱', a: '%ED' } }),
      ),
    ).toBeNull();
  });
});
