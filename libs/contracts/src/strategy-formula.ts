// The indicators' formula language: arithmetic over named variables, parsed by a small
// recursive-descent parser and evaluated by walking the tree. Nothing here calls eval or builds a
// Function: a formula is data a planner typed, and it is shown to citizens as the "transparent
// formula" of the indicator, so the grammar stays small enough to read aloud:
//
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/') unary)*
//   unary      := ('+' | '-') unary | primary
//   primary    := number | name | name '(' expression (',' expression)* ')' | '(' expression ')'
//
// × ÷ and the minus sign − are read as * / -, Persian and Arabic-Indic digits as digits and the
// Arabic decimal separator ٫ as a point, because planners copy formulas from Persian documents.
// Functions are whitelisted: min, max, abs, round.

/** What can be wrong with a formula or its evaluation. */
export const FORMULA_ERROR_CODES = [
  'syntax',
  'unknown_variable',
  'unknown_function',
  'wrong_argument_count',
  'division_by_zero',
  'missing_value',
  'not_finite',
  'too_long',
  'too_deep',
] as const;
/** A formula problem. */
export type FormulaErrorCode = (typeof FORMULA_ERROR_CODES)[number];

/** A refused formula: the code, the 0-based character position it points at, and the name involved. */
export class FormulaError extends Error {
  constructor(
    readonly code: FormulaErrorCode,
    readonly position: number,
    readonly variable?: string,
  ) {
    super(`${code} at ${position}${variable ? ` (${variable})` : ''}`);
  }
}

/** A parsed formula. */
export type FormulaNode =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'variable'; name: string; position: number }
  | { kind: 'unary'; operator: '-' | '+'; operand: FormulaNode; position: number }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; lhs: FormulaNode; rhs: FormulaNode; position: number }
  | { kind: 'call'; name: FormulaFunction; args: FormulaNode[]; position: number };

/** The functions a formula may call. */
export const FORMULA_FUNCTIONS = ['min', 'max', 'abs', 'round'] as const;
/** A whitelisted function. */
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** The longest formula accepted, in characters. */
export const FORMULA_MAX_LENGTH = 1000;
const MAX_DEPTH = 64;

/** A variable name: a letter or underscore, then letters, digits or underscores (Persian letters too). */
export const FORMULA_VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

type Token =
  | { type: 'number'; value: number; position: number }
  | { type: 'name'; value: string; position: number }
  | { type: 'op'; value: '+' | '-' | '*' | '/' | '(' | ')' | ','; position: number }
  | { type: 'end'; position: number };

const OPERATORS: Record<string, '+' | '-' | '*' | '/' | '(' | ')' | ','> = {
  '+': '+',
  '-': '-',
  '\u2212': '-', // −
  '*': '*',
  '\u00d7': '*', // ×
  '/': '/',
  '\u00f7': '/', // ÷
  '(': '(',
  ')': ')',
  ',': ',',
  '\u060c': ',', // Arabic comma
};

function digitValue(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x6f0 && code <= 0x6f9) return code - 0x6f0; // Persian
  if (code >= 0x660 && code <= 0x669) return code - 0x660; // Arabic-Indic
  return undefined;
}

const isNameStart = (ch: string) => /[\p{L}_]/u.test(ch);
const isNamePart = (ch: string) => /[\p{L}\p{N}_\u200c]/u.test(ch);

