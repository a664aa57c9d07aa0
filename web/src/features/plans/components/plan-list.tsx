import '../plans.css';
import { useTranslation } from 'react-i18next';
import type { TPlanSummary } from '@hamandishi/contracts';
import { Card, UserText } from '@/components';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { PlanStatusBadge, YearRange } from './plan-bits';

export type PlanListProps = { slug: string; plans: readonly TPlanSummary[]; headingLevel?: 2 | 3; basePath?: string };

/** Plans as cards: title, kind, status and horizons; each card links to its page. */
export function PlanList({ slug, plans, headingLevel = 3, basePath }: PlanListProps) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const base = basePath ?? `/${slug}/plans`;
  return (
    <ul className="grid" aria-label={t('list.listLabel')}>
      {plans.map((plan) => (
        <li key={plan.id}>
          <Card
            title={<UserText>{pickLocalized(plan.title, locale)}</UserText>}
            to={`${base}/${plan.id}`}
            headingLevel={headingLevel}
          >
            <PlanStatusBadge status={plan.status} />
            <p className="muted">{t(`kinds.${plan.kind}`)}</p>
            <p className="plan-card__horizon">
              {t('plan.strategicHorizon')}: <YearRange range={plan.strategicHorizon} />
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
