import { useMemo } from 'react';
import { Controller, useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  checkFormula,
  formulaFieldCode,
  INDICATOR_DIRECTIONS,
  PROJECT_STATUSES,
  type TIndicator,
  type TProject,
  type TStrategyStructure,
  ZActionInput,
  ZGoalInput,
  ZIndicatorInput,
  ZOutputInput,
  ZProjectInput,
} from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { Button, DateField, Select, TextField, YearField } from '@/components';
import { SaveError } from '@/features/plans/manage/fields';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { STRATEGY_NS } from './strategy-i18n';
import { type EditorLevel, useSaveRow } from './use-strategy';

type AnyForm = Pick<UseFormReturn<any, any, any>, 'formState' | 'handleSubmit' | 'setError'>;
const NONE = '__none__';

/** The error of a field by dotted path, translated. */
function useFieldError(form: AnyForm) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  return (path: string) => {
    const found = path
      .split('.')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), form.formState.errors);
    return found && typeof found === 'object' && 'message' in found ? fieldErrorMessage(t, found as { message?: string; type: string }) : undefined;
  };
}

type SaveProps = { slug: string; planId: string; level: EditorLevel; id?: string; onDone: () => void };

/** Submits a form to create or replace a row, putting the server's field errors under the inputs. */
function useSubmit(props: SaveProps, form: AnyForm, fields: string[]) {
  const save = useSaveRow(props.slug, props.planId, props.level);
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync({ id: props.id, body: values });
      props.onDone();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, fields as never);
    }
  });
  return { submit, save };
}

// ---- goals, outputs, portfolios, focus points (code, title, description; an output's goal) ----

export type SimpleRowFormProps = SaveProps & {
  structure: TStrategyStructure;
  row?: { code: string; title: string; description: string | null; goalId?: string };
};

/** A goal, focus point, portfolio or output: code, title, description (and an output's goal). */
export function SimpleRowForm(props: SimpleRowFormProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const isOutput = props.level === 'output';
  const schema = isOutput ? ZOutputInput : ZGoalInput;
  const form = useForm<any>({
    resolver: zodResolver(schema as typeof ZOutputInput),
    defaultValues: {
      code: props.row?.code ?? '',
      title: props.row?.title ?? '',
      description: props.row?.description ?? '',
      ...(isOutput ? { goalId: props.row?.goalId ?? props.structure.goals[0]?.id ?? '' } : {}),
    },
  });
  const errorOf = useFieldError(form);
  const { submit, save } = useSubmit(props, form, ['code', 'title', 'description', 'goalId']);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <SaveError error={save.error} />
      {isOutput && (
        <Controller
          control={form.control}
          name="goalId"
          render={({ field }) => (
            <Select
              label={t('fields.goal')}
              value={field.value}
              onValueChange={field.onChange}
              options={props.structure.goals.map((g) => ({ value: g.id, label: `${g.code} — ${g.title}` }))}
              error={errorOf('goalId')}
            />
          )}
        />
      )}
      <TextField label={t('fields.code')} isLtr {...form.register('code')} error={errorOf('code')} />
      <TextField label={t('fields.title')} {...form.register('title')} error={errorOf('title')} />
      <TextField label={t('fields.description')} {...form.register('description')} error={errorOf('description')} />
      <Button type="submit" isLoading={save.isPending}>
        {t('actions.save')}
      </Button>
    </form>
  );
}

// ---- indicators ----

type IndicatorInput = z.input<typeof ZIndicatorInput>;

export type IndicatorFormProps = SaveProps & { structure: TStrategyStructure; indicator?: TIndicator; outputId?: string };

