import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITORED_PROJECT_STATUSES, type TMonitoredIndicator, type TMonitoredProject, type TMonitoringOverview } from '@hamandishi/contracts';
import { Alert, Button, FileField, Table, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { isApiError } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { MONITORING_NS } from './monitoring-i18n';
import { NativeSelect, readDecimal, StatusBadge } from './monitoring-bits';
import { useRecordMeasurement, useRecordReport } from './use-monitoring';

type PeriodProps = { years: number[]; year: string; quarter: string; onYear: (v: string) => void; onQuarter: (v: string) => void; closedYears: number[] };

function PeriodFields({ years, year, quarter, onYear, onQuarter, closedYears }: PeriodProps) {
  const { t } = useTranslation(MONITORING_NS);
  const locale = useLocale();
  return (
    <>
      <NativeSelect
        name="year"
        label={t('period.year')}
        value={year}
        onChange={onYear}
        options={years.map((y) => ({ value: String(y), label: `${formatNumber(y, locale).replace(/[٬,]/g, '')}${closedYears.includes(y) ? ` (${t('settings.closed')})` : ''}` }))}
      />
      <NativeSelect
        name="quarter"
        label={t('period.quarter')}
        value={quarter}
        onChange={onQuarter}
        options={[{ value: '', label: t('period.wholeYear') }, ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('period.q', { number: formatNumber(q, locale) }) }))]}
      />
    </>
  );
}

/** The server's field errors, translated, under the form. */
function ServerError({ error }: { error: unknown }) {
  const { t } = useTranslation([MONITORING_NS, 'errors']);
  if (!error) return null;
  const fields = isApiError(error) ? Object.entries(error.fields) : [];
  return (
    <Alert variant="danger">
      <p>{translateErrorCode(t, errorCodeOf(error))}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, code]) => (
            <li key={field}>
              <bdi dir="ltr">{field}</bdi>: {t(`errors:field.${code}`, { defaultValue: code })}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

const defaultYear = (overview: TMonitoringOverview) => {
  const open = overview.years.filter((y) => !overview.closedYears.includes(y));
  return String(open[1] ?? open[0] ?? overview.years[0] ?? '');
};

/** Enter an indicator's measurement: the formula's variables for a period, a comment, an evidence file. */
export function MeasurementForm({ slug, planId, overview }: { slug: string; planId: string; overview: TMonitoringOverview }) {
  const { t } = useTranslation(MONITORING_NS);
  const locale = useLocale();
  const [indicatorId, setIndicatorId] = useState(overview.indicators[0]?.id ?? '');
  const [year, setYear] = useState(defaultYear(overview));
  const [quarter, setQuarter] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const record = useRecordMeasurement(slug, planId);
  const indicator = overview.indicators.find((i) => i.id === indicatorId);
  const variables = indicator ? (indicator.variables.length ? indicator.variables : []) : [];

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!indicator) return;
    const parsed: Record<string, number> = {};
    for (const v of variables) {
      const n = readDecimal(values[v.name] ?? '');
      if (n === null) {
        setLocalError(v.label || v.name);
        return;
      }
      parsed[v.name] = n;
    }
    setLocalError(null);
    record.mutate({ input: { indicatorId, year: Number(year), quarter: quarter ? Number(quarter) : null, values: parsed, comment: comment || null }, file });
  };

  if (overview.indicators.length === 0) return <p className="muted">{t('indicators.empty')}</p>;
  return (
    <form className="card stack" onSubmit={handleSubmit} aria-labelledby="measure-title">
      <h2 id="measure-title">{t('indicators.measure')}</h2>
      <div className="monitoring-grid">
        <NativeSelect
          name="indicator"
          label={t('indicators.indicator')}
          value={indicatorId}
          onChange={(v) => {
            setIndicatorId(v);
            setValues({});
          }}
          options={overview.indicators.map((i) => ({ value: i.id, label: `${i.code} — ${i.title}` }))}
        />
        <PeriodFields years={overview.years} closedYears={overview.closedYears} year={year} quarter={quarter} onYear={setYear} onQuarter={setQuarter} />
      </div>
      {indicator && (
        <p className="muted">
          {t('indicators.formula')}: <bdi dir="ltr">{indicator.formula}</bdi> ({indicator.unit})
        </p>
      )}
      <div className="monitoring-grid">
        {variables.map((v) => (
          <TextField
            key={`${indicatorId}-${v.name}`}
            label={`${v.label || v.name}${v.unit ? ` (${v.unit})` : ''}`}
            name={`value-${v.name}`}
            inputMode="decimal"
            isLtr
            value={values[v.name] ?? ''}
            error={localError === (v.label || v.name) ? t('errors:field.invalid_type', { ns: 'errors' }) : undefined}
            onChange={(e) => setValues({ ...values, [v.name]: e.target.value })}
          />
        ))}
      </div>
      <TextField label={t('indicators.comment')} name="comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      <FileField label={t('indicators.evidence')} name="evidence" accept=".pdf,.docx,.png,.jpg,.jpeg,.webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <ServerError error={record.error} />
      {record.data && (
        <Alert variant="success">
          <p>{t('indicators.saved', { status: t(`status.${record.data.status ?? 'none'}`) })}</p>
          {record.data.isAlerted && <p>{t('indicators.alerted')}</p>}
        </Alert>
      )}
      <Button type="submit" isLoading={record.isPending}>
        {t('indicators.save')}
      </Button>
      {indicator && <MeasurementHistory indicator={indicator} locale={locale} />}
    </form>
  );
}

