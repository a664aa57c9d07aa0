import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZCreateThinktankSession, type TCreateThinktankSession, type TPlan, type TThinktankSession } from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { Alert, Button, DateField, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { isApiError } from '@/lib/api-client';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { PersonPicker } from './person-picker';
import { tehranInstant, tehranParts } from './session-time';
import { THINKTANK_NS } from './thinktank-i18n';

export type SessionFormProps = {
  slug: string;
  plan: Pick<TPlan, 'stages' | 'committees'>;
  session?: TThinktankSession;
  submitLabel: string;
  onSubmit: (values: TCreateThinktankSession) => Promise<unknown>;
};

type Values = {
  stageId: string;
  committeeId: string;
  topic: string;
  agenda: string;
  facilitator: { id: string; displayName: string } | null;
  place: string;
  onlineUrl: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: string;
};

function initial(session: TThinktankSession | undefined, plan: SessionFormProps['plan']): Values {
  const start = session ? tehranParts(session.startsAt) : { day: '', time: '' };
  return {
    stageId: session?.stageId ?? plan.stages[0]?.id ?? '',
    committeeId: session?.committeeId ?? '',
    topic: session?.topic ?? '',
    agenda: session?.agenda ?? '',
    facilitator: session?.facilitator ?? null,
    place: session?.place ?? '',
    onlineUrl: session?.onlineUrl ?? '',
    day: start.day,
    startTime: start.time,
    endTime: session ? tehranParts(session.endsAt).time : '',
    capacity: session?.capacity ? String(session.capacity) : '',
  };
}

/**
 * A session's stage, committee, topic, agenda, facilitator, place or link, Jalali day and
 * Tehran times, and capacity; checked with the shared schema before it is sent.
 */
export function SessionForm({ slug, plan, session, submitLabel, onSubmit }: SessionFormProps) {
  const { t } = useTranslation([THINKTANK_NS, 'errors', 'common']);
  const locale = useLocale();
  const uid = useId();
  const [values, setValues] = useState<Values>(() => initial(session, plan));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errorOf = (key: string) => (errors[key] ? t(`errors:field.${errors[key]}`, { defaultValue: t('errors:generic') }) : undefined);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const startsAt = tehranInstant(values.day, toAsciiDigits(values.startTime));
    // A session ending past midnight is not a think-tank session: the end is on the same day.
    const endsAt = tehranInstant(values.day, toAsciiDigits(values.endTime));
    const found: Record<string, string> = {};
    if (!startsAt) found[values.day ? 'startsAt' : 'day'] = values.day ? 'invalid_format' : 'required';
    if (!endsAt) found.endsAt = values.endTime ? 'invalid_format' : 'required';
    const body: TCreateThinktankSession = {
      stageId: values.stageId,
      committeeId: values.committeeId || null,
      topic: values.topic,
      agenda: values.agenda.trim() ? values.agenda : null,
      facilitatorId: values.facilitator?.id ?? null,
      place: values.place.trim() ? values.place : null,
      onlineUrl: values.onlineUrl.trim() ? values.onlineUrl.trim() : null,
      startsAt: startsAt ?? '',
      endsAt: endsAt ?? '',
      capacity: values.capacity.trim() ? Number(toAsciiDigits(values.capacity.trim())) : null,
    };
    const parsed = ZCreateThinktankSession.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'topic');
        found[key] ??= issue.message || 'invalid';
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setIsSaving(true);
    try {
      await onSubmit(body);
      if (!session) setValues(initial(undefined, plan));
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      setFailure(translateErrorCode(t, isApiError(caught) ? caught.code : 'generic'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {failure && <Alert variant="danger">{failure}</Alert>}
      <div className="field-row">
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-stage`}>
            {t('form.stage')}
          </label>
          <select id={`${uid}-stage`} className="field__input" value={values.stageId} onChange={(e) => set('stageId', e.target.value)}>
            {plan.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {pickLocalized(stage.title, locale)}
              </option>
            ))}
          </select>
          {errorOf('stageId') && <p className="field__error">{errorOf('stageId')}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-committee`}>
            {t('form.committee')}
          </label>
          <select id={`${uid}-committee`} className="field__input" value={values.committeeId} onChange={(e) => set('committeeId', e.target.value)}>
            <option value="">{t('form.noCommittee')}</option>
            {plan.committees.map((committee) => (
              <option key={committee.id} value={committee.id}>
                {pickLocalized(committee.name, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField label={t('form.topic')} hint={t('form.topicHint')} value={values.topic} onChange={(e) => set('topic', e.target.value)} error={errorOf('topic')} />
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-agenda`}>
          {t('form.agenda')}
        </label>
        <textarea id={`${uid}-agenda`} className="field__input" rows={4} value={values.agenda} onChange={(e) => set('agenda', e.target.value)} />
      </div>
      <PersonPicker slug={slug} label={t('form.facilitator')} value={values.facilitator} onChange={(person) => set('facilitator', person)} />
      {errorOf('facilitatorId') && <p className="field__error">{errorOf('facilitatorId')}</p>}
      <div className="field-row">
        <TextField label={t('form.place')} value={values.place} onChange={(e) => set('place', e.target.value)} error={errorOf('place')} />
        <TextField label={t('form.onlineUrl')} isLtr value={values.onlineUrl} onChange={(e) => set('onlineUrl', e.target.value)} error={errorOf('onlineUrl')} />
      </div>
      <div className="field-row">
        <DateField label={t('form.day')} value={values.day} onChange={(day) => set('day', day)} error={errorOf('day')} />
        <TextField
          label={t('form.startTime')}
          hint={t('form.timeHint')}
          isLtr
          inputMode="numeric"
          placeholder="10:00"
          value={values.startTime}
          onChange={(e) => set('startTime', e.target.value)}
          error={errorOf('startsAt')}
        />
        <TextField
          label={t('form.endTime')}
          isLtr
          inputMode="numeric"
          placeholder="12:00"
          value={values.endTime}
          onChange={(e) => set('endTime', e.target.value)}
          error={errorOf('endsAt')}
        />
        <TextField label={t('form.capacity')} hint={t('form.capacityHint')} isLtr inputMode="numeric" value={values.capacity} onChange={(e) => set('capacity', e.target.value)} error={errorOf('capacity')} />
      </div>
      <div>
        <Button type="submit" isLoading={isSaving}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