/** An indicator: unit, direction, the formula checked live against its variables, baseline and yearly targets. */
export function IndicatorForm(props: IndicatorFormProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const i = props.indicator;
  const form = useForm<IndicatorInput, unknown, z.output<typeof ZIndicatorInput>>({
    resolver: zodResolver(ZIndicatorInput),
    defaultValues: {
      outputId: i?.outputId ?? props.outputId ?? props.structure.outputs[0]?.id ?? '',
      code: i?.code ?? '',
      title: i?.title ?? '',
      unit: i?.unit ?? '',
      direction: i?.direction ?? 'increase',
      formula: i?.formula ?? '',
      variables: i?.variables.map((v) => ({ name: v.name, label: v.label, unit: v.unit ?? '' })) ?? [{ name: '', label: '', unit: '' }],
      dataSource: i?.dataSource ?? '',
      responsibleUnit: i?.responsibleUnit ?? '',
      baselineYear: i?.baselineYear ?? null,
      baselineValue: i?.baselineValue ?? null,
      targets: i?.targets ?? [],
    },
  });
  const errorOf = useFieldError(form);
  const variables = useFieldArray({ control: form.control, name: 'variables' });
  const targets = useFieldArray({ control: form.control, name: 'targets' });
  const { submit, save } = useSubmit(props, form, ['code', 'title', 'unit', 'formula', 'outputId', 'baselineYear', ...Array.from({ length: 40 }, (_, k) => `targets.${k}.year`)]);
  const formula = form.watch('formula');
  const names = form.watch('variables').map((v) => toAsciiDigits(v.name ?? '').trim());
  // the same evaluator as the server's, run as the planner types
  const live = useMemo(() => (formula.trim() ? checkFormula(formula, names) : null), [formula, names.join('\u0000')]);
  const horizon = props.structure.plan.strategicHorizon;

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <SaveError error={save.error} />
      <Controller
        control={form.control}
        name="outputId"
        render={({ field }) => (
          <Select
            label={t('fields.output')}
            value={field.value}
            onValueChange={field.onChange}
            options={props.structure.outputs.map((o) => ({ value: o.id, label: `${o.code} — ${o.title}` }))}
            error={errorOf('outputId')}
          />
        )}
      />
      <div className="strategy-form__row">
        <TextField label={t('fields.code')} isLtr {...form.register('code')} error={errorOf('code')} />
        <TextField label={t('fields.unit')} {...form.register('unit')} error={errorOf('unit')} />
      </div>
      <TextField label={t('fields.title')} {...form.register('title')} error={errorOf('title')} />
      <Controller
        control={form.control}
        name="direction"
        render={({ field }) => (
          <Select
            label={t('fields.direction')}
            value={field.value}
            onValueChange={field.onChange}
            options={INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: t(`direction.${d}`) }))}
          />
        )}
      />
      <fieldset className="fieldset">
        <legend>{t('fields.variables')}</legend>
        {variables.fields.map((f, k) => (
          <div key={f.id} className="strategy-form__row">
            <TextField label={t('fields.variableName')} isLtr {...form.register(`variables.${k}.name`)} error={errorOf(`variables.${k}.name`)} />
            <TextField label={t('fields.variableLabel')} {...form.register(`variables.${k}.label`)} error={errorOf(`variables.${k}.label`)} />
            <Button type="button" variant="secondary" size="sm" onClick={() => variables.remove(k)}>
              {t('actions.remove')}
            </Button>
          </div>
        ))}
        <Button type="button" variant="secondary" size="sm" onClick={() => variables.append({ name: '', label: '', unit: '' })}>
          {t('actions.addVariable')}
        </Button>
      </fieldset>
      <TextField
        label={t('fields.formula')}
        isLtr
        hint={t('formula.hint')}
        {...form.register('formula')}
        error={errorOf('formula')}
        aria-describedby="formula-live"
      />
      <p id="formula-live" role="status" className={live && !live.ok ? 'strategy-formula strategy-formula--bad' : 'strategy-formula'} data-testid="formula-status">
        {live === null ? '' : live.ok ? t('formula.ok', { variables: live.variables.join('، ') || '—' }) : t('formula.bad', { problem: t(`errors:field.${formulaFieldCode(live.code)}`), position: live.position + 1 })}
      </p>
      <div className="strategy-form__row">
        <Controller
          control={form.control}
          name="baselineYear"
          render={({ field }) => <YearField label={t('fields.baselineYear')} value={field.value ?? null} onChange={field.onChange} error={errorOf('baselineYear')} />}
        />
        <TextField
          label={t('fields.baselineValue')}
          isLtr
          inputMode="decimal"
          {...form.register('baselineValue', { setValueAs: toNumberOrNull })}
          error={errorOf('baselineValue')}
        />
      </div>
      <TextField label={t('fields.dataSource')} {...form.register('dataSource')} />
      <TextField label={t('fields.responsibleUnit')} {...form.register('responsibleUnit')} />
      <fieldset className="fieldset">
        <legend>{t('fields.targets', { from: horizon.from, to: horizon.to })}</legend>
        {targets.fields.map((f, k) => (
          <div key={f.id} className="strategy-form__row">
            <Controller
              control={form.control}
              name={`targets.${k}.year`}
              render={({ field }) => <YearField label={t('fields.year')} value={field.value} onChange={(v) => field.onChange(v ?? 0)} error={errorOf(`targets.${k}.year`)} />}
            />
            <TextField
              label={t('fields.targetValue')}
              isLtr
              inputMode="decimal"
              {...form.register(`targets.${k}.value`, { setValueAs: toNumberOrNull })}
              error={errorOf(`targets.${k}.value`)}
            />
            <Button type="button" variant="secondary" size="sm" onClick={() => targets.remove(k)}>
              {t('actions.remove')}
            </Button>
          </div>
        ))}
        <Button type="button" variant="secondary" size="sm" onClick={() => targets.append({ year: nextYear(form.getValues('targets'), horizon.from), value: 0 })}>
          {t('actions.addTarget')}
        </Button>
      </fieldset>
      <Button type="submit" isLoading={save.isPending}>
        {t('actions.save')}
      </Button>
    </form>
  );
}