/** Splits a formula into tokens; throws FormulaError('syntax') at the first character it cannot read. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (digitValue(ch) !== undefined || ((ch === '.' || ch === '\u066b') && digitValue(text[i + 1] ?? '') !== undefined)) {
      const start = i;
      let digits = '';
      let seenPoint = false;
      while (i < text.length) {
        const c = text[i];
        const d = digitValue(c);
        if (d !== undefined) digits += String(d);
        else if ((c === '.' || c === '\u066b') && !seenPoint) {
          seenPoint = true;
          digits += '.';
        } else break;
        i++;
      }
      if (i < text.length && isNameStart(text[i])) throw new FormulaError('syntax', i);
      tokens.push({ type: 'number', value: Number(digits.startsWith('.') ? `0${digits}` : digits), position: start });
      continue;
    }
    if (isNameStart(ch)) {
      const start = i;
      while (i < text.length && (isNamePart(text[i]) || digitValue(text[i]) !== undefined)) i++;
      // a name is compared with its digits made ASCII and without ZWNJ, as the declaration is
      tokens.push({ type: 'name', value: normalizeVariableName(text.slice(start, i)), position: start });
      continue;
    }
    const op = OPERATORS[ch];
    if (op) {
      tokens.push({ type: 'op', value: op, position: i });
      i++;
      continue;
    }
    throw new FormulaError('syntax', i);
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

/** A variable name as formulas compare it: Persian/Arabic digits made ASCII, ZWNJ removed. */
export function normalizeVariableName(name: string): string {
  let out = '';
  for (const ch of name) {
    if (ch === '\u200c') continue;
    const d = digitValue(ch);
    out += d === undefined ? ch : String(d);
  }
  return out;
}

/** Parses a formula into its tree; throws FormulaError with the position of the first problem. */
export function parseFormula(text: string): FormulaNode {
  if (text.length > FORMULA_MAX_LENGTH) throw new FormulaError('too_long', FORMULA_MAX_LENGTH);
  const tokens = tokenize(text);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];
  const isOp = (t: Token, value: string) => t.type === 'op' && t.value === value;

  const expression = (): FormulaNode => {
    if (++depth > MAX_DEPTH) throw new FormulaError('too_deep', peek().position);
    let lhs = term();
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const op = next() as Extract<Token, { type: 'op' }>;
      lhs = { kind: 'binary', operator: op.value as '+' | '-', lhs, rhs: term(), position: op.position };
    }
    depth--;
    return lhs;
  };
  const term = (): FormulaNode => {
    let lhs = unary();
    while (isOp(peek(), '*') || isOp(peek(), '/')) {
      const op = next() as Extract<Token, { type: 'op' }>;
      lhs = { kind: 'binary', operator: op.value as '*' | '/', lhs, rhs: unary(), position: op.position };
    }
    return lhs;
  };
  const unary = (): FormulaNode => {
    const t = peek();
    if (isOp(t, '-') || isOp(t, '+')) {
      next();
      if (++depth > MAX_DEPTH) throw new FormulaError('too_deep', t.position);
      const operand = unary();
      depth--;
      return { kind: 'unary', operator: (t as Extract<Token, { type: 'op' }>).value as '-' | '+', operand, position: t.position };
    }
    return primary();
  };
  const primary = (): FormulaNode => {
    const t = next();
    if (t.type === 'number') return { kind: 'number', value: t.value, position: t.position };
    if (t.type === 'name') {
      if (isOp(peek(), '(')) {
        const name = t.value.toLowerCase();
        if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) throw new FormulaError('unknown_function', t.position, t.value);
        next();
        const args = [expression()];
        while (isOp(peek(), ',')) {
          next();
          args.push(expression());
        }
        const close = next();
        if (!isOp(close, ')')) throw new FormulaError('syntax', close.position);
        const fn = name as FormulaFunction;
        const arity = fn === 'min' || fn === 'max' ? args.length >= 1 : args.length === 1;
        if (!arity) throw new FormulaError('wrong_argument_count', t.position, t.value);
        return { kind: 'call', name: fn, args, position: t.position };
      }
      return { kind: 'variable', name: t.value, position: t.position };
    }
    if (isOp(t, '(')) {
      const inner = expression();
      const close = next();
      if (!isOp(close, ')')) throw new FormulaError('syntax', close.position);
      return inner;
    }
    throw new FormulaError('syntax', t.position);
  };

  const tree = expression();
  const rest = peek();
  if (rest.type !== 'end') throw new FormulaError('syntax', rest.position);
  return tree;
}

