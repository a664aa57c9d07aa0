import { useId, type ReactNode } from 'react';
import type { FieldError, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { MANAGE_NS } from './manage-i18n';

type ErrorLike = Pick<FieldError, 'message' | 'type'> | undefined;

/** Reads a nested form error by its dotted path. */
export function errorAt(errors: unknown, path: string): ErrorLike {
  const found = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), errors);
  return found && typeof found === 'object' && 'message' in found ? (found as ErrorLike) : undefined;
}

export type LocalizedTextFieldsProps = {
  // Any form: the fields are addressed by `name`, whatever the form's own types are.
  form: UseFormReturn<any, any, any>;
  name: string;
  legend: ReactNode;
  isMultiline?: boolean;
};

/** One text in Persian (required), Arabic and English, as three labelled inputs in a fieldset. */
export function LocalizedTextFields({ form, name, legend, isMultiline = false }: LocalizedTextFieldsProps) {
  const { t } = useTranslation([MANAGE_NS, 'errors']);
  const id = useId();
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {(['fa', 'ar', 'en'] as const).map((lang) => {
        const path = `${name}.${lang}`;
        const error = fieldErrorMessage(t, errorAt(form.formState.errors, path));
        const label = t(`languages.${lang}`);
        if (!isMultiline) {
          return (
            <TextField
              key={lang}
              label={label}
              lang={lang}
              dir={lang === 'en' ? 'ltr' : 'rtl'}
              error={error}
              {...form.register(path)}
            />
          );
        }
        const inputId = `${id}-${lang}`;
        return (
          <div className="field" key={lang}>
            <label className="field__label" htmlFor={inputId}>
              {label}
            </label>
            <textarea
              id={inputId}
              className="field__input field__textarea"
              lang={lang}
              dir={lang === 'en' ? 'ltr' : 'rtl'}
              rows={3}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              {...form.register(path)}
            />
            {error && (
              <p className="field__error" id={`${inputId}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The form-level error of a failed save, translated (`errors:<code>`). */
export function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation(['errors']);
  if (!error) return null;
  return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(error))}</Alert>;
}
