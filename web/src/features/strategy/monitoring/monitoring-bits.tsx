import { useTranslation } from 'react-i18next';
import { toAsciiDigits } from '@hamandishi/text';
import type { TMonitoringStatus } from '@hamandishi/contracts';
import { MONITORING_NS } from './monitoring-i18n';

/** A number typed with Persian, Arabic-Indic or ASCII digits (and ٫ or . as the decimal point, ٬ or , grouping); null when it is not one. */
export function readDecimal(input: string): number | null {
  const text = toAsciiDigits(input.trim()).replace(/[٬,\s]/g, '').replace('٫', '.').replace('−', '-');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A figure's status in words and colour (the words carry it; the colour only repeats it). */
export function StatusBadge({ status }: { status: TMonitoringStatus | null }) {
  const { t } = useTranslation(MONITORING_NS);
  return <span className={`monitoring-status monitoring-status--${status ?? 'none'}`}>{t(`status.${status ?? 'none'}`)}</span>;
}

/** A labelled native select (simple to drive from a keyboard and a screen reader). */
export function NativeSelect({
  label,
  value,
  onChange,
  options,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  name: string;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={`monitoring-${name}`}>
        {label}
      </label>
      <select id={`monitoring-${name}`} name={name} className="field__input" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
