import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TLatLng } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useSimilarProblems } from '../api/use-problems';
import { useDebounced } from '../lib/use-debounced';
import { PROBLEMS_NS } from '../problems-i18n';
import { ProblemStatusBadge } from './problem-bits';
import { SupportButton } from './support-button';

/** While a report is typed: problems already reported with a similar title nearby, to support instead. */
export function SimilarProblems({ slug, title, location }: { slug: string; title: string; location: TLatLng | null | undefined }) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const debouncedTitle = useDebounced(title, 400);
  const debouncedLocation = useDebounced(location, 400);
  const similar = useSimilarProblems(slug, debouncedTitle, debouncedLocation);
  const items = debouncedTitle.trim().length >= 3 ? (similar.data ?? []) : [];

  return (
    <div aria-live="polite">
      {items.length > 0 && (
        <section className="similar stack" aria-labelledby="similar-title">
          <h2 id="similar-title">{t('similar.title')}</h2>
          <p className="muted">{t('similar.intro')}</p>
          <ul className="similar__list">
            {items.map((problem) => (
              <li key={problem.id} className="similar__item">
                <span>
                  <Link to={`/${slug}/problems/${problem.id}`} target="_blank">
                    {problem.title}
                  </Link>{' '}
                  <ProblemStatusBadge status={problem.status} />
                  {problem.distanceMeters !== null && (
                    <span className="muted"> · {t('similar.distance', { number: formatNumber(Math.round(problem.distanceMeters), locale) })}</span>
                  )}
                </span>
                <SupportButton slug={slug} problemId={problem.id} supportCount={problem.supportCount} isSupported={false} canSupport />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
