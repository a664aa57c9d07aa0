import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { SURVEYS_NS } from '../surveys-i18n';

export type ProgressBarProps = {
  /** The page shown, counted from 1. */
  page: number;
  /** How many pages the respondent will see (conditions may add or remove some). */
  pageCount: number;
};

/** Where the respondent is: "page 2 of 5", as a progressbar with its value in words. */
export function ProgressBar({ page, pageCount }: ProgressBarProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const total = Math.max(1, pageCount);
  const current = Math.min(Math.max(1, page), total);
  const text = t('respond.progress', { page: formatNumber(current, locale), total: formatNumber(total, locale) });
  return (
    <div className="survey-progress">
      <div
        className="survey-progress__track"
        role="progressbar"
        aria-label={t('respond.progressLabel')}
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={current}
        aria-valuetext={text}
      >
        <div className="survey-progress__fill" style={{ inlineSize: `${(current / total) * 100}%` }} />
      </div>
      <p className="survey-progress__text" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}
