import { useId, type ReactNode } from 'react';
import * as RadixSelect from '@radix-ui/react-select';

export type SelectOption = { value: string; label: string; lang?: string };

export type SelectProps = {
  label: ReactNode;
  value: string | undefined;
  options: readonly SelectOption[];
  onValueChange: (value: string) => void;
  placeholder?: string;
  hint?: ReactNode;
  error?: ReactNode;
  isDisabled?: boolean;
  name?: string;
};

/** A labelled Radix select; the trigger is a real button with the label as its name. */
export function Select({ label, value, options, onValueChange, placeholder, hint, error, isDisabled, name }: SelectProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <span className="field__label" id={labelId}>
        {label}
      </span>
      <RadixSelect.Root value={value} onValueChange={onValueChange} disabled={isDisabled} name={name}>
        <RadixSelect.Trigger
          id={id}
          className="select__trigger"
          aria-labelledby={`${labelId} ${id}`}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
        >
          <RadixSelect.Value placeholder={placeholder} />
          <RadixSelect.Icon aria-hidden="true">▾</RadixSelect.Icon>
        </RadixSelect.Trigger>
        <RadixSelect.Portal>
          <RadixSelect.Content className="select__content" position="popper" sideOffset={4}>
            <RadixSelect.Viewport className="select__viewport">
              {options.map((option) => (
                <RadixSelect.Item key={option.value} value={option.value} className="select__item" lang={option.lang}>
                  <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                </RadixSelect.Item>
              ))}
            </RadixSelect.Viewport>
          </RadixSelect.Content>
        </RadixSelect.Portal>
      </RadixSelect.Root>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
