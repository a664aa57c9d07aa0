import { neutraliseFormula } from '../../../common/export/formula-safe';
import { safeText } from './survey-export-writers';

describe('safeText (the export writers’ fast path of the formula check)', () => {
  it.each([
    '=SUM(A1)',
    '+98912',
    '-1',
    '@cmd',
    '\t=1',
    ' =1',
    '\u200f=1',
    '\u202b+1',
    '\uff1d1',
    'روشنایی',
    'ي=1',
    'Street',
    '42',
    '۴۲',
    '',
    '\u00a0=1',
  ])('%j is neutralised exactly as neutraliseFormula does', (text) => {
    expect(safeText(text)).toBe(neutraliseFormula(text));
  });
});