/** The variable names a formula uses, in order of first use. */
export function formulaVariables(node: FormulaNode): string[] {
  const seen = new Set<string>();
  const walk = (n: FormulaNode): void => {
    if (n.kind === 'variable') seen.add(n.name);
    else if (n.kind === 'unary') walk(n.operand);
    else if (n.kind === 'binary') {
      walk(n.lhs);
      walk(n.rhs);
    } else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(node);
  return [...seen];
}

function evaluateNode(n: FormulaNode, values: (name: string, position: number) => number): number {
  switch (n.kind) {
    case 'number':
      return n.value;
    case 'variable':
      return values(n.name, n.position);
    case 'unary': {
      const v = evaluateNode(n.operand, values);
      return n.operator === '-' ? -v : v;
    }
    case 'binary': {
      const a = evaluateNode(n.lhs, values);
      const b = evaluateNode(n.rhs, values);
      if (n.operator === '+') return a + b;
      if (n.operator === '-') return a - b;
      if (n.operator === '*') return a * b;
      if (b === 0) throw new FormulaError('division_by_zero', n.position);
      return a / b;
    }
    case 'call': {
      const args = n.args.map((a) => evaluateNode(a, values));
      if (n.name === 'min') return Math.min(...args);
      if (n.name === 'max') return Math.max(...args);
      if (n.name === 'abs') return Math.abs(args[0]);
      return Math.round(args[0]);
    }
  }
}

/** A formula's static check: fine with the variables it uses, or the first problem. */
export type FormulaCheck =
  | { ok: true; variables: string[] }
  | { ok: false; code: FormulaErrorCode; position: number; variable?: string };

/**
 * Checks a formula against the variables declared for it: syntax, unknown names, and a division by
 * an expression that is zero whatever the variables are (e.g. `a / 0`, `a / (2 - 2)`).
 */
export function checkFormula(text: string, declared: readonly string[]): FormulaCheck {
  try {
    const tree = parseFormula(text);
    const known = new Set(declared.map(normalizeVariableName));
    const findConstantZeroDivision = (n: FormulaNode): void => {
      if (n.kind === 'binary') {
        findConstantZeroDivision(n.lhs);
        findConstantZeroDivision(n.rhs);
        if (n.operator === '/' && formulaVariables(n.rhs).length === 0 && evaluateNode(n.rhs, () => 0) === 0) {
          throw new FormulaError('division_by_zero', n.position);
        }
      } else if (n.kind === 'unary') findConstantZeroDivision(n.operand);
      else if (n.kind === 'call') n.args.forEach(findConstantZeroDivision);
    };
    const walkNames = (n: FormulaNode): void => {
      if (n.kind === 'variable' && !known.has(n.name)) throw new FormulaError('unknown_variable', n.position, n.name);
      if (n.kind === 'unary') walkNames(n.operand);
      if (n.kind === 'binary') {
        walkNames(n.lhs);
        walkNames(n.rhs);
      }
      if (n.kind === 'call') n.args.forEach(walkNames);
    };
    walkNames(tree);
    findConstantZeroDivision(tree);
    return { ok: true, variables: formulaVariables(tree) };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, code: error.code, position: error.position, variable: error.variable };
    throw error;
  }
}

/**
 * Evaluates a formula (text or parsed tree) with a value for each variable it uses. Throws
 * FormulaError: missing_value for a variable without a value, division_by_zero, not_finite.
 */
export function evaluateFormula(formula: string | FormulaNode, values: Readonly<Record<string, number>>): number {
  const tree = typeof formula === 'string' ? parseFormula(formula) : formula;
  const normalized = new Map<string, number>();
  for (const [k, v] of Object.entries(values)) normalized.set(normalizeVariableName(k), v);
  const result = evaluateNode(tree, (name, position) => {
    const v = normalized.get(name);
    if (v === undefined || v === null || !Number.isFinite(v)) throw new FormulaError('missing_value', position, name);
    return v;
  });
  if (!Number.isFinite(result)) throw new FormulaError('not_finite', 0);
  return result;
}
