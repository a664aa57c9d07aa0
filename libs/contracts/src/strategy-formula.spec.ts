import { checkFormula, evaluateFormula, FormulaError, formulaVariables, parseFormula } from './strategy-formula';
import { ZIndicatorInput, ZRials } from './strategy';

const errorOf = (fn: () => unknown): FormulaError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('indicator formulas', () => {
  it('computes with the usual precedence and parentheses', () => {
    expect(evaluateFormula('a + b * 2', { a: 1, b: 3 })).toBe(7);
    expect(evaluateFormula('(a + b) * 2', { a: 1, b: 3 })).toBe(8);
    expect(evaluateFormula('a - b - c', { a: 10, b: 3, c: 2 })).toBe(5);
    expect(evaluateFormula('a / b / 2', { a: 12, b: 3 })).toBe(2);
    expect(evaluateFormula('-a + +b', { a: 2, b: 5 })).toBe(3);
    expect(evaluateFormula('--a', { a: 2 })).toBe(2);
  });

  it('reads the signs and digits planners copy from Persian documents', () => {
    expect(evaluateFormula('green_area × ۱۰۰ ÷ population', { green_area: 30, population: 1000 })).toBe(3);
    expect(evaluateFormula('a − ٢٫٥', { a: 5 })).toBe(2.5);
    expect(evaluateFormula('مساحت_سبز / جمعیت', { 'مساحت_سبز': 50, 'جمعیت': 10 })).toBe(5);
    expect(evaluateFormula('.5 * x', { x: 4 })).toBe(2);
  });

  it('calls only the whitelisted functions', () => {
    expect(evaluateFormula('min(a, b, 3)', { a: 5, b: 4 })).toBe(3);
    expect(evaluateFormula('max(a, b)', { a: 5, b: 4 })).toBe(5);
    expect(evaluateFormula('abs(a - b)', { a: 1, b: 4 })).toBe(3);
    expect(evaluateFormula('round(a / b)', { a: 10, b: 4 })).toBe(3);
    expect(errorOf(() => parseFormula('eval(a)'))).toMatchObject({ code: 'unknown_function', position: 0, variable: 'eval' });
    expect(errorOf(() => parseFormula('abs(a, b)'))).toMatchObject({ code: 'wrong_argument_count' });
    expect(errorOf(() => parseFormula('constructor.constructor("x")()'))).toMatchObject({ code: 'syntax', position: 11 });
  });

  it('points at the character of a syntax error', () => {
    expect(errorOf(() => parseFormula('a + * b'))).toMatchObject({ code: 'syntax', position: 4 });
    expect(errorOf(() => parseFormula('(a + b'))).toMatchObject({ code: 'syntax', position: 6 });
    expect(errorOf(() => parseFormula('a b'))).toMatchObject({ code: 'syntax', position: 2 });
    expect(errorOf(() => parseFormula('a ^ 2'))).toMatchObject({ code: 'syntax', position: 2 });
    expect(errorOf(() => parseFormula(''))).toMatchObject({ code: 'syntax', position: 0 });
    expect(errorOf(() => parseFormula('2a'))).toMatchObject({ code: 'syntax', position: 1 });
    expect(errorOf(() => parseFormula('x'.repeat(1001)))).toMatchObject({ code: 'too_long' });
    expect(errorOf(() => parseFormula('('.repeat(200) + '1' + ')'.repeat(200)))).toMatchObject({ code: 'too_deep' });
    expect(errorOf(() => parseFormula('-'.repeat(200) + '1'))).toMatchObject({ code: 'too_deep' });
  });

  it('lists the variables a formula uses', () => {
    expect(formulaVariables(parseFormula('a * b + a / max(c, 1)'))).toEqual(['a', 'b', 'c']);
  });

  it('checks a formula against its declared variables', () => {
    expect(checkFormula('a / b', ['a', 'b'])).toEqual({ ok: true, variables: ['a', 'b'] });
    expect(checkFormula('a / c', ['a', 'b'])).toEqual({ ok: false, code: 'unknown_variable', position: 4, variable: 'c' });
    expect(checkFormula('a / (2 - 2)', ['a'])).toMatchObject({ ok: false, code: 'division_by_zero', position: 2 });
    expect(checkFormula('a / 0', ['a'])).toMatchObject({ ok: false, code: 'division_by_zero' });
    expect(checkFormula('a +', ['a'])).toMatchObject({ ok: false, code: 'syntax', position: 3 });
  });

  it('refuses a division by zero and a missing value when evaluating', () => {
    expect(errorOf(() => evaluateFormula('a / b', { a: 1, b: 0 }))).toMatchObject({ code: 'division_by_zero', position: 2 });
    expect(errorOf(() => evaluateFormula('a / b', { a: 1 }))).toMatchObject({ code: 'missing_value', variable: 'b' });
    expect(errorOf(() => evaluateFormula('a * b', { a: 1e308, b: 1e308 }))).toMatchObject({ code: 'not_finite' });
  });

  it('never reaches the prototype chain through a variable name', () => {
    expect(errorOf(() => evaluateFormula('constructor + __proto__', {}))).toMatchObject({ code: 'missing_value', variable: 'constructor' });
  });
});

describe('indicator input', () => {
  const base = {
    outputId: '00000000-0000-4000-8000-000000000001',
    code: 'I1',
    title: 'سرانه فضای سبز',
    unit: 'm²',
    direction: 'increase',
    variables: [
      { name: 'green', label: 'مساحت' },
      { name: 'pop', label: 'جمعیت' },
    ],
    targets: [{ year: 1405, value: 10 }],
  } as const;

  it('accepts a formula over its variables', () => {
    expect(ZIndicatorInput.safeParse({ ...base, formula: 'green / pop' }).success).toBe(true);
  });

  it('points at the formula field with the formula problem', () => {
    const result = ZIndicatorInput.safeParse({ ...base, formula: 'green / people' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['formula'], message: 'formula_unknown_variable' })]);
    const zero = ZIndicatorInput.safeParse({ ...base, formula: 'green / 0' });
    expect(zero.error?.issues[0]).toMatchObject({ path: ['formula'], message: 'formula_zero_division' });
  });

  it('refuses a year targeted twice', () => {
    const result = ZIndicatorInput.safeParse({ ...base, formula: 'green', targets: [{ year: 1405, value: 1 }, { year: 1405, value: 2 }] });
    expect(result.error?.issues[0]).toMatchObject({ path: ['targets', 1, 'year'], message: 'duplicate' });
  });
});

describe('rials', () => {
  it('reads integer rials with Persian digits and separators', () => {
    expect(ZRials.parse('۱٬۲۰۰٬۰۰۰')).toBe('1200000');
    expect(ZRials.parse('12,000,000,000,000,000')).toBe('12000000000000000');
    expect(ZRials.parse('0')).toBe('0');
  });

  it('refuses a negative amount with its own code', () => {
    expect(ZRials.safeParse('-5').error?.issues[0].message).toBe('negative_amount');
    expect(ZRials.safeParse('1.5').error?.issues[0].message).toBe('invalid_format');
  });
});
