import { neutraliseFormula } from './formula-safe';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+989121234567', "'+989121234567"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\tindented', "'\tindented"],
    ['\r=1', "'\r=1"],
    ['  =1+1', "'  =1+1"],
    ['\n@x', "'\n@x"],
    ['\u200F=HYPERLINK("http://x")', '\'\u200F=HYPERLINK("http://x")'],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
  ])('prefixes %j with a quote', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each([
    'بودجهٔ عمرانی ۱۴۰۳',
    'مشارکت\u200Cکنندگان',
    'خطة المدينة - المرحلة الأولى',
    'Budget = 100',
    'a+b',
    'email@example.com',
    '',
    '   ',
    "'=already quoted",
    '42',
  ])('leaves %j unchanged', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });
});
