import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ACTIVITY_TYPES, ROLES, ZCreateActivity, ZCreateStage, type Role, type TActivity, type TCreateActivity, type TCreateStage, type TStage } from '@hamandishi/contracts';
import { Button, DateField, Select } from '@/components';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { compactLocalized, dayToInstant, instantToDay, isIsoDay, localizedDefaults } from './form-helpers';
import { errorAt, LocalizedTextFields, SaveError } from './fields';
import { MANAGE_NS } from './manage-i18n';

type StageInput = z.input<typeof ZCreateStage>;
type StageOutput = z.output<typeof ZCreateStage>;

export type StageFormProps = {
  stage?: Pick<TStage, 'title' | 'description' | 'startsOn' | 'endsOn'>;
  onSubmit: (values: TCreateStage) => Promise<unknown>;
  submitLabel: string;
  error?: unknown;
};

/** A stage's title, description and dates (Jalali in Persian and Arabic). */
export function StageForm({ stage, onSubmit, submitLabel, error }: StageFormProps) {
  const { t } = useTranslation([MANAGE_NS, 'errors']);
  const form = useForm<StageInput, unknown, StageOutput>({
    resolver: zodResolver(ZCreateStage),
    defaultValues: {
      title: localizedDefaults(stage?.title),
      description: localizedDefaults(stage?.description),
      startsOn: stage?.startsOn.slice(0, 10) ?? '',
      endsOn: stage?.endsOn.slice(0, 10) ?? '',
    },
  });
  const handleSubmit = form.handleSubmit(async (values) => {
    const description = values.description && values.description.fa.trim() ? compactLocalized(values.description) : undefined;
    try {
      await onSubmit({ ...values, title: compactLocalized(values.title), description });
      if (!stage) form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['title.fa', 'startsOn', 'endsOn']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={error} />
      <LocalizedTextFields form={form} name="title" legend={t('stage.fields.title')} />
      <LocalizedTextFields form={form} name="description" legend={t('stage.fields.description')} isMultiline />
      <div className="field-row">
        {(['startsOn', 'endsOn'] as const).map((name) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field, fieldState }) => (
              <DateField
                label={t(`stage.fields.${name}`)}
                value={field.value}
                onChange={field.onChange}
                error={fieldErrorMessage(t, fieldState.error, name === 'endsOn' ? 'manage:fieldErrors.endsOn' : 'manage:fieldErrors.day')}
              />
            )}
          />
        ))}
      </div>
      <div>
        <Button type="submit" isLoading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

type ActivityInput = z.input<typeof ZCreateActivity>;
type ActivityOutput = z.output<typeof ZCreateActivity>;

/** The roles that can be picked for a "roles" audience. */
const PARTICIPANT_ROLES: readonly Role[] = ROLES;

export type ActivityFormProps = {
  activity?: TActivity;
  onSubmit: (values: TCreateActivity) => Promise<unknown>;
  submitLabel: string;
  error?: unknown;
};

/** An activity's type, title, window (whole days) and who may take part. */
export function ActivityForm({ activity, onSubmit, submitLabel, error }: ActivityFormProps) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'errors']);
  const form = useForm<ActivityInput, unknown, ActivityOutput>({
    resolver: zodResolver(ZCreateActivity),
    defaultValues: {
      type: activity?.type ?? 'problem_collection',
      title: localizedDefaults(activity?.title),
      opensAt: activity?.opensAt ?? null,
      closesAt: activity?.closesAt ?? null,
      participation: activity?.participation ?? { audience: 'signed_in' },
      settings: activity?.settings ?? {},
    },
  });
  const participation = form.watch('participation');
  const uid = useId();

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await onSubmit({ ...values, title: compactLocalized(values.title) });
      if (!activity) form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['type', 'title.fa', 'opensAt', 'closesAt', 'participation']);
    }
  });

  const windowField = (name: 'opensAt' | 'closesAt') => (
    <Controller
      key={name}
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <DateField
          label={t(`activity.fields.${name}`)}
          hint={t('activity.fields.windowHint')}
          value={field.value ? (isIsoDay(field.value.slice(0, 10)) && field.value.length > 10 ? instantToDay(field.value) : field.value) : ''}
          onChange={(day) => field.onChange(day === '' ? null : isIsoDay(day) ? dayToInstant(day, name === 'opensAt' ? 'start' : 'end') : day)}
          error={fieldErrorMessage(t, fieldState.error, name === 'closesAt' ? 'manage:fieldErrors.closesAt' : 'manage:fieldErrors.day')}
        />
      )}
    />
  );

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={error} />
      <Controller
        control={form.control}
        name="type"
        render={({ field, fieldState }) => (
          <Select
            label={t('activity.fields.type')}
            value={field.value}
            isDisabled={Boolean(activity)}
            error={fieldErrorMessage(t, fieldState.error)}
            options={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`plans:activityTypes.${type}`) }))}
            onValueChange={field.onChange}
          />
        )}
      />
      <LocalizedTextFields form={form} name="title" legend={t('activity.fields.title')} />
      <div className="field-row">
        {windowField('opensAt')}
        {windowField('closesAt')}
      </div>
      <Controller
        control={form.control}
        name="participation"
        render={({ field }) => (
          <Select
            label={t('activity.fields.audience')}
            value={field.value?.audience ?? 'signed_in'}
            options={(['everyone', 'signed_in', 'roles'] as const).map((audience) => ({ value: audience, label: t(`activity.audiences.${audience}`) }))}
            onValueChange={(audience) =>
              field.onChange(audience === 'roles' ? { audience: 'roles', roles: ['citizen'] } : { audience: audience as 'everyone' | 'signed_in' })
            }
          />
        )}
      />
      {participation?.audience === 'roles' && (
        <fieldset className="fieldset">
          <legend>{t('activity.fields.roles')}</legend>
          <div className="checkbox-grid">
            {PARTICIPANT_ROLES.map((role) => {
              const roles = participation.roles ?? [];
              const isChecked = roles.includes(role);
              return (
                <div className="checkbox" key={role}>
                  <input
                    id={`${uid}-role-${role}`}
                    type="checkbox"
                    checked={isChecked}
                    onChange={() =>
                      form.setValue(
                        'participation',
                        { audience: 'roles', roles: isChecked ? roles.filter((r) => r !== role) : [...roles, role] },
                        { shouldValidate: form.formState.isSubmitted },
                      )
                    }
                  />
                  <label htmlFor={`${uid}-role-${role}`}>{t(`plans:roles.${role}`)}</label>
                </div>
              );
            })}
          </div>
          {errorAt(form.formState.errors, 'participation.roles') && <p className="field__error">{t('fieldErrors.roles')}</p>}
        </fieldset>
      )}
      <div>
        <Button type="submit" isLoading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
