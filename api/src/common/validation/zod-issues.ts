import { FIELD_ERROR_CODES, type FieldErrorCode } from '@hamandishi/contracts';
import type { z } from 'zod';

// A message that is one of the shared field codes (set by our own schemas) passes through as is.
const FIELD_CODES = new Set<string>(FIELD_ERROR_CODES);

/** Turns zod issues into `{ "path.to.field": fieldCode }` for the error response. */
export function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'unknown_field';
      continue;
    }
    const path = issue.path.join('.') || '_';
    if (fields[path]) continue;
    fields[path] = fieldCode(issue);
  }
  return fields;
}

function fieldCode(issue: z.core.$ZodIssue): FieldErrorCode {
  if (FIELD_CODES.has(issue.message)) return issue.message as FieldErrorCode;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid_value';
    default:
      return 'invalid';
  }
}
