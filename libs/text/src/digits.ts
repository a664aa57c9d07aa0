const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** The three interface languages; digits and calendars follow them. */
export type TextLocale = 'fa' | 'ar' | 'en';

/** Converts Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII 0-9, leaving everything else as it is. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[۰-۹٠-٩]/g, (d) => {
    const persian = PERSIAN_DIGITS.indexOf(d);
    return String(persian >= 0 ? persian : ARABIC_INDIC_DIGITS.indexOf(d));
  });
}

/** Converts ASCII and Arabic-Indic digits to Persian digits (۰-۹). */
export function toPersianDigits(input: string): string {
  return toAsciiDigits(input).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);
}

/** Converts ASCII and Persian digits to Arabic-Indic digits (٠-٩). */
export function toArabicIndicDigits(input: string): string {
  return toAsciiDigits(input).replace(/[0-9]/g, (d) => ARABIC_INDIC_DIGITS[Number(d)]);
}

/** Writes every digit in the locale's own digits: Persian for fa, Arabic-Indic for ar, ASCII for en. */
export function localizeDigits(input: string, locale: TextLocale): string {
  switch (locale) {
    case 'fa':
      return toPersianDigits(input);
    case 'ar':
      return toArabicIndicDigits(input);
    case 'en':
      return toAsciiDigits(input);
  }
}
