import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fromJalali, isValidJalali, toAsciiDigits, toJalali } from '@hamandishi/text';
import type { Locale } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';

/** What a DateField reports while its parts do not make a real day yet (forms reject it as not a date). */
export const INVALID_DATE = 'invalid-date';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

type Calendar = 'jalali' | 'gregory';
type Parts = { day: string; month: string; year: string };

// Persian and Arabic readers in an Iranian city count days in the Solar Hijri calendar; the
// browser's own date picker is Gregorian (mm/dd/yyyy) whatever the page's language.
function calendarOf(locale: Locale): Calendar {
  return locale === 'en' ? 'gregory' : 'jalali';
}

/** Whether a string is an ISO calendar day `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
}

function partsOf(value: string, calendar: Calendar, locale: Locale): Parts {
  if (!isIsoDate(value)) return { day: '', month: '', year: '' };
  const date = new Date(`${value}T00:00:00Z`);
  const { year, month, day } =
    calendar === 'jalali'
      ? toJalali(date)
      : { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  return { day: formatNumber(day, locale), month: String(month), year: formatNumber(year, locale) };
}

// Typed digits may be Persian, Arabic-Indic or ASCII; anything else makes the part unreadable.
function readNumber(text: string): number | null {
  const ascii = toAsciiDigits(text).trim();
  return /^\d+$/.test(ascii) ? Number(ascii) : null;
}

/** The ISO day the parts name, '' when all are empty, INVALID_DATE when they name no real day. */
export function dateFromParts(parts: Parts, calendar: Calendar): string {
  if (parts.day.trim() === '' && parts.month === '' && parts.year.trim() === '') return '';
  const day = readNumber(parts.day);
  const month = readNumber(parts.month);
  const year = readNumber(parts.year);
  // A year is complete at four digits: "140" on the way to "1405" is not the year 140.
  if (day === null || month === null || year === null || toAsciiDigits(parts.year).trim().length !== 4)
    return INVALID_DATE;
  if (calendar === 'jalali') {
    return isValidJalali(year, month, day) ? fromJalali(year, month, day).toISOString().slice(0, 10) : INVALID_DATE;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return INVALID_DATE;
  return date.toISOString().slice(0, 10);
}

const gregorianMonthNames = new Map<string, string[]>();
function gregorianMonths(locale: Locale): string[] {
  let names = gregorianMonthNames.get(locale);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { month: 'long', calendar: 'gregory', timeZone: 'UTC' });
    names = MONTHS.map((month) => format.format(new Date(Date.UTC(2024, month - 1, 15))));
    gregorianMonthNames.set(locale, names);
  }
  return names;
}

export type DateFieldProps = {
  label: ReactNode;
  /** An ISO day `YYYY-MM-DD`, '' for none, or INVALID_DATE while the parts make no real day. */
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  hint?: ReactNode;
};

/**
 * One way to enter a day everywhere: day, month (by name) and year, in the Solar Hijri calendar
 * in Persian and Arabic and the Gregorian one in English. Any digits are accepted.
 */
export function DateField({ label, value, onChange, error, hint }: DateFieldProps) {
  const { t } = useTranslation('common');
  const locale = useLocale();
  const calendar = calendarOf(locale);
  const id = useId();
  const emitted = useRef(value);
  const shownLocale = useRef(locale);
  const [parts, setParts] = useState<Parts>(() => partsOf(value, calendar, locale));

  // A reset from outside, or a change of language (and so of calendar), rewrites the parts;
  // the user's own typing does not, so a half-typed year is not lost.
  useEffect(() => {
    if (value !== emitted.current || locale !== shownLocale.current) {
      emitted.current = value;
      shownLocale.current = locale;
      if (value !== INVALID_DATE) setParts(partsOf(value, calendar, locale));
    }
  }, [value, locale, calendar]);

  const update = (patch: Partial<Parts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    const day = dateFromParts(next, calendar);
    if (day !== emitted.current) {
      emitted.current = day;
      onChange(day);
    }
  };

  const monthNames =
    calendar === 'jalali' ? MONTHS.map((month) => t(`dateField.jalaliMonths.m${month}`)) : gregorianMonths(locale);
  // A form passes its own error; used alone (e.g. a filter), the field says so itself.
  const shownError =
    error ?? (value === INVALID_DATE && parts.year.trim().length >= 4 ? t('dateField.invalid') : undefined);
  const hintId = `${id}-hint`;
  const errorId = shownError ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  const placeholder = (n: number) => formatNumber(n, locale);
  const example = calendar === 'jalali' ? { day: 15, year: 1405 } : { day: 15, year: 2026 };

  return (
    <fieldset className="field date-field" aria-describedby={describedBy}>
      <legend className="field__label">{label}</legend>
      <div className="date-field__parts">
        <DatePartInput
          id={`${id}-day`}
          part="day"
          label={t('dateField.day')}
          maxLength={2}
          placeholder={placeholder(example.day)}
          value={parts.day}
          isInvalid={Boolean(shownError)}
          onChange={(day) => update({ day })}
        />
        <div className="date-field__part date-field__part--month">
          <label className="date-field__label" htmlFor={`${id}-month`}>
            {t('dateField.month')}
          </label>
          <select
            id={`${id}-month`}
            className="field__input"
            value={parts.month}
            aria-invalid={shownError ? true : undefined}
            onChange={(event) => update({ month: event.target.value })}
          >
            <option value="">{t('dateField.noMonth')}</option>
            {monthNames.map((name, index) => (
              <option key={name} value={String(index + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <DatePartInput
          id={`${id}-year`}
          part="year"
          label={t('dateField.year')}
          maxLength={4}
          placeholder={placeholder(example.year)}
          value={parts.year}
          isInvalid={Boolean(shownError)}
          onChange={(year) => update({ year })}
        />
      </div>
      <p id={hintId} className="field__hint">
        {hint ?? t(calendar === 'jalali' ? 'dateField.hintJalali' : 'dateField.hintGregorian')}
      </p>
      {shownError && (
        <p id={errorId} className="field__error">
          {shownError}
        </p>
      )}
    </fieldset>
  );
}

type DatePartInputProps = {
  id: string;
  part: 'day' | 'year';
  label: string;
  maxLength: number;
  placeholder: string;
  value: string;
  isInvalid: boolean;
  onChange: (value: string) => void;
};

/** The day or the year of a date field: a short numeric box with its own label. */
function DatePartInput({ id, part, label, maxLength, placeholder, value, isInvalid, onChange }: DatePartInputProps) {
  return (
    <div className={`date-field__part date-field__part--${part}`}>
      <label className="date-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={maxLength}
        placeholder={placeholder}
        value={value}
        aria-invalid={isInvalid ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
