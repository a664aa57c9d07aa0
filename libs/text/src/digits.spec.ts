/// <reference types="jest" />
import { localizeDigits, toArabicIndicDigits, toAsciiDigits, toPersianDigits } from './digits';

describe('digits', () => {
  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(toAsciiDigits('۱۲۳')).toBe('123');
    expect(toAsciiDigits('٠٩١٢ ۳۴۵ 6789')).toBe('0912 345 6789');
  });

  it('writes Persian digits from ASCII and Arabic-Indic ones', () => {
    expect(toPersianDigits('1403/03/17')).toBe('۱۴۰۳/۰۳/۱۷');
    expect(toPersianDigits('٤٥٦')).toBe('۴۵۶');
  });

  it('writes Arabic-Indic digits from ASCII and Persian ones', () => {
    expect(toArabicIndicDigits('2024 ۴۵۶')).toBe('٢٠٢٤ ٤٥٦');
  });

  it('localises digits per interface language and leaves letters alone', () => {
    expect(localizeDigits('مرحله 3', 'fa')).toBe('مرحله ۳');
    expect(localizeDigits('المرحلة 3', 'ar')).toBe('المرحلة ٣');
    expect(localizeDigits('stage ۳', 'en')).toBe('stage 3');
  });
});
