import { contentDisposition, filenameFor, sanitizeFilename } from './filename';

describe('file names', () => {
  it('drops directories, controls and bidi overrides but keeps Persian and ZWNJ', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\a\\گزارش‌نهایی.pdf')).toBe('گزارش‌نهایی.pdf');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(sanitizeFilename('...')).toBe('file');
    expect(sanitizeFilename('  .hidden.pdf')).toBe('hidden.pdf');
  });

  it('keeps the extension when cutting to 200 characters', () => {
    const name = sanitizeFilename(`${'پ'.repeat(250)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('matches the extension with the real type', () => {
    expect(filenameFor('a.PDF', 'application/pdf')).toBe('a.PDF');
    expect(filenameFor('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(filenameFor('photo', 'image/jpeg')).toBe('photo.jpg');
    expect(filenameFor('photo.pdf', 'image/png')).toBeNull();
    expect(filenameFor('report.txt', 'application/pdf')).toBeNull();
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('گزارش.pdf', true)).toBe(
      `inline; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('گزارش.pdf')}`,
    );
    expect(contentDisposition('plan "v2" (final).docx', false)).toBe(
      `attachment; filename="plan _v2_ (final).docx"; filename*=UTF-8''plan%20%22v2%22%20%28final%29.docx`,
    );
  });
});
