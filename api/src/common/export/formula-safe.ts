// Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"), including the
// full-width forms, which some spreadsheet programs fold into their ASCII twins.
const FORMULA_START = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20';
// Invisible characters a value may open with: whitespace, and also zero-width and bidi marks,
// common in Persian text and easy to use to hide a trigger character from a naive check.
const IGNORABLE = '\\s\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const STARTS_LIKE_FORMULA = new RegExp(`^[${IGNORABLE}]*[${FORMULA_START}]`, 'u');

/**
 * The cell text made safe to open in a spreadsheet: text that would start a formula (`=`, `+`,
 * `-`, `@`, tab, carriage return, or their full-width forms, possibly after leading whitespace) is
 * prefixed with a single quote; anything else is returned unchanged.
 */
export function neutraliseFormula(value: string): string {
  return STARTS_LIKE_FORMULA.test(value) ? `'${value}` : value;
}
