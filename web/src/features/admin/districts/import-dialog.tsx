import { useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DISTRICT_FILE_BYTES, type TDistrictImportQuery, type TDistrictImportReport, type TGeoIssue, type TOrganization } from '@hamandishi/contracts';
import { Alert, Button, Dialog, FileField, Select, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { PreviewMap, type MapShape } from './districts-map';
import { ReportSummary, useIssueText } from './report-bits';
import { useImportDistricts, usePreviewImport } from './use-districts';

/** Property names that usually hold a district's name, tried in this order. */
const NAME_GUESSES = ['name', 'name_fa', 'NAME', 'Name', 'title', 'نام'];
const NUMBER_GUESSES = ['number', 'code', 'no', 'NUMBER', 'CODE', 'شماره'];
const NONE = '__none__';

/**
 * The property names of a file, read in the browser so the name can be chosen before the server
 * checks it (a file that is not JSON yields none: the server's report then says why).
 */
function propertiesOf(text: string): string[] {
  try {
    const data = JSON.parse(text) as { features?: { properties?: Record<string, unknown> }[] };
    const names = new Set<string>();
    for (const f of (Array.isArray(data.features) ? data.features : []).slice(0, 200))
      for (const key of Object.keys(f?.properties ?? {})) names.add(key);
    return [...names];
  } catch {
    return [];
  }
}

export type ImportDialogProps = { organization: TOrganization; isOpen: boolean; onOpenChange: (isOpen: boolean) => void };

/** Choose a file → choose the name property → read the report, see the polygons → save (only without errors). */
export function ImportDialog({ organization, isOpen, onOpenChange }: ImportDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const preview = usePreviewImport(organization.slug);
  const save = useImportDistricts(organization.slug);
  const [file, setFile] = useState<File | null>(null);
  const [properties, setProperties] = useState<string[]>([]);
  const [query, setQuery] = useState<TDistrictImportQuery>({});
  const [report, setReport] = useState<TDistrictImportReport | null>(null);
  const [selected, setSelected] = useState<TGeoIssue | null>(null);
  const [selectedFeature, setSelectedFeature] = useState<number | null>(null);
  const [isTooLarge, setIsTooLarge] = useState(false);
  const issueText = useIssueText(report);

  const check = (chosen: File, next: TDistrictImportQuery) => {
    setQuery(next);
    setSelected(null);
    setSelectedFeature(null);
    preview.mutate({ file: chosen, query: next }, { onSuccess: setReport, onError: () => setReport(null) });
  };

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    // The same file chosen again after correcting it must be read again.
    event.target.value = '';
    setReport(null);
    setProperties([]);
    save.reset();
    preview.reset();
    // Said at once, without reading or sending the file (the server would refuse it too).
    setIsTooLarge(Boolean(chosen && chosen.size > MAX_DISTRICT_FILE_BYTES));
    if (!chosen || chosen.size > MAX_DISTRICT_FILE_BYTES) {
      setFile(null);
      return;
    }
    setFile(chosen);
    const found = propertiesOf(await chosen.text());
    setProperties(found);
    const nameProperty = NAME_GUESSES.find((p) => found.includes(p)) ?? found[0];
    const numberProperty = NUMBER_GUESSES.find((p) => found.includes(p));
    check(chosen, { nameProperty, numberProperty });
  };

  const handleSave = () => {
    if (!file) return;
    save.mutate(
      { file, query },
      {
        onSuccess: (result) => {
          toast.show({
            title: t('districts.import.saved', { moved: formatNumber(result.problemsMoved, locale) }),
            variant: 'success',
          });
          onOpenChange(false);
        },
      },
    );
  };

  const shapes = useMemo<MapShape[]>(() => {
    if (!report) return [];
    const withErrors = new Set(report.issues.filter((i) => i.severity === 'error').flatMap((i) => [i.featureIndex, i.otherFeatureIndex]));
    return report.features
      .filter((f) => f.boundary)
      .map((f) => ({
        key: String(f.index),
        label: f.name ?? t('districts.report.feature', { number: formatNumber(f.index + 1, locale) }),
        boundary: f.boundary!,
        tone: withErrors.has(f.index) ? 'error' : 'normal',
      }));
  }, [report, t, locale]);

  const propertyOptions = properties.map((p) => ({ value: p, label: p }));
  const hasErrors = !report || report.summary.errors > 0;
  const findings = report?.issues ?? [];

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      title={t('districts.import.title')}
      description={t('districts.import.description')}
      actions={
        <Button onClick={handleSave} disabled={hasErrors || preview.isPending} isLoading={save.isPending}>
          {t('districts.import.save')}
        </Button>
      }
    >
      <div className="stack district-import">
        <FileField label={t('districts.import.file')} hint={t('districts.import.fileHint')} accept=".geojson,.json,application/geo+json,application/json" onChange={handleFile} />
        {properties.length > 0 && file && (
          <div className="district-import__properties">
            <Select
              label={t('districts.import.nameProperty')}
              value={query.nameProperty}
              options={propertyOptions}
              onValueChange={(value) => check(file, { ...query, nameProperty: value })}
            />
            <Select
              label={t('districts.import.numberProperty')}
              value={query.numberProperty ?? NONE}
              options={[{ value: NONE, label: t('districts.import.noNumber') }, ...propertyOptions]}
              onValueChange={(value) => check(file, { ...query, numberProperty: value === NONE ? undefined : value })}
            />
          </div>
        )}
        {isTooLarge && <Alert variant="danger">{t('errors:districts.file_too_large')}</Alert>}
        {preview.isPending && <p role="status">{t('districts.import.checking')}</p>}
        {preview.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(preview.error))}</Alert>}
        {save.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
        {report && (
          <section className="stack district-report" aria-labelledby="district-report-title">
            <h3 id="district-report-title">{t('districts.report.title')}</h3>
            <ReportSummary report={report} />
            {report.summary.errors > 0 ? (
              <Alert variant="danger">{t('districts.report.hasErrors')}</Alert>
            ) : (
              <Alert variant="success">{t('districts.report.ready')}</Alert>
            )}
            {findings.length > 0 && (
              <ul className="district-report__issues">
                {findings.map((issue, i) => (
                  <li key={i} className={`district-report__issue district-report__issue--${issue.severity}`}>
                    <button
                      type="button"
                      className="district-report__issue-button"
                      aria-pressed={selected === issue}
                      onClick={() => {
                        setSelected(issue);
                        setSelectedFeature(issue.featureIndex);
                      }}
                    >
                      <span className="district-report__severity">{t(`districts.severity.${issue.severity}`)}</span>
                      <span>{issueText(issue)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {shapes.length > 0 && (
              <PreviewMap
                label={t('districts.import.map')}
                center={organization.mapCenter}
                zoom={organization.mapZoom}
                shapes={shapes}
                selectedKey={selectedFeature === null ? null : String(selectedFeature)}
                point={selected?.location ?? null}
                onSelect={(key) => {
                  setSelected(null);
                  setSelectedFeature(Number(key));
                }}
              />
            )}
          </section>
        )}
      </div>
    </Dialog>
  );
}
