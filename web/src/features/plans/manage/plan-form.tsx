import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PLAN_KINDS, ZCreatePlan, type TCreatePlan, type TPlanSummary } from '@hamandishi/contracts';
import { jalaliYear } from '@hamandishi/text';
import { Button, Select, YearField } from '@/components';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { compactLocalized, localizedDefaults } from './form-helpers';
import { errorAt, LocalizedTextFields, SaveError } from './fields';
import { MANAGE_NS } from './manage-i18n';

type PlanInput = z.input<typeof ZCreatePlan>;
type PlanOutput = z.output<typeof ZCreatePlan>;

export type PlanFormProps = {
  /** The plan being edited; none for a new plan. */
  plan?: Pick<TPlanSummary, 'title' | 'kind' | 'strategicHorizon' | 'operationalHorizon'> & { summary?: PlanInput['summary'] | null };
  onSubmit: (values: TCreatePlan) => Promise<unknown>;
  submitLabel: string;
  error?: unknown;
};

function defaultsOf(plan: PlanFormProps['plan']): PlanInput {
  if (plan) {
    return {
      title: localizedDefaults(plan.title),
      kind: plan.kind,
      strategicHorizon: { ...plan.strategicHorizon },
      operationalHorizon: { ...plan.operationalHorizon },
      summary: localizedDefaults(plan.summary),
    };
  }
  // A new plan starts this Jalali year: a ten-year vision and a five-year operational plan.
  const year = jalaliYear(new Date(), 'Asia/Tehran');
  return {
    title: localizedDefaults(),
    kind: 'strategic_operational',
    strategicHorizon: { from: year, to: year + 9 },
    operationalHorizon: { from: year, to: year + 4 },
    summary: localizedDefaults(),
  };
}

/** A plan's titles, kind, horizons (Jalali years, any digits) and summary, checked by the shared schema. */
export function PlanForm({ plan, onSubmit, submitLabel, error }: PlanFormProps) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'errors']);
  const form = useForm<PlanInput, unknown, PlanOutput>({ resolver: zodResolver(ZCreatePlan), defaultValues: defaultsOf(plan) });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    const summary = values.summary && values.summary.fa.trim() ? compactLocalized(values.summary) : undefined;
    try {
      await onSubmit({ ...values, title: compactLocalized(values.title), summary });
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['title.fa', 'kind', 'strategicHorizon', 'operationalHorizon', 'summary.fa']);
    }
  });

  const yearField = (path: 'strategicHorizon.from' | 'strategicHorizon.to' | 'operationalHorizon.from' | 'operationalHorizon.to', label: string) => (
    <Controller
      control={form.control}
      name={path}
      render={({ field }) => (
        <YearField
          label={label}
          className="field--year"
          value={field.value}
          // null, not undefined: for undefined the controller would show the default year again.
          onChange={(year) => field.onChange(year)}
          onBlur={field.onBlur}
          error={fieldErrorMessage(t, errorAt(errors, path), 'manage:fieldErrors.year')}
        />
      )}
    />
  );

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={error} />
      <LocalizedTextFields form={form} name="title" legend={t('plan.fields.title')} />
      <Controller
        control={form.control}
        name="kind"
        render={({ field, fieldState }) => (
          <Select
            label={t('plan.fields.kind')}
            value={field.value}
            error={fieldErrorMessage(t, fieldState.error)}
            options={PLAN_KINDS.map((kind) => ({ value: kind, label: t(`plans:kinds.${kind}`) }))}
            onValueChange={field.onChange}
          />
        )}
      />
      <fieldset className="fieldset">
        <legend>{t('plan.fields.strategicHorizon')}</legend>
        <p className="field__hint">{t('plan.fields.horizonHint')}</p>
        <div className="field-row">
          {yearField('strategicHorizon.from', t('plan.fields.fromYear'))}
          {yearField('strategicHorizon.to', t('plan.fields.toYear'))}
        </div>
      </fieldset>
      <fieldset className="fieldset" aria-describedby={errors.operationalHorizon?.message ? 'operational-horizon-error' : undefined}>
        <legend>{t('plan.fields.operationalHorizon')}</legend>
        <div className="field-row">
          {yearField('operationalHorizon.from', t('plan.fields.fromYear'))}
          {yearField('operationalHorizon.to', t('plan.fields.toYear'))}
        </div>
        {errors.operationalHorizon?.message && (
          <p className="field__error" id="operational-horizon-error" role="alert">
            {fieldErrorMessage(t, errorAt(errors, 'operationalHorizon'), 'manage:fieldErrors.operationalHorizon')}
          </p>
        )}
      </fieldset>
      <LocalizedTextFields form={form} name="summary" legend={t('plan.fields.summary')} isMultiline />
      <div>
        <Button type="submit" isLoading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
