import type { FieldError, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { FIELD_ERROR_CODES } from '@hamandishi/contracts';
import { isApiError } from './api-client';

type ZodIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

// What a person typed nothing into: an unset select, an empty or blank text, an empty list.
function isEmptyInput(input: unknown): boolean {
  if (input === undefined || input === null) return true;
  if (typeof input === 'string') return input.trim() === '';
  return Array.isArray(input) && input.length === 0;
}

/**
 * The field code of a zod issue for the forms: an empty field is `required` whatever the rule it
 * broke (a minimum length, a UUID format, an enum), so a blank title does not read "too short" and
 * an unset theme does not read "invalid value". Codes the schemas set themselves win over this.
 */
export function fieldCodeOfIssue(issue: ZodIssue): string | undefined {
  const emptiable = ['invalid_type', 'too_small', 'invalid_format', 'invalid_value', 'invalid_union'];
  if (emptiable.includes(issue.code ?? '') && isEmptyInput(issue.input)) return 'required';
  if (issue.code === 'too_small') return issue.origin === 'string' ? 'too_short' : 'too_small';
  if (issue.code === 'too_big') return issue.origin === 'string' ? 'too_long' : 'too_big';
  if (issue.code === 'invalid_format') return 'invalid_format';
  if (issue.code === 'invalid_value') return 'invalid_value';
  return undefined;
}

// Every form resolves the shared schemas through this zod instance: its messages become field codes.
z.config({ customError: fieldCodeOfIssue });

const fieldCodes = new Set<string>([...FIELD_ERROR_CODES, 'consent_required']);

// zod issue codes that have a more specific field code for the text inputs of our forms.
const ISSUE_TO_FIELD: Record<string, string> = {
  too_small: 'too_short',
  too_big: 'too_long',
  invalid_string: 'invalid_format',
  custom: 'invalid',
};

/**
 * The `errors:field.<code>` key of a form error. The shared schemas put the code in the message
 * (`invalid_format`); otherwise the zod issue code is used.
 */
export function fieldErrorKey(error: Pick<FieldError, 'message' | 'type'> | undefined): string | undefined {
  if (!error) return undefined;
  if (error.message && fieldCodes.has(error.message)) return `errors:field.${error.message}`;
  const type = typeof error.type === 'string' ? error.type : 'invalid';
  const code = fieldCodes.has(type) ? type : (ISSUE_TO_FIELD[type] ?? 'invalid');
  return `errors:field.${code}`;
}

/**
 * Puts the server's per-field codes under the matching inputs. Returns true when at least one
 * field of the form received an error (then the form-level message can stay generic).
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldNames: readonly Path<T>[],
): boolean {
  if (!isApiError(error)) return false;
  let applied = false;
  for (const [path, code] of Object.entries(error.fields)) {
    if ((fieldNames as readonly string[]).includes(path)) {
      setError(path as Path<T>, { type: 'server', message: code });
      applied = true;
    }
  }
  return applied;
}

/** The error code to show for any thrown value. */
export function errorCodeOf(error: unknown): string {
  if (isApiError(error)) return error.code;
  return 'generic';
}

type Translate = (key: string | string[], options?: Record<string, unknown>) => string;

/**
 * The translated message of a form field's error. `fieldKey` (e.g. `identity:fields.mobile`)
 * may hold a friendlier text for that field under `errors.<code>`.
 */
export function fieldErrorMessage(
  t: Translate,
  error: Pick<FieldError, 'message' | 'type'> | undefined,
  fieldKey?: string,
): string | undefined {
  const key = fieldErrorKey(error);
  if (!key) return undefined;
  const code = key.slice('errors:field.'.length);
  return fieldKey ? t([`${fieldKey}.errors.${code}`, key]) : t(key);
}
