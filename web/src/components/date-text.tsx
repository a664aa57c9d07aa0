import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import { isLocale } from '@/lib/locale';

export type DateTextProps = {
  value: string | Date;
  style?: 'short' | 'long';
  /** A calendar day (`YYYY-MM-DD`) rather than an instant: shown as that day everywhere. */
  isDay?: boolean;
};

/** A date in the reader's calendar: Solar Hijri with Persian digits in fa. */
export function DateText({ value, style = 'short', isDay = false }: DateTextProps) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return (
    <time dateTime={isDay ? date.toISOString().slice(0, 10) : date.toISOString()}>
      {formatDate(date, locale, style, isDay ? 'UTC' : undefined)}
    </time>
  );
}
