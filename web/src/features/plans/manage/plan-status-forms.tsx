import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PLAN_TRANSITIONS, ZChangePlanStatus, ZCreatePlanRevision, type TPlan } from '@hamandishi/contracts';
import { jalaliYear } from '@hamandishi/text';
import { Button, Select, useToast, YearField } from '@/components';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { useChangePlanStatus, useCreateRevision } from './use-manage-plans';
import { SaveError } from './fields';
import { MANAGE_NS } from './manage-i18n';

type StatusInput = z.input<typeof ZChangePlanStatus>;
type StatusOutput = z.output<typeof ZChangePlanStatus>;

/** Moves a plan to one of the statuses allowed after its current one (PLAN_TRANSITIONS). */
export function PlanStatusForm({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'common', 'errors']);
  const toast = useToast();
  const change = useChangePlanStatus(slug, plan.id);
  const uid = useId();
  const next = PLAN_TRANSITIONS[plan.status];
  const form = useForm<StatusInput, unknown, StatusOutput>({
    resolver: zodResolver(ZChangePlanStatus),
    values: { status: next[0] ?? plan.status, note: '' },
  });

  if (next.length === 0) return <p className="muted">{t('status.final')}</p>;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync({ status: values.status, note: values.note?.trim() ? values.note.trim() : undefined });
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['status', 'note']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={change.error} />
      <Controller
        control={form.control}
        name="status"
        render={({ field }) => (
          <Select
            label={t('status.next')}
            value={field.value}
            options={next.map((status) => ({ value: status, label: t(`plans:statuses.${status}`) }))}
            onValueChange={field.onChange}
          />
        )}
      />
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-note`}>
          {t('status.note')}
        </label>
        <textarea id={`${uid}-note`} className="field__input field__textarea" rows={2} {...form.register('note')} />
      </div>
      <div>
        <Button type="submit" isLoading={change.isPending}>
          {t('status.submit')}
        </Button>
      </div>
    </form>
  );
}

type RevisionInput = z.input<typeof ZCreatePlanRevision>;
type RevisionOutput = z.output<typeof ZCreatePlanRevision>;

/** Records this year's revision of the rolling plan. */
export function RevisionForm({ slug, planId }: { slug: string; planId: string }) {
  const { t } = useTranslation([MANAGE_NS, 'common', 'errors']);
  const toast = useToast();
  const create = useCreateRevision(slug, planId);
  const uid = useId();
  const form = useForm<RevisionInput, unknown, RevisionOutput>({
    resolver: zodResolver(ZCreatePlanRevision),
    defaultValues: { year: jalaliYear(new Date(), 'Asia/Tehran'), summary: '' },
  });
  const { errors } = form.formState;
  const summaryError = fieldErrorMessage(t, errors.summary);

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      form.reset();
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['year', 'summary']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={create.error} />
      <Controller
        control={form.control}
        name="year"
        render={({ field }) => (
          <YearField
            label={t('revision.year')}
            className="field--year"
            value={field.value}
            // null, not undefined: for undefined the controller would show the default year again.
            onChange={(year) => field.onChange(year)}
            onBlur={field.onBlur}
            error={fieldErrorMessage(t, errors.year, 'manage:fieldErrors.year')}
          />
        )}
      />
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-summary`}>
          {t('revision.summary')}
        </label>
        <textarea
          id={`${uid}-summary`}
          className="field__input field__textarea"
          rows={3}
          aria-invalid={summaryError ? true : undefined}
          aria-describedby={summaryError ? `${uid}-summary-error` : undefined}
          {...form.register('summary')}
        />
        {summaryError && (
          <p className="field__error" id={`${uid}-summary-error`}>
            {summaryError}
          </p>
        )}
      </div>
      <div>
        <Button type="submit" isLoading={create.isPending}>
          {t('revision.submit')}
        </Button>
      </div>
    </form>
  );
}
