import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TActivity, TStage } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { activityPath, DateRange, StageStatusBadge } from './plan-bits';

export type StageTimelineProps = {
  slug: string;
  planId: string;
  stages: readonly TStage[];
  /** The stage the plan reports as current; else the first open stage is. */
  currentStageId?: string | null;
};

/** The stages of a plan in order, with their dates; the current stage stands out and lists what is open now. */
export function StageTimeline({ slug, planId, stages, currentStageId }: StageTimelineProps) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const currentId = ordered.find((stage) => stage.status === 'open')?.id ?? currentStageId ?? null;

  if (ordered.length === 0) return <p className="muted">{t('timeline.empty')}</p>;

  return (
    <ol className="timeline" aria-label={t('timeline.label')}>
      {ordered.map((stage, index) => {
        const isCurrent = stage.id === currentId;
        const openActivities = stage.activities.filter((activity) => activity.isOpen);
        return (
          <li
            key={stage.id}
            className={['timeline__stage', `timeline__stage--${stage.status}`, isCurrent && 'timeline__stage--current'].filter(Boolean).join(' ')}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="timeline__marker" aria-hidden="true">
              {formatNumber(index + 1, locale)}
            </span>
            <div className="timeline__body">
              <p className="timeline__kicker">
                {t('timeline.stageNumber', { number: formatNumber(index + 1, locale) })}
                {isCurrent && <strong className="timeline__current"> · {t('timeline.current')}</strong>}
              </p>
              <h3 className="timeline__title">
                <Link to={`/${slug}/plans/${planId}/stages/${stage.id}`}>{pickLocalized(stage.title, locale)}</Link>
              </h3>
              <div className="timeline__meta">
                <DateRange start={stage.startsOn} end={stage.endsOn} isDay />
                <StageStatusBadge status={stage.status} />
              </div>
              {openActivities.length > 0 && (
                <div className="timeline__open">
                  <p className="timeline__open-title">{t('timeline.openNow')}</p>
                  <ul className="activity-chips">
                    {openActivities.map((activity) => (
                      <OpenActivity key={activity.id} slug={slug} activity={activity} />
                    ))}
                  </ul>
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function OpenActivity({ slug, activity }: { slug: string; activity: TActivity }) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const path = activityPath(slug, activity);
  return (
    <li>
      <span className="activity-chips__type">{t(`activityTypes.${activity.type}`)}</span>
      {path ? <Link to={path}>{pickLocalized(activity.title, locale)}</Link> : <span>{pickLocalized(activity.title, locale)}</span>}
      <span className="muted">
        <DateRange start={activity.opensAt} end={activity.closesAt} />
      </span>
    </li>
  );
}
