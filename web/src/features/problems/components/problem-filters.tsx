import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROBLEM_CAPACITIES, PROBLEM_STATUSES, type TOrganization, type TProblemFilters } from '@hamandishi/contracts';
import { Button, DateField, INVALID_DATE, Select, TextField } from '@/components';
import { useLocale } from '@/lib/use-locale';
import { PROBLEMS_NS } from '../problems-i18n';
import { districtOptions, themeOptions } from './problem-bits';

const ANY = 'any';

export type ProblemFiltersProps = {
  organization: TOrganization;
  value: TProblemFilters;
  onChange: (value: TProblemFilters) => void;
};

/** Theme, district, status, capacity, dates and text: one set of filters for the map and the list. */
export function ProblemFilters({ organization, value, onChange }: ProblemFiltersProps) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const [q, setQ] = useState(value.q ?? '');
  const any = { value: ANY, label: t('filters.any') };
  const set = (patch: Partial<TProblemFilters>) => onChange({ ...value, ...patch });
  const pick = (v: string) => (v === ANY ? undefined : v);

  const handleSearch = (event: FormEvent) => {
    event.preventDefault();
    set({ q: q.trim() || undefined });
  };

  return (
    <form className="problem-filters" role="search" aria-label={t('filters.title')} onSubmit={handleSearch}>
      <TextField
        label={t('filters.q')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onBlur={() => set({ q: q.trim() || undefined })}
      />
      <Select
        label={t('filters.theme')}
        value={value.themeId ?? ANY}
        options={[any, ...themeOptions(organization, locale)]}
        onValueChange={(v) => set({ themeId: pick(v) })}
      />
      <Select
        label={t('filters.district')}
        value={value.districtId ?? ANY}
        options={[any, ...districtOptions(organization, locale)]}
        onValueChange={(v) => set({ districtId: pick(v) })}
      />
      <Select
        label={t('filters.status')}
        value={value.status ?? ANY}
        options={[any, ...PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
        onValueChange={(v) => set({ status: pick(v) as TProblemFilters['status'] })}
      />
      <Select
        label={t('filters.capacity')}
        value={value.capacity ?? ANY}
        options={[any, ...PROBLEM_CAPACITIES.map((c) => ({ value: c, label: t(`capacities.${c}`) }))]}
        onValueChange={(v) => set({ capacity: pick(v) as TProblemFilters['capacity'] })}
      />
      {/* A half-typed date filters nothing yet; the field itself says when it is not a real day. */}
      <DateField label={t('filters.from')} value={value.from ?? ''} onChange={(day) => day !== INVALID_DATE && set({ from: day || undefined })} />
      <DateField label={t('filters.to')} value={value.to ?? ''} onChange={(day) => day !== INVALID_DATE && set({ to: day || undefined })} />
      <div className="problem-filters__actions">
        <Button type="submit" variant="secondary" size="sm">
          {t('filters.apply')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ('');
            onChange({});
          }}
        >
          {t('filters.clear')}
        </Button>
      </div>
    </form>
  );
}
