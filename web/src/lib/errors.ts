import type { FieldError, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { FIELD_ERROR_CODES } from '@hamandishi/contracts';
import { isApiError } from './api-client';

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
