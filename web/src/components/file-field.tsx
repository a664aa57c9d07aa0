import { forwardRef, useId, useState, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FileFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'children'> & {
  label: ReactNode;
  hint?: ReactNode;
  /** The chosen file's name when the form keeps it (so clearing the form clears it here); else the field remembers. */
  fileName?: string | null;
};

/**
 * A file input whose button and "no file chosen" speak the page's language: the browser's own
 * control says "Choose File" in the browser's language, whatever the page's.
 */
export const FileField = forwardRef<HTMLInputElement, FileFieldProps>(function FileField(
  { label, hint, fileName, onChange, multiple, ...rest },
  ref,
) {
  const { t } = useTranslation('common');
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = fileName !== undefined ? fileName : chosen;

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const names = Array.from(event.target.files ?? []).map((file) => file.name);
    setChosen(names.length ? names.join('، ') : null);
    onChange?.(event);
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="file-field">
        <input
          ref={ref}
          id={id}
          type="file"
          className="file-field__input visually-hidden"
          multiple={multiple}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={handleChange}
          {...rest}
        />
        <label htmlFor={id} className="btn btn--secondary btn--sm file-field__button" aria-hidden="true">
          {t(multiple ? 'fileField.chooseMany' : 'fileField.choose')}
        </label>
        <span className="file-field__name muted" dir="auto" aria-live="polite">
          {shown ?? t('fileField.none')}
        </span>
      </div>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
});
