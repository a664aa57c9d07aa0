import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TThemeImportReport } from '@hamandishi/contracts';
import { Alert, Button, FileField, Table, type TableColumn } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { useImportThemes } from './use-themes';

type Problem = TThemeImportReport['problems'][number];

/** Import a CSV/XLSX file in two steps: check it (a report by row and column), then apply it. */
export function ThemeImportPanel({ slug }: { slug: string }) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const importing = useImportThemes(slug);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TThemeImportReport | null>(null);

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setReport(null);
    importing.reset();
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    try {
      setReport(await importing.mutateAsync({ file, dryRun }));
    } catch {
      setReport(null);
    }
  };

  const columns: TableColumn<Problem>[] = [
    { key: 'row', header: t('themes.import.row'), render: (p) => formatNumber(p.row, locale) },
    { key: 'column', header: t('themes.import.column'), render: (p) => (p.column ? <code dir="ltr">{p.column}</code> : '—') },
    { key: 'problem', header: t('themes.import.problem'), render: (p) => t(`themes.import.problems.${p.problem}`) },
  ];
  const counts = report && {
    rows: formatNumber(report.rows, locale),
    created: formatNumber(report.created, locale),
    updated: formatNumber(report.updated, locale),
    unchanged: formatNumber(report.unchanged, locale),
  };

  return (
    <section className="stack" aria-labelledby="theme-import-title">
      <h2 id="theme-import-title">{t('themes.import.title')}</h2>
      <p className="muted">{t('themes.import.intro')}</p>
      <FileField label={t('themes.import.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={handleFile} />
      <div className="theme-toolbar">
        <Button variant="secondary" onClick={() => run(true)} disabled={!file} isLoading={importing.isPending && importing.variables?.dryRun === true}>
          {t('themes.import.check')}
        </Button>
        <Button
          onClick={() => run(false)}
          disabled={!file || !report || !report.dryRun || report.problems.length > 0}
          isLoading={importing.isPending && importing.variables?.dryRun === false}
        >
          {t('themes.import.apply')}
        </Button>
      </div>
      {importing.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(importing.error))}</Alert>}
      {report && report.problems.length > 0 && (
        <>
          <Alert variant="danger">{t('themes.import.hasProblems', { n: formatNumber(report.problems.length, locale) })}</Alert>
          <Table columns={columns} rows={report.problems} rowKey={(p) => `${p.row}-${p.column}-${p.problem}`} caption={t('themes.import.reportLabel')} />
        </>
      )}
      {report && report.problems.length === 0 && counts && (
        <Alert variant={report.applied ? 'success' : 'info'}>{t(report.applied ? 'themes.import.applied' : 'themes.import.checked', counts)}</Alert>
      )}
    </section>
  );
}
