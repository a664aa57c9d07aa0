/// <reference types="jest" />
import { normalizeForSearch, normalizePersian } from './normalize';

const ZWNJ = '\u200c';

describe('normalizePersian', () => {
  it('writes Arabic look-alike letters as Persian ی and ک', () => {
    expect(normalizePersian('كتاب')).toBe('کتاب');
    expect(normalizePersian('علي')).toBe('علی');
    expect(normalizePersian('مصطفى')).toBe('مصطفی');
  });

  it('keeps Arabic letters when asked, for text written in Arabic', () => {
    expect(normalizePersian('في المدينة', { keepArabicLetters: true })).toBe('في المدينة');
  });

  it('leaves teh marbuta alone', () => {
    expect(normalizePersian('دائرةالمعارف')).toBe('دائرةالمعارف');
  });

  it('writes ۀ as ه with hamza above', () => {
    expect(normalizePersian('خانۀ من')).toBe('خانه\u0654 من');
  });

  it('removes tatweel', () => {
    expect(normalizePersian('تهـــران')).toBe('تهران');
  });

  it('keeps a ZWNJ between letters, collapses repeats and strips it at edges and spaces', () => {
    expect(normalizePersian(`می${ZWNJ}خواهم`)).toBe(`می${ZWNJ}خواهم`);
    expect(normalizePersian(`می${ZWNJ}${ZWNJ}${ZWNJ}خواهم`)).toBe(`می${ZWNJ}خواهم`);
    expect(normalizePersian(`${ZWNJ}کتاب${ZWNJ} ${ZWNJ}ها${ZWNJ}`)).toBe('کتاب ها');
    expect(normalizePersian(`کتاب${ZWNJ}، خوب`)).toBe('کتاب، خوب');
  });

  it('removes invisible marks but keeps the joiner inside emoji sequences', () => {
    expect(normalizePersian('\ufeffسلام\u200f\u200e\u00ad دنیا\u200d')).toBe('سلام دنیا');
    expect(normalizePersian('خانواده 👨\u200d👩\u200d👧')).toBe('خانواده 👨\u200d👩\u200d👧');
  });

  it('tidies whitespace but keeps paragraphs', () => {
    expect(normalizePersian('  سلام\u00a0\u00a0 دنیا\t!  ')).toBe('سلام دنیا !');
    expect(normalizePersian('بند اول  \r\n\r\n\r\n\r\n  بند دوم\nخط')).toBe(
      'بند اول\n\nبند دوم\nخط',
    );
  });

  it('returns NFC text', () => {
    const decomposed = 'e\u0301';
    expect(normalizePersian(decomposed)).toBe('\u00e9');
    // آ typed as alef + madda becomes the single letter آ
    expect(normalizePersian('\u0627\u0653ب')).toBe('آب');
  });

  it('rewrites digits only when asked', () => {
    expect(normalizePersian('منطقه ۱۲ و ٣')).toBe('منطقه ۱۲ و ٣');
    expect(normalizePersian('منطقه ۱۲ و ٣', { digits: 'ascii' })).toBe('منطقه 12 و 3');
    expect(normalizePersian('منطقه 12 و ٣', { digits: 'persian' })).toBe('منطقه ۱۲ و ۳');
  });
});

describe('normalizeForSearch', () => {
  it('gives Arabic and Persian spellings the same key', () => {
    expect(normalizeForSearch('كتاب')).toBe(normalizeForSearch('کتاب'));
    expect(normalizeForSearch('ماشين')).toBe('ماشین');
  });

  it('matches words with and without ZWNJ', () => {
    expect(normalizeForSearch(`می${ZWNJ}خواهم`)).toBe(normalizeForSearch('میخواهم'));
    expect(normalizeForSearch(`کتاب${ZWNJ}ها`)).toBe('کتابها');
  });

  it('writes every digit in ASCII', () => {
    expect(normalizeForSearch('منطقه ۱۲ و ٣')).toBe('منطقه 12 و 3');
    expect(normalizeForSearch('۱۲۳')).toBe('123');
  });

  it('removes diacritics and folds hamza and madda forms', () => {
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
    expect(normalizeForSearch('آب')).toBe('اب');
    expect(normalizeForSearch('أحمد إسلام ٱلله')).toBe('احمد اسلام الله');
    expect(normalizeForSearch('مؤسسه')).toBe('موسسه');
    expect(normalizeForSearch('مسئله')).toBe('مسیله');
    expect(normalizeForSearch('مسئله')).toBe(normalizeForSearch('مسيله'));
    expect(normalizeForSearch('خانۀ')).toBe(normalizeForSearch('خانه'));
    expect(normalizeForSearch('مدرسة')).toBe(normalizeForSearch('مدرسه'));
  });

  it('turns punctuation, Persian punctuation included, into single spaces', () => {
    expect(normalizeForSearch('«آسفالت»، خیابان؛ کجاست؟')).toBe('اسفالت خیابان کجاست');
    expect(normalizeForSearch('  پارک...   (سبز)  ')).toBe('پارک سبز');
  });

  it('lower-cases Latin text and drops its accents', () => {
    expect(normalizeForSearch('Smart CITY Café')).toBe('smart city cafe');
  });

  it('keeps numbers whole across thousands and decimal separators', () => {
    expect(normalizeForSearch('۱٬۰۰۰ ریال')).toBe('1000 ریال');
    expect(normalizeForSearch('2,500,000')).toBe('2500000');
    expect(normalizeForSearch('۱٫۵ کیلومتر.')).toBe('1.5 کیلومتر');
  });

  it('matches the same complaint typed two ways', () => {
    const typedOnPhone = `چاله‌هاي   خيابانِ  كارگر!!`;
    const typedOnDesktop = `چاله${ZWNJ}های خیابان کارگر`;
    expect(normalizeForSearch(typedOnPhone)).toBe(normalizeForSearch(typedOnDesktop));
  });
});
