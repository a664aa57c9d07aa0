import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { STRATEGY_PUBLIC_NS } from './public-i18n';
import { usePlanResponse } from './use-accountability';
import './accountability.css';

/** "What the plan does about this" on a problem page: the linked projects with status and progress. */
export default function PlanResponse({ slug, problemId }: { slug: string; problemId: string }) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  const locale = useLocale();
  const response = usePlanResponse(slug, problemId);
  if (!response.data) return null;
  const projects = response.data.projects;
  return (
    <section className="card stack" aria-labelledby="plan-response-title" data-testid="plan-response">
      <h2 id="plan-response-title">{t('response.title')}</h2>
      {projects.length === 0 ? (
        <p className="muted">{t('response.none')}</p>
      ) : (
        <ul className="plan-response__list">
          {projects.map((p) => (
            <li key={p.id} className="plan-response__item">
              <Link to={`/${slug}/projects/${p.id}`}>
                <bdi>
                  {p.code} — {p.title}
                </bdi>
              </Link>
              <span>
                {t(`projectStatus.${p.status}`)} · {t('response.progress', { percent: `${formatNumber(p.progress, locale)}٪` })}
              </span>
              <progress className="accountability__progress" max={100} value={p.progress} aria-label={t('response.progress', { percent: `${formatNumber(p.progress, locale)}٪` })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
