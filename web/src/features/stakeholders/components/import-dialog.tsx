import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStakeholderImportReport } from '@hamandishi/contracts';
import { Alert, Button, Dialog, DialogClose, FileField, Table, type TableColumn } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useImportStakeholders } from '../api/use-stakeholders';
import { STAKEHOLDERS_NS } from '../stakeholders-i18n';

type Problem = TStakeholderImportReport['problems'][number];
type Suggestion = TStakeholderImportReport['suggestions'][number];

export type ImportDialogProps = { slug: string; planId?: string; planTitle?: string; isOpen: boolean; onOpenChange: (isOpen: boolean) => void };

/**
 * Import a CSV/XLSX file in two steps: check it (a report by row and column, and the names that
 * look like registered stakeholders), then apply it; nothing is saved while a problem remains.
 */
export function ImportDialog({ slug, planId, planTitle, isOpen, onOpenChange }: ImportDialogProps) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const locale = useLocale();
  const importing = useImportStakeholders(slug);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TStakeholderImportReport | null>(null);

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setReport(null);
    importing.reset();
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    try {
      setReport(await importing.mutateAsync({ file, dryRun, planId }));
    } catch {
      setReport(null);
    }
  };
  const handleOpenChange = (open: boolean) => {
    if (!open) {
      setFile(null);
      setReport(null);
      importing.reset();
    }
    onOpenChange(open);
  };

  const problemColumns: TableColumn<Problem>[] = [
    { key: 'row', header: t('import.row'), render: (p) => formatNumber(p.row, locale) },
    { key: 'column', header: t('import.column'), render: (p) => (p.column ? <code dir="ltr">{p.column}</code> : '—') },
    { key: 'problem', header: t('import.problem'), render: (p) => t(`import.problems.${p.problem}`) },
  ];
  const suggestionColumns: TableColumn<Suggestion>[] = [
    { key: 'row', header: t('import.row'), render: (s) => formatNumber(s.row, locale) },
    { key: 'name', header: t('import.newName'), render: (s) => s.name },
    { key: 'similar', header: t('import.similarTo'), render: (s) => `${s.similarTo.name} (${formatNumber(Math.round(s.similarTo.similarity * 100), locale)}٪)` },
  ];

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={handleOpenChange}
      title={t('import.title')}
      description={planTitle ? t('import.introPlan', { plan: planTitle }) : t('import.intro')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="ghost">{t('actions.close')}</Button>
          </DialogClose>
          <Button variant="secondary" onClick={() => run(true)} disabled={!file} isLoading={importing.isPending && importing.variables?.dryRun === true}>
            {t('import.check')}
          </Button>
          <Button
            onClick={() => run(false)}
            disabled={!file || !report || !report.dryRun || report.problems.length > 0}
            isLoading={importing.isPending && importing.variables?.dryRun === false}
          >
            {t('import.apply')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p className="muted">{t('import.columns')}</p>
        <FileField label={t('import.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={handleFile} />
        {importing.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(importing.error))}</Alert>}
        {report && report.problems.length > 0 && (
          <>
            <Alert variant="danger">{t('import.hasProblems', { n: formatNumber(report.problems.length, locale) })}</Alert>
            <Table columns={problemColumns} rows={report.problems} rowKey={(p) => `${p.row}-${p.column}-${p.problem}`} caption={t('import.reportLabel')} />
          </>
        )}
        {report && report.problems.length === 0 && (
          <Alert variant={report.applied ? 'success' : 'info'}>
            {t(report.applied ? 'import.applied' : 'import.checked', { created: formatNumber(report.created, locale), updated: formatNumber(report.updated, locale) })}
          </Alert>
        )}
        {report && report.suggestions.length > 0 && (
          <Table columns={suggestionColumns} rows={report.suggestions} rowKey={(s) => `${s.row}-${s.similarTo.id}`} caption={t('import.suggestionsLabel')} />
        )}
      </div>
    </Dialog>
  );
}
