import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextField } from '@/components';
import { THINKTANK_NS } from './thinktank-i18n';
import { usePeople } from './use-thinktank';

export type PersonPickerProps = {
  slug: string;
  label: string;
  value: { id: string; displayName: string } | null;
  onChange: (person: { id: string; displayName: string } | null) => void;
};

/** Finds a member by name, mobile or e-mail and picks one (planners). */
export function PersonPicker({ slug, label, value, onChange }: PersonPickerProps) {
  const { t } = useTranslation(THINKTANK_NS);
  const uid = useId();
  const [q, setQ] = useState('');
  const people = usePeople(slug, q);
  if (value) {
    return (
      <div className="field">
        <span className="field__label">{label}</span>
        <p>
          <bdi>{value.displayName}</bdi>{' '}
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange(null)}>
            {t('people.change')}
          </Button>
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <TextField label={label} hint={t('people.hint')} value={q} onChange={(e) => setQ(e.target.value)} />
      {people.data && people.data.length === 0 && <p className="muted">{t('people.none')}</p>}
      {people.data && people.data.length > 0 && (
        <ul className="thinktank-people" aria-label={t('people.results')}>
          {people.data.map((person) => (
            <li key={person.accountId} id={`${uid}-${person.accountId}`}>
              <Button type="button" variant="secondary" size="sm" onClick={() => onChange({ id: person.accountId, displayName: person.displayName })}>
                {t('people.pick', { name: person.displayName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
