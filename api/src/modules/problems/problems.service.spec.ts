import { decodeCursor, encodeCursor, plainText } from './problems.service';

describe('list cursors', () => {
  it('round-trips a newest-first and a most-supported cursor', () => {
    const newest = { k: '2026-11-21 20:31:19.123456+00', id: '6f1c2b0e-3a4d-4c5e-8f60-718293a4b5c6' };
    expect(decodeCursor(encodeCursor(newest))).toEqual(newest);
    const supported = { k: 42, id: newest.id };
    expect(decodeCursor(encodeCursor(supported))).toEqual(supported);
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('refuses a cursor that is not ours', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow();
    const injected = Buffer.from(
      JSON.stringify({ k: "now()'); DROP TABLE problem; --", id: '6f1c2b0e-3a4d-4c5e-8f60-718293a4b5c6' }),
    ).toString('base64url');
    expect(() => decodeCursor(injected)).toThrow();
  });
});

describe('plainText', () => {
  it('normalises Persian letters, drops control characters and keeps markup as literal text', () => {
    expect(plainText('<b>خرابي</b>\u0007 پل\nكهنه', true)).toBe('<b>خرابی</b> پل کهنه');
    expect(plainText('سطر اول\n\nسطر دوم', false)).toBe('سطر اول\n\nسطر دوم');
  });
});