function nextYear(targets: { year: number }[], from: number): number {
  return targets.length ? Math.max(...targets.map((x) => x.year)) + 1 : from;
}

function toNumberOrNull(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(toAsciiDigits(String(value)).replace('٫', '.'));
  return Number.isFinite(n) ? n : (value as number);
}

// ---- projects ----

type ProjectInput = z.input<typeof ZProjectInput>;

export type ProjectFormProps = SaveProps & { structure: TStrategyStructure; project?: TProject; outputId?: string };

/** A project: code, title, output, portfolio, committee, districts, location, dates, cost (rials), funding, status. */
export function ProjectForm(props: ProjectFormProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const locale = useLocale();
  const p = props.project;
  const form = useForm<ProjectInput & { sources: string; lat: string; lng: string }, unknown, any>({
    resolver: async (values, context, options) => {
      const body = {
        ...values,
        fundingSources: values.sources
          .split(/[;؛،,]/)
          .map((s) => s.trim())
          .filter(Boolean),
        location: values.lat || values.lng ? { lat: Number(toAsciiDigits(values.lat)), lng: Number(toAsciiDigits(values.lng)) } : null,
      };
      delete (body as Record<string, unknown>).sources;
      delete (body as Record<string, unknown>).lat;
      delete (body as Record<string, unknown>).lng;
      return zodResolver(ZProjectInput)(body, context, options as never) as never;
    },
    defaultValues: {
      outputId: p?.outputId ?? props.outputId ?? props.structure.outputs[0]?.id ?? '',
      portfolioId: p?.portfolioId ?? null,
      committeeId: p?.committeeId ?? null,
      code: p?.code ?? '',
      title: p?.title ?? '',
      description: p?.description ?? '',
      responsibleUnit: p?.responsibleUnit ?? '',
      districtIds: p?.districtIds ?? [],
      startsOn: p?.startsOn ?? null,
      endsOn: p?.endsOn ?? null,
      totalCost: p?.totalCost ?? '0',
      sources: p?.fundingSources.join('؛ ') ?? '',
      lat: p?.location ? String(p.location.lat) : '',
      lng: p?.location ? String(p.location.lng) : '',
      status: p?.status ?? 'planned',
      progress: p?.progress ?? 0,
    },
  });
  const errorOf = useFieldError(form);
  const { submit, save } = useSubmit(props, form, ['code', 'title', 'outputId', 'totalCost', 'committeeId', 'portfolioId', 'endsOn']);
  const s = props.structure;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <SaveError error={save.error} />
      <Controller
        control={form.control}
        name="outputId"
        render={({ field }) => (
          <Select label={t('fields.output')} value={field.value} onValueChange={field.onChange} options={s.outputs.map((o) => ({ value: o.id, label: `${o.code} — ${o.title}` }))} error={errorOf('outputId')} />
        )}
      />
      <div className="strategy-form__row">
        <TextField label={t('fields.code')} isLtr {...form.register('code')} error={errorOf('code')} />
        <TextField label={t('fields.totalCost')} isLtr inputMode="numeric" {...form.register('totalCost')} error={errorOf('totalCost')} />
      </div>
      <TextField label={t('fields.title')} {...form.register('title')} error={errorOf('title')} />
      <TextField label={t('fields.description')} {...form.register('description')} />
      <TextField label={t('fields.responsibleUnit')} {...form.register('responsibleUnit')} />
      <Controller
        control={form.control}
        name="portfolioId"
        render={({ field }) => (
          <Select
            label={t('fields.portfolio')}
            value={field.value ?? NONE}
            onValueChange={(v) => field.onChange(v === NONE ? null : v)}
            options={[{ value: NONE, label: t('fields.none') }, ...s.portfolios.map((f) => ({ value: f.id, label: `${f.code} — ${f.title}` }))]}
          />
        )}
      />
      <Controller
        control={form.control}
        name="committeeId"
        render={({ field }) => (
          <Select
            label={t('fields.committee')}
            value={field.value ?? NONE}
            onValueChange={(v) => field.onChange(v === NONE ? null : v)}
            options={[{ value: NONE, label: t('fields.none') }, ...s.committees.map((c) => ({ value: c.id, label: pickLocalized(c.name, locale) }))]}
          />
        )}
      />
      <fieldset className="fieldset">
        <legend>{t('fields.districts')}</legend>
        <Controller
          control={form.control}
          name="districtIds"
          render={({ field }) => (
            <div className="checkbox-grid">
              {s.districts.map((d) => (
                <label key={d.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={(field.value ?? []).includes(d.id)}
                    onChange={(e) => field.onChange(e.target.checked ? [...(field.value ?? []), d.id] : (field.value ?? []).filter((x: string) => x !== d.id))}
                  />
                  {pickLocalized(d.name, locale)}
                </label>
              ))}
            </div>
          )}
        />
      </fieldset>
      <div className="strategy-form__row">
        <TextField label={t('fields.lat')} isLtr inputMode="decimal" {...form.register('lat')} error={errorOf('location.lat')} />
        <TextField label={t('fields.lng')} isLtr inputMode="decimal" {...form.register('lng')} error={errorOf('location.lng')} />
      </div>
      <div className="strategy-form__row">
        <Controller control={form.control} name="startsOn" render={({ field }) => <DateField label={t('fields.startsOn')} value={field.value ?? ''} onChange={(v) => field.onChange(v || null)} />} />
        <Controller
          control={form.control}
          name="endsOn"
          render={({ field }) => <DateField label={t('fields.endsOn')} value={field.value ?? ''} onChange={(v) => field.onChange(v || null)} error={errorOf('endsOn')} />}
        />
      </div>
      <TextField label={t('fields.fundingSources')} hint={t('fields.fundingSourcesHint')} {...form.register('sources')} />
      <div className="strategy-form__row">
        <Controller
          control={form.control}
          name="status"
          render={({ field }) => (
            <Select label={t('fields.status')} value={field.value} onValueChange={field.onChange} options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`status.${x}`) }))} />
          )}
        />
        <TextField label={t('fields.progress')} isLtr inputMode="numeric" {...form.register('progress', { setValueAs: toNumberOrNull })} error={errorOf('progress')} />
      </div>
      <Button type="submit" isLoading={save.isPending}>
        {t('actions.save')}
      </Button>
    </form>
  );
}