function MeasurementHistory({ indicator, locale }: { indicator: TMonitoredIndicator; locale: ReturnType<typeof useLocale> }) {
  const { t } = useTranslation(MONITORING_NS);
  if (indicator.measurements.length === 0) return null;
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));
  return (
    <Table
      caption={t('indicators.history')}
      rowKey={(m) => m.id}
      rows={indicator.measurements}
      columns={[
        { key: 'period', header: t('period.year'), isRowHeader: true, render: (m) => `${formatNumber(m.year, locale).replace(/[٬,]/g, '')}${m.quarter ? ` · ${t('period.q', { number: formatNumber(m.quarter, locale) })}` : ''}` },
        { key: 'value', header: t('indicators.value'), render: (m) => n(m.value) },
        { key: 'target', header: t('indicators.target'), render: (m) => n(m.target) },
        { key: 'achievement', header: t('indicators.achievement'), render: (m) => (m.achievement === null ? '—' : `${formatNumber(Math.round(m.achievement * 100), locale)}٪`) },
        { key: 'status', header: t('indicators.latest'), render: (m) => <StatusBadge status={m.status} /> },
        { key: 'evidence', header: t('indicators.evidence'), render: (m) => (m.evidence ? <bdi>{m.evidence.filename}</bdi> : '—') },
      ]}
    />
  );
}

/** Enter a project's progress report: progress %, rials spent, maybe a new status, a comment and evidence. */
export function ReportForm({ slug, planId, overview }: { slug: string; planId: string; overview: TMonitoringOverview }) {
  const { t } = useTranslation(MONITORING_NS);
  const locale = useLocale();
  const [projectId, setProjectId] = useState(overview.projects[0]?.id ?? '');
  const [year, setYear] = useState(defaultYear(overview));
  const [quarter, setQuarter] = useState('');
  const [progress, setProgress] = useState('');
  const [spent, setSpent] = useState('');
  const [status, setStatus] = useState('');
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [isInvalid, setIsInvalid] = useState(false);
  const record = useRecordReport(slug, planId);
  const project = overview.projects.find((p) => p.id === projectId);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const p = readDecimal(progress);
    const s = spent.trim() ? readDecimal(spent) : null;
    if (p === null || !Number.isInteger(p) || (spent.trim() && s === null)) {
      setIsInvalid(true);
      return;
    }
    setIsInvalid(false);
    record.mutate({
      input: {
        projectId,
        year: Number(year),
        quarter: quarter ? Number(quarter) : null,
        progress: p,
        spent: s,
        status: status ? (status as TMonitoredProject['status']) : undefined,
        comment: comment || null,
      },
      file,
    });
  };

  if (overview.projects.length === 0) return <p className="muted">{t('projects.empty')}</p>;
  return (
    <form className="card stack" onSubmit={handleSubmit} aria-labelledby="report-title">
      <h2 id="report-title">{t('projects.report')}</h2>
      <div className="monitoring-grid">
        <NativeSelect name="project" label={t('projects.project')} value={projectId} onChange={setProjectId} options={overview.projects.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))} />
        <PeriodFields years={overview.years} closedYears={overview.closedYears} year={year} quarter={quarter} onYear={setYear} onQuarter={setQuarter} />
        <TextField label={t('projects.progress')} name="progress" inputMode="numeric" isLtr value={progress} onChange={(e) => setProgress(e.target.value)} error={isInvalid ? t('errors:field.invalid_type', { ns: 'errors' }) : undefined} />
        <TextField label={t('projects.spent')} name="spent" inputMode="numeric" isLtr value={spent} onChange={(e) => setSpent(e.target.value)} />
        <NativeSelect
          name="status"
          label={t('projects.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('projects.keepStatus') }, ...MONITORED_PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))]}
        />
      </div>
      <TextField label={t('indicators.comment')} name="report-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      <FileField label={t('indicators.evidence')} name="report-evidence" accept=".pdf,.docx,.png,.jpg,.jpeg,.webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <ServerError error={record.error} />
      {record.data && (
        <Alert variant="success">
          <p>{t('projects.saved', { status: t(`status.${record.data.status ?? 'none'}`) })}</p>
          {record.data.isAlerted && <p>{t('indicators.alerted')}</p>}
        </Alert>
      )}
      <Button type="submit" isLoading={record.isPending}>
        {t('projects.save')}
      </Button>
      {project && project.reports.length > 0 && (
        <Table
          caption={t('projects.history')}
          rowKey={(r) => r.id}
          rows={project.reports}
          columns={[
            { key: 'period', header: t('period.year'), isRowHeader: true, render: (r) => `${formatNumber(r.year, locale).replace(/[٬,]/g, '')}${r.quarter ? ` · ${t('period.q', { number: formatNumber(r.quarter, locale) })}` : ''}` },
            { key: 'progress', header: t('projects.progress'), render: (r) => `${formatNumber(r.progress, locale)}٪` },
            { key: 'expected', header: t('projects.expected'), render: (r) => (r.expected === null ? '—' : `${formatNumber(Math.round(r.expected), locale)}٪`) },
            { key: 'spent', header: t('projects.spent'), render: (r) => (r.spent === null ? '—' : formatNumber(r.spent, locale)) },
            { key: 'status', header: t('indicators.latest'), render: (r) => <StatusBadge status={r.status} /> },
          ]}
        />
      )}
    </form>
  );
}
