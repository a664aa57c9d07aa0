import { AppError } from '../errors/app-error';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';

describe('keyset cursors', () => {
  const id = '6f1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d01';

  it('carry the timestamp to the microsecond and the id through a round trip', () => {
    expect(decodeKeysetCursor(encodeKeysetCursor('2026-12-02T10:00:00.123456Z', id))).toEqual({
      at: '2026-12-02T10:00:00.123456Z',
      id,
    });
  });

  it.each([
    ['not base64 json', 'abc'],
    ['a bad date', encodeKeysetCursor('yesterday', id)],
    ['a bad id', encodeKeysetCursor('2026-12-02T10:00:00Z', "1' OR 1=1")],
  ])('refuse %s with a 400 on the cursor field', (_, cursor) => {
    expect.assertions(2);
    try {
      decodeKeysetCursor(cursor);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual({ cursor: 'invalid' });
    }
  });
});
