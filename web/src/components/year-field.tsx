import { useEffect, useRef, useState, type ReactNode } from 'react';
import { toAsciiDigits } from '@hamandishi/text';
import type { Locale } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { TextField } from './text-field';

/** A year typed with any digits as a number; '' as null; anything else as NaN (the schema then says "not a year"). */
export function readYear(text: string): number | null {
  const ascii = toAsciiDigits(text).trim();
  if (ascii === '') return null;
  return /^\d+$/.test(ascii) ? Number(ascii) : Number.NaN;
}

const show = (year: number | null | undefined, locale: Locale) =>
  typeof year === 'number' && Number.isFinite(year) ? formatNumber(year, locale) : '';

export type YearFieldProps = {
  label: ReactNode;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  onBlur?: () => void;
  error?: ReactNode;
  hint?: ReactNode;
  className?: string;
};

/** A (Jalali) year shown in the reader's digits (۱۴۰۵ in Persian) and accepted in any digits. */
export function YearField({ label, value, onChange, onBlur, error, hint, className }: YearFieldProps) {
  const locale = useLocale();
  const emitted = useRef(value);
  const shownLocale = useRef(locale);
  const [text, setText] = useState(() => show(value, locale));

  // A reset from outside or a language switch rewrites the digits; the user's typing does not.
  useEffect(() => {
    if (!Object.is(value, emitted.current) || locale !== shownLocale.current) {
      emitted.current = value;
      shownLocale.current = locale;
      if (!Number.isNaN(value)) setText(show(value, locale));
    }
  }, [value, locale]);

  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      className={className}
      inputMode="numeric"
      isLtr
      maxLength={4}
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        setText(event.target.value);
        const year = readYear(event.target.value);
        emitted.current = year;
        onChange(year);
      }}
    />
  );
}
