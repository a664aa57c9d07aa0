import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  APPROVAL_KINDS,
  APPROVAL_OUTCOMES,
  type TAttachment,
  type TBudgetSlice,
  type TStrategyImportResult,
  type TStrategyStructure,
  type TStructureChange,
  ZApprovalInput,
  ZCreateStrategyVersion,
  ZStrategyStatementInput,
} from '@hamandishi/contracts';
import { Alert, Button, DateField, DateText, FileField, Select, TableScroll, TextField, UserText, YearField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { SaveError } from '@/features/plans/manage/fields';
import { api } from '@/lib/api-client';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { formatRials } from './structure-tree';
import { STRATEGY_NS } from './strategy-i18n';
import { strategyBase, useBudget, useComparison, useImport, useStrategyEdit } from './use-strategy';

type PanelProps = { slug: string; planId: string; structure: TStrategyStructure };

// ---- vision, mission, values ----

/** The plan's vision, mission and values (one value a line). */
export function StatementForm({ slug, planId, structure }: PanelProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const save = useStrategyEdit<z.input<typeof ZStrategyStatementInput>>(slug, planId, (base, body) => api.put(`${base}/statement`, body));
  const form = useForm<{ vision: string; mission: string; values: string }>({
    defaultValues: { vision: structure.statement.vision, mission: structure.statement.mission, values: structure.statement.values.join('\n') },
  });
  const submit = form.handleSubmit(async (v) => {
    const body = { vision: v.vision, mission: v.mission, values: v.values.split('\n').map((x) => x.trim()).filter(Boolean) };
    const parsed = ZStrategyStatementInput.safeParse(body);
    if (!parsed.success) return;
    await save.mutateAsync(body).catch(() => undefined);
  });
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-labelledby="strategy-statement">
      <h2 id="strategy-statement">{t('statement.title')}</h2>
      <SaveError error={save.error} />
      <label className="field">
        <span className="field__label">{t('statement.vision')}</span>
        <textarea className="field__input" rows={2} disabled={!structure.isEditable} {...form.register('vision')} />
      </label>
      <label className="field">
        <span className="field__label">{t('statement.mission')}</span>
        <textarea className="field__input" rows={2} disabled={!structure.isEditable} {...form.register('mission')} />
      </label>
      <label className="field">
        <span className="field__label">{t('statement.values')}</span>
        <textarea className="field__input" rows={3} disabled={!structure.isEditable} {...form.register('values')} />
      </label>
      {structure.isEditable && (
        <Button type="submit" isLoading={save.isPending}>
          {t('actions.save')}
        </Button>
      )}
    </form>
  );
}

// ---- budget ----

const SLICES = ['byGoal', 'byCommittee', 'byDistrict', 'byFundingSource', 'byPortfolio'] as const;

