import { useTranslation } from 'react-i18next';
import type { PlanStatus, StageStatus, TActivity, TParticipation } from '@hamandishi/contracts';
import { DateText } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';

const PLAN_STATUS_TONE: Record<PlanStatus, BadgeTone> = {
  drafting: 'info',
  council_review: 'warning',
  approved: 'success',
  conformity_checked: 'success',
  in_execution: 'success',
  closed: 'neutral',
};
const STAGE_STATUS_TONE: Record<StageStatus, BadgeTone> = { upcoming: 'info', open: 'success', closed: 'neutral' };

type BadgeTone = 'info' | 'success' | 'warning' | 'neutral';

/** A small coloured label; the colour repeats the text, never replaces it. */
export function Badge({ tone, children }: { tone: BadgeTone; children: React.ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** A plan's lifecycle status. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation('plans');
  return <Badge tone={PLAN_STATUS_TONE[status]}>{t(`statuses.${status}`)}</Badge>;
}

/** A stage's status (upcoming, open, closed). */
export function StageStatusBadge({ status }: { status: StageStatus }) {
  const { t } = useTranslation('plans');
  return <Badge tone={STAGE_STATUS_TONE[status]}>{t(`stageStatuses.${status}`)}</Badge>;
}

/** An inclusive range of Jalali years in the reader's digits: ۱۴۰۵ تا ۱۴۱۴. */
export function YearRange({ range }: { range: { from: number; to: number } }) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  return <>{t('yearRange', { from: formatNumber(range.from, locale), to: formatNumber(range.to, locale) })}</>;
}

export type DateRangeProps = { start: string | null; end: string | null; isDay?: boolean };

/** "from – to" in the reader's calendar; either end may be open. */
export function DateRange({ start, end, isDay = false }: DateRangeProps) {
  const { t } = useTranslation('plans');
  if (start && end) {
    return (
      <span className="date-range">
        <DateText value={start} isDay={isDay} /> {t('dates.to')} <DateText value={end} isDay={isDay} />
      </span>
    );
  }
  if (start) {
    return (
      <span className="date-range">
        {t('dates.from')} <DateText value={start} isDay={isDay} />
      </span>
    );
  }
  if (end) {
    return (
      <span className="date-range">
        {t('dates.until')} <DateText value={end} isDay={isDay} />
      </span>
    );
  }
  return <span className="date-range">{t('dates.noWindow')}</span>;
}

/** Who may take part in an activity, in words. */
export function ParticipationText({ participation }: { participation: TParticipation }) {
  const { t } = useTranslation('plans');
  if (participation.audience === 'roles') {
    const roles = participation.roles.map((role) => t(`roles.${role}`)).join(t('listSeparator'));
    return <>{t('audiences.roles', { roles })}</>;
  }
  return <>{t(`audiences.${participation.audience}`)}</>;
}

/**
 * Where citizens take part in an activity, or null for types without a page of their own yet:
 * a consultation's reading view, a problem collection's map (where problems are seen and reported).
 */
export function activityPath(slug: string, activity: Pick<TActivity, 'id' | 'type'>): string | null {
  switch (activity.type) {
    case 'consultation':
      return `/${slug}/consultations/${activity.id}`;
    case 'problem_collection':
      return `/${slug}/problems`;
    default:
      return null;
  }
}