// ---- actions ----

export type ActionFormProps = SaveProps & { structure: TStrategyStructure; action?: TStrategyStructure['actions'][number]; projectId?: string };

/** An action under a project. */
export function ActionForm(props: ActionFormProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const a = props.action;
  const form = useForm<z.input<typeof ZActionInput>, unknown, z.output<typeof ZActionInput>>({
    resolver: zodResolver(ZActionInput),
    defaultValues: {
      projectId: a?.projectId ?? props.projectId ?? '',
      code: a?.code ?? '',
      title: a?.title ?? '',
      responsibleUnit: a?.responsibleUnit ?? '',
      startsOn: a?.startsOn ?? null,
      endsOn: a?.endsOn ?? null,
      status: a?.status ?? 'planned',
      progress: a?.progress ?? 0,
    },
  });
  const errorOf = useFieldError(form);
  const { submit, save } = useSubmit(props, form, ['code', 'title', 'projectId']);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <SaveError error={save.error} />
      <TextField label={t('fields.code')} isLtr {...form.register('code')} error={errorOf('code')} />
      <TextField label={t('fields.title')} {...form.register('title')} error={errorOf('title')} />
      <TextField label={t('fields.responsibleUnit')} {...form.register('responsibleUnit')} />
      <div className="strategy-form__row">
        <Controller
          control={form.control}
          name="status"
          render={({ field }) => (
            <Select label={t('fields.status')} value={field.value} onValueChange={field.onChange} options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`status.${x}`) }))} />
          )}
        />
        <TextField label={t('fields.progress')} isLtr inputMode="numeric" {...form.register('progress', { setValueAs: toNumberOrNull })} error={errorOf('progress')} />
      </div>
      <Button type="submit" isLoading={save.isPending}>
        {t('actions.save')}
      </Button>
    </form>
  );
}
