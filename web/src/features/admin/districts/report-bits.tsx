import { useTranslation } from 'react-i18next';
import type { TDistrictImportReport, TGeoIssue } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';

/** An area for people: hectares under a square kilometre, else square kilometres. */
export function useAreaText() {
  const { t } = useTranslation(ADMIN_NS);
  const locale = useLocale();
  return (m2: number | null | undefined) => {
    if (m2 === null || m2 === undefined) return '';
    return m2 >= 1_000_000
      ? t('districts.area.km2', { value: formatNumber(Math.round(m2 / 10_000) / 100, locale) })
      : t('districts.area.ha', { value: formatNumber(Math.round(m2 / 100) / 100, locale) });
  };
}

/** One finding as a sentence: which feature, what is wrong, and with which other feature. */
export function useIssueText(report: TDistrictImportReport | null) {
  const { t } = useTranslation(ADMIN_NS);
  const locale = useLocale();
  const area = useAreaText();
  const featureName = (index: number | null | undefined) => {
    if (index === null || index === undefined) return '';
    const name = report?.features[index]?.name;
    const number = formatNumber(index + 1, locale);
    return name ? t('districts.report.featureNamed', { number, name }) : t('districts.report.feature', { number });
  };
  return (issue: TGeoIssue) =>
    t(`districts.issue.${issue.code}`, {
      feature: featureName(issue.featureIndex),
      other: issue.otherFeatureIndex !== undefined && issue.otherFeatureIndex !== null ? featureName(issue.otherFeatureIndex) : (issue.detail ?? ''),
      area: area(issue.areaM2),
      detail: issue.detail ?? '',
    });
}

export type ReportSummaryProps = { report: TDistrictImportReport };

/** Counts of the report: features, vertices, area, errors and warnings. */
export function ReportSummary({ report }: ReportSummaryProps) {
  const { t } = useTranslation(ADMIN_NS);
  const locale = useLocale();
  const area = useAreaText();
  const n = (v: number) => formatNumber(v, locale);
  const s = report.summary;
  return (
    <dl className="district-report__summary">
      <div>
        <dt>{t('districts.report.features')}</dt>
        <dd>{n(s.features)}</dd>
      </div>
      <div>
        <dt>{t('districts.report.vertices')}</dt>
        <dd>{n(s.vertices)}</dd>
      </div>
      <div>
        <dt>{t('districts.report.area')}</dt>
        <dd>{area(s.totalAreaM2)}</dd>
      </div>
      <div>
        <dt>{t('districts.report.errors')}</dt>
        <dd>{n(s.errors)}</dd>
      </div>
      <div>
        <dt>{t('districts.report.warnings')}</dt>
        <dd>{n(s.warnings)}</dd>
      </div>
    </dl>
  );
}
