import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEMAND_DATA_FORMATS,
  DEMAND_REPORT_FORMATS,
  type DemandExportFormat,
  type TDemandExport,
  type TDemandFilterInput,
} from '@hamandishi/contracts';
import { Alert, Button, buttonClassName, DateText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { DEMAND_EXPORT_NS } from './demand-export-i18n';
import {
  demandExportFileUrl,
  isActive,
  useDemandExport,
  useDemandExports,
  useRequestDemandExport,
} from './use-demand-exports';

export type DemandExportPanelProps = { slug: string; filter: TDemandFilterInput };

type DataFormat = (typeof DEMAND_DATA_FORMATS)[number];

/**
 * The planner's exports of the filtered demands: a data file (format, and personal data when they
 * may have it) and the supporting-document report (PDF, DOCX); then their recent exports, each with
 * a progress bar while it is prepared (polled, so it survives a reload) and a link once it is ready.
 */
export function DemandExportPanel({ slug, filter }: DemandExportPanelProps) {
  const { t } = useTranslation([DEMAND_EXPORT_NS, 'errors']);
  const id = useId();
  const planId = String(filter.planId);
  const exports = useDemandExports(slug, planId);
  const request = useRequestDemandExport(slug, filter);
  const [format, setFormat] = useState<DataFormat>('xlsx');
  const [includePersonal, setIncludePersonal] = useState(false);
  const canIncludePersonal = exports.data?.canIncludePersonal ?? false;
  const isBusy = exports.data?.items.some(isActive) ?? false;
  const ask = (f: DemandExportFormat, personal: boolean) => request.mutate({ format: f, includePersonal: personal });
  const isAsking = (f: DemandExportFormat) => request.isPending && request.variables?.format === f;

  return (
    <div className="stack">
      <p>{t('intro')}</p>
      <section className="card stack" aria-labelledby={`${id}-data`}>
        <h2 id={`${id}-data`}>{t('data.heading')}</h2>
        <fieldset className="fieldset">
          <legend>{t('data.format')}</legend>
          <div className="cluster">
            {DEMAND_DATA_FORMATS.map((f) => (
              <div className="checkbox" key={f}>
                <input
                  type="radio"
                  id={`${id}-format-${f}`}
                  name={`${id}-format`}
                  value={f}
                  checked={format === f}
                  onChange={() => setFormat(f)}
                />
                <label htmlFor={`${id}-format-${f}`}>{t(`formats.${f}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {canIncludePersonal && (
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${id}-personal`}
              checked={includePersonal}
              aria-describedby={`${id}-personal-hint`}
              onChange={(event) => setIncludePersonal(event.target.checked)}
            />
            <label htmlFor={`${id}-personal`}>{t('data.includePersonal')}</label>
          </div>
        )}
        <p id={`${id}-personal-hint`} className="muted">
          {t('data.personalHint')}
        </p>
        <div>
          <Button
            variant="primary"
            isLoading={isAsking(format)}
            disabled={request.isPending}
            onClick={() => ask(format, canIncludePersonal && includePersonal)}
          >
            {t('data.submit')}
          </Button>
        </div>
      </section>

      <section className="card stack" aria-labelledby={`${id}-report`}>
        <h2 id={`${id}-report`}>{t('report.heading')}</h2>
        <p>{t('report.intro')}</p>
        <div className="cluster">
          {DEMAND_REPORT_FORMATS.map((f) => (
            <Button key={f} variant="secondary" isLoading={isAsking(f)} disabled={request.isPending} onClick={() => ask(f, false)}>
              {t(`report.${f}`)}
            </Button>
          ))}
        </div>
      </section>

      {request.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(request.error))}</Alert>}
      {exports.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(exports.error))}</Alert>}

      <h2>{t('recent')}</h2>
      {exports.data && exports.data.items.length === 0 && <p className="muted">{t('none')}</p>}
      {exports.data && exports.data.items.length > 0 && (
        <ul className="stack" aria-busy={isBusy}>
          {exports.data.items.map((item) => (
            <ExportItem key={item.id} slug={slug} initial={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportItem({ slug, initial }: { slug: string; initial: TDemandExport }) {
  const { t } = useTranslation([DEMAND_EXPORT_NS, 'errors']);
  const locale = useLocale();
  const { data } = useDemandExport(slug, initial);
  const item = data ?? initial;
  const format = t(`formats.${item.format}`);
  const isExpired = item.status === 'done' && !item.isDownloadable;
  const statusLabel = t(`status.${isExpired ? 'expired' : item.status}`);
  const total = item.rowsTotal ?? 0;

  return (
    <li className="card stack" aria-live="polite">
      <p>
        <strong>{format}</strong>
        {item.includePersonal && <> · {t('personal')}</>} · {statusLabel} · {t('requestedAt')}{' '}
        <DateText value={item.createdAt} style="long" />
      </p>
      {isActive(item) && (
        <p>
          <progress
            aria-label={t('progress', { format })}
            max={Math.max(total, 1)}
            value={item.status === 'running' ? item.rowsDone : undefined}
          />{' '}
          {item.rowsTotal !== null && (
            <span>{t('progressText', { done: formatNumber(item.rowsDone, locale), total: formatNumber(total, locale) })}</span>
          )}
        </p>
      )}
      {item.isDownloadable && (
        <p>
          <a className={buttonClassName({ variant: 'primary' })} href={demandExportFileUrl(slug, item.id)} download>
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
