import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type TStrategyStructure, ZSetBudget } from '@hamandishi/contracts';
import { Button, TextField, YearField } from '@/components';
import { SaveError } from '@/features/plans/manage/fields';
import { api } from '@/lib/api-client';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { STRATEGY_NS } from './strategy-i18n';
import { useStrategyEdit } from './use-strategy';

export type BudgetLinesFormProps = {
  slug: string;
  planId: string;
  structure: TStrategyStructure;
  owner: 'project' | 'portfolio';
  ownerId: string;
};

/** The yearly allocations (integer rials, per funding source) of one project or portfolio. */
export function BudgetLinesForm({ slug, planId, structure, owner, ownerId }: BudgetLinesFormProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const lines = structure.budget.filter((b) => (owner === 'project' ? b.projectId : b.portfolioId) === ownerId);
  const save = useStrategyEdit<z.input<typeof ZSetBudget>>(slug, planId, (base, body) => api.put(`${base}/${owner === 'project' ? 'projects' : 'portfolios'}/${ownerId}/budget`, body));
  const form = useForm<z.input<typeof ZSetBudget>, unknown, z.output<typeof ZSetBudget>>({
    resolver: zodResolver(ZSetBudget),
    defaultValues: { allocations: lines.map((l) => ({ year: l.year, fundingSource: l.fundingSource, amount: l.amount })) },
  });
  const rows = useFieldArray({ control: form.control, name: 'allocations' });
  const errorOf = (k: number, field: 'year' | 'amount' | 'fundingSource') => fieldErrorMessage(t, form.formState.errors.allocations?.[k]?.[field]);
  const horizon = structure.plan.operationalHorizon;
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
    } catch (caught) {
      applyServerFieldErrors(
        caught,
        form.setError,
        rows.fields.flatMap((_, k) => [`allocations.${k}.year`, `allocations.${k}.amount`, `allocations.${k}.fundingSource`] as const),
      );
    }
  });
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t('budget.lines')}>
      <h3>{t('budget.lines')}</h3>
      <SaveError error={save.error} />
      {rows.fields.map((f, k) => (
        <div key={f.id} className="strategy-form__row">
          <Controller
            control={form.control}
            name={`allocations.${k}.year`}
            render={({ field }) => <YearField label={t('fields.year')} value={field.value} onChange={(v) => field.onChange(v ?? 0)} error={errorOf(k, 'year')} />}
          />
          <TextField label={t('fields.fundingSource')} {...form.register(`allocations.${k}.fundingSource`)} error={errorOf(k, 'fundingSource')} />
          <TextField label={t('budget.amount')} isLtr inputMode="numeric" {...form.register(`allocations.${k}.amount`)} error={errorOf(k, 'amount')} />
          <Button type="button" variant="secondary" size="sm" onClick={() => rows.remove(k)}>
            {t('actions.remove')}
          </Button>
        </div>
      ))}
      <Button type="button" variant="secondary" size="sm" onClick={() => rows.append({ year: horizon.from, fundingSource: '', amount: '0' })}>
        {t('actions.addAllocation')}
      </Button>
      <Button type="submit" isLoading={save.isPending}>
        {t('budget.saveLines')}
      </Button>
      {save.isSuccess && <p role="status">{t('budget.saved')}</p>}
    </form>
  );
}