/** The annual budget of a Jalali year, in slices that each add up to the total. */
export function BudgetPanel({ slug, planId, structure }: PanelProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const locale = useLocale();
  const horizon = structure.plan.operationalHorizon;
  const [year, setYear] = useState<number>(horizon.from);
  const budget = useBudget(slug, planId, year);
  const years = Array.from({ length: horizon.to - horizon.from + 1 }, (_, i) => horizon.from + i);
  const label = (slice: (typeof SLICES)[number], s: TBudgetSlice) => {
    if (s.key === null) return t(`budget.unassigned.${slice}`);
    return `${s.code && slice !== 'byDistrict' ? `${s.code} — ` : ''}${slice === 'byDistrict' ? t('budget.district', { number: s.code }) + ' ' : ''}${s.label ?? ''}`;
  };
  return (
    <section className="stack" aria-labelledby="strategy-budget">
      <h2 id="strategy-budget">{t('budget.title')}</h2>
      <Select
        label={t('budget.year')}
        value={String(year)}
        onValueChange={(v) => setYear(Number(v))}
        options={years.map((y) => ({ value: String(y), label: formatNumber(y, locale).replace(/[٬,]/g, '') }))}
      />
      {budget.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(budget.error))}</Alert>}
      {budget.data && (
        <>
          <p className="strategy-budget__total" data-testid="budget-total">
            {t('budget.total', { amount: formatRials(budget.data.total, locale) })}
          </p>
          <div className="strategy-budget__grid">
            {SLICES.map((slice) => (
              <TableScroll key={slice} label={t(`budget.slices.${slice}`)}>
                <table className="table">
                  <caption>{t(`budget.slices.${slice}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('budget.slice')}</th>
                      <th scope="col">{t('budget.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {budget.data[slice].map((s) => (
                      <tr key={s.key ?? 'none'}>
                        <td>
                          <UserText>{label(slice, s)}</UserText>
                        </td>
                        <td className="num">{formatRials(s.amount, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('budget.sum')}</th>
                      <td className="num">{formatRials(budget.data.total, locale)}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableScroll>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

// ---- import / export ----

/** Export the structure as XLSX; import an edited workbook as a diff, previewed before it is applied. */
export function ImportPanel({ slug, planId, structure }: PanelProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TStrategyImportResult | null>(null);
  const importer = useImport(slug, planId);
  const handlePreview = async () => {
    if (!file) return;
    setPreview(await importer.mutateAsync({ file }).catch(() => null));
  };
  const handleApply = async () => {
    if (!file || !preview) return;
    const result = await importer.mutateAsync({ file, fingerprint: preview.fingerprint }).catch(() => null);
    if (result) setPreview(result);
  };
  return (
    <section className="stack" aria-labelledby="strategy-import">
      <h2 id="strategy-import">{t('import.title')}</h2>
      <p>
        <a className="btn btn--secondary" href={`${strategyBase(slug, planId)}/export.xlsx`} download>
          {t('import.export')}
        </a>
      </p>
      <p className="muted">{t('import.intro')}</p>
      <FileField
        label={t('import.file')}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setPreview(null);
        }}
      />
      <Button variant="secondary" disabled={!file} isLoading={importer.isPending && !preview} onClick={handlePreview}>
        {t('import.preview')}
      </Button>
      <SaveError error={importer.error} />
      {preview && (
        <div className="stack" data-testid="import-preview">
          {preview.applied ? (
            <Alert variant="success">{t('import.applied', preview.counts)}</Alert>
          ) : preview.ok ? (
            <Alert variant="info">{t('import.summary', preview.counts)}</Alert>
          ) : (
            <Alert variant="danger">{t('import.hasIssues', { count: preview.issues.length })}</Alert>
          )}
          {preview.issues.length > 0 && (
            <TableScroll label={t('import.issues')}>
              <table className="table">
                <caption>{t('import.issues')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.sheet')}</th>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((i, k) => (
                    <tr key={k}>
                      <td dir="ltr">{i.sheet}</td>
                      <td>{i.row ?? '—'}</td>
                      <td dir="ltr">{i.column ?? '—'}</td>
                      <td>
                        {t([`import.problems.${i.code}`, `errors:field.${i.code}`])}
                        {i.value ? <UserText> «{i.value}»</UserText> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <ChangeList changes={preview.changes} />
          {preview.ok && !preview.applied && structure.isEditable && (
            <Button onClick={handleApply} isLoading={importer.isPending}>
              {t('import.apply')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** Changes side by side: each row's changed fields before and after. */
export function ChangeList({ changes }: { changes: TStructureChange[] }) {
  const { t } = useTranslation(STRATEGY_NS);
  if (changes.length === 0) return <p className="muted">{t('changes.none')}</p>;
  const shown = changes.slice(0, 300);
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <TableScroll label={t('changes.title')}>
      <table className="table strategy-changes">
        <caption>{t('changes.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('changes.kind')}</th>
            <th scope="col">{t('changes.level')}</th>
            <th scope="col">{t('fields.code')}</th>
            <th scope="col">{t('changes.before')}</th>
            <th scope="col">{t('changes.after')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c, k) => (
            <tr key={k} className={`strategy-change strategy-change--${c.kind}`}>
              <td>{t(`changes.kinds.${c.kind}`)}</td>
              <td>{t(`changes.levels.${c.level}`)}</td>
              <td>
                <UserText>{c.code}</UserText> {c.title && <UserText className="muted">{c.title}</UserText>}
              </td>
              <td>
                {c.fields.map((f) => (
                  <div key={f.field}>
                    <span className="muted">{f.field}: </span>
                    <UserText>{show(f.before)}</UserText>
                  </div>
                ))}
              </td>
              <td>
                {c.fields.map((f) => (
                  <div key={f.field}>
                    <span className="muted">{f.field}: </span>
                    <UserText>{show(f.after)}</UserText>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

// ---- approvals ----

/** Records the council's approval or the conformity check with date and document; lists the records. */
export function ApprovalsPanel({ slug, planId, structure }: PanelProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const record = useStrategyEdit<z.input<typeof ZApprovalInput>>(slug, planId, (base, body) => api.post(`${base}/approvals`, body));
  const [file, setFile] = useState<File | null>(null);
  const form = useForm<z.input<typeof ZApprovalInput>, unknown, z.output<typeof ZApprovalInput>>({
    resolver: zodResolver(ZApprovalInput),
    defaultValues: { kind: structure.plan.status === 'approved' ? 'conformity_check' : 'council_approval', outcome: 'approved', decidedOn: '', reference: '', note: '' },
  });
  const kind = form.watch('kind');
  const errorOf = (name: 'kind' | 'outcome' | 'decidedOn' | 'reference') => fieldErrorMessage(t, form.formState.errors[name]);
  const submit = form.handleSubmit(async (values) => {
    try {
      let attachmentId: string | null = null;
      if (file) {
        const uploaded = await api.upload<TAttachment>(`/api/orgs/${encodeURIComponent(slug)}/attachments?ownerType=plan&ownerId=${planId}&filename=${encodeURIComponent(file.name)}`, file);
        attachmentId = uploaded.id;
      }
      await record.mutateAsync({ ...values, attachmentId });
      form.reset();
      setFile(null);
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['kind', 'outcome', 'decidedOn', 'reference']);
    }
  });
  return (
    <section className="stack" aria-labelledby="strategy-approvals">
      <h2 id="strategy-approvals">{t('approvals.title')}</h2>
      <p className="muted">{t('approvals.status', { status: t(`planStatus.${structure.plan.status}`) })}</p>
      <ul className="stack">
        {structure.approvals.map((a) => (
          <li key={a.id} className="card" data-testid="approval">
            <strong>{t(`approvals.kinds.${a.kind}`)}</strong> — {t(`approvals.outcomes.${a.outcome}`)} · <DateText value={a.decidedOn} style="long" />
            {a.reference && <UserText> · {a.reference}</UserText>}
            {a.attachment && (
              <>
                {' · '}
                <a href={a.attachment.url}>{a.attachment.filename}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      <form className="stack card" onSubmit={submit} noValidate>
        <SaveError error={record.error} />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('approvals.kind')}
              value={field.value}
              onValueChange={(v) => {
                field.onChange(v);
                form.setValue('outcome', APPROVAL_OUTCOMES[v as keyof typeof APPROVAL_OUTCOMES][0]);
              }}
              options={APPROVAL_KINDS.map((k) => ({ value: k, label: t(`approvals.kinds.${k}`) }))}
              error={errorOf('kind')}
            />
          )}
        />
        <Controller
          control={form.control}
          name="outcome"
          render={({ field }) => (
            <Select
              label={t('approvals.outcome')}
              value={field.value}
              onValueChange={field.onChange}
              options={APPROVAL_OUTCOMES[kind].map((o) => ({ value: o, label: t(`approvals.outcomes.${o}`) }))}
              error={errorOf('outcome')}
            />
          )}
        />
        <Controller control={form.control} name="decidedOn" render={({ field }) => <DateField label={t('approvals.decidedOn')} value={field.value} onChange={field.onChange} error={errorOf('decidedOn')} />} />
        <TextField label={t('approvals.reference')} {...form.register('reference')} error={errorOf('reference')} />
        <TextField label={t('approvals.note')} {...form.register('note')} />
        <FileField label={t('approvals.document')} accept="application/pdf,.pdf,.docx,image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button type="submit" isLoading={record.isPending}>
          {t('approvals.record')}
        </Button>
      </form>
    </section>
  );
}

// ---- versions ----

/** Freezes the structure as a version (the annual revision) and shows the changes between versions. */
export function VersionsPanel({ slug, planId, structure }: PanelProps) {
  const { t } = useTranslation([STRATEGY_NS, 'errors']);
  const [from, setFrom] = useState<string | null>(structure.versions[0]?.id ?? null);
  const [to, setTo] = useState('current');
  const create = useStrategyEdit<z.input<typeof ZCreateStrategyVersion>>(slug, planId, (base, body) => api.post(`${base}/versions`, body));
  const comparison = useComparison(slug, planId, from, to);
  const form = useForm<z.input<typeof ZCreateStrategyVersion>, unknown, z.output<typeof ZCreateStrategyVersion>>({
    resolver: zodResolver(ZCreateStrategyVersion),
    defaultValues: { year: structure.plan.operationalHorizon.from, label: '', note: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      const s = await create.mutateAsync(values);
      setFrom(s.versions[0]?.id ?? null);
      form.reset({ year: values.year + 1, label: '', note: '' });
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['year', 'label']);
    }
  });
  const options = [{ value: 'current', label: t('versions.current') }, ...structure.versions.map((v) => ({ value: v.id, label: `${v.number}. ${v.label}` }))];
  return (
    <section className="stack" aria-labelledby="strategy-versions">
      <h2 id="strategy-versions">{t('versions.title')}</h2>
      <form className="stack card" onSubmit={submit} noValidate>
        <p className="muted">{t('versions.intro')}</p>
        <Controller
          control={form.control}
          name="year"
          render={({ field }) => <YearField label={t('fields.year')} value={field.value} onChange={(v) => field.onChange(v ?? 0)} error={fieldErrorMessage(t, form.formState.errors.year)} />}
        />
        <TextField label={t('versions.label')} {...form.register('label')} error={fieldErrorMessage(t, form.formState.errors.label)} />
        <SaveError error={create.error} />
        <Button type="submit" isLoading={create.isPending}>
          {t('versions.create')}
        </Button>
      </form>
      {structure.versions.length > 0 && (
        <div className="stack">
          <div className="strategy-form__row">
            <Select label={t('versions.from')} value={from ?? undefined} onValueChange={setFrom} options={options} />
            <Select label={t('versions.to')} value={to} onValueChange={setTo} options={options} />
          </div>
          {comparison.data && <ChangeList changes={comparison.data.changes} />}
        </div>
      )}
    </section>
  );
}
