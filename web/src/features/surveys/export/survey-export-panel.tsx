import { useTranslation } from 'react-i18next';
import { SURVEY_EXPORT_FORMATS, type SurveyExportFormat, type TSurveyExport } from '@hamandishi/contracts';
import { Alert, Button, buttonClassName, DateText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { SURVEY_EXPORT_NS } from './survey-export-i18n';
import {
  isActive,
  surveyExportFileUrl,
  useRequestSurveyExport,
  useSurveyExport,
  useSurveyExports,
} from './use-survey-exports';

export type SurveyExportPanelProps = { slug: string; activityId: string };

/**
 * The planner's exports of one survey: a button per format, then the recent exports with a
 * progress bar while one is prepared (polled, so it survives a reload) and a link once it is ready.
 */
export function SurveyExportPanel({ slug, activityId }: SurveyExportPanelProps) {
  const { t } = useTranslation([SURVEY_EXPORT_NS, 'errors']);
  const exports = useSurveyExports(slug, activityId);
  const request = useRequestSurveyExport(slug, activityId);
  const isBusy = exports.data?.items.some(isActive) ?? false;

  return (
    <div className="stack">
      <p>{t('intro')}</p>
      <div role="group" aria-label={t('formats.label')} className="cluster">
        {SURVEY_EXPORT_FORMATS.map((format) => (
          <Button
            key={format}
            variant={format === 'xlsx' ? 'primary' : 'secondary'}
            isLoading={request.isPending && request.variables === format}
            disabled={request.isPending}
            onClick={() => request.mutate(format)}
          >
            {t('request', { format: t(`formats.${format}`) })}
          </Button>
        ))}
      </div>
      {request.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(request.error))}</Alert>}
      {exports.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(exports.error))}</Alert>}

      <h2>{t('recent')}</h2>
      {exports.data && exports.data.items.length === 0 && <p className="muted">{t('none')}</p>}
      {exports.data && exports.data.items.length > 0 && (
        <ul className="stack" aria-busy={isBusy}>
          {exports.data.items.map((item) => (
            <ExportItem key={item.id} slug={slug} activityId={activityId} initial={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportItem({ slug, activityId, initial }: { slug: string; activityId: string; initial: TSurveyExport }) {
  const { t } = useTranslation([SURVEY_EXPORT_NS, 'errors']);
  const locale = useLocale();
  const { data } = useSurveyExport(slug, activityId, initial);
  const item = data ?? initial;
  const format = t(`formats.${item.format as SurveyExportFormat}`);
  const isExpired = item.status === 'done' && !item.isDownloadable;
  const statusLabel = t(`status.${isExpired ? 'expired' : item.status}`);
  const total = item.rowsTotal ?? 0;

  return (
    <li className="card stack" aria-live="polite">
      <p>
        <strong>{format}</strong> · {statusLabel} · {t('requestedAt')} <DateText value={item.createdAt} style="long" />
      </p>
      {isActive(item) && (
        <p>
          <progress
            aria-label={t('progress', { format })}
            max={Math.max(total, 1)}
            value={item.status === 'running' ? item.rowsDone : undefined}
          />{' '}
          {item.rowsTotal !== null && (
            <span>
              {t('progressText', { done: formatNumber(item.rowsDone, locale), total: formatNumber(total, locale) })}
            </span>
          )}
        </p>
      )}
      {item.isDownloadable && (
        <p>
          <a
            className={buttonClassName({ variant: 'primary' })}
            href={surveyExportFileUrl(slug, activityId, item.id)}
            download
          >
            {t('download', { format })}
          </a>{' '}
          {item.expiresAt && (
            <span className="muted">
              {t('expiresAt')} <DateText value={item.expiresAt} style="long" />
            </span>
          )}
        </p>
      )}
      {item.status === 'failed' && <Alert variant="danger">{translateErrorCode(t, item.errorCode ?? 'generic')}</Alert>}
    </li>
  );
}
