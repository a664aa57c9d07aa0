import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TEditionSummary } from '@hamandishi/contracts';
import { DateText } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';

/** The editions of a consultation, newest first, each linking to its reading view. */
export function EditionList({
  slug,
  activityId,
  editions,
}: {
  slug: string;
  activityId: string;
  editions: readonly TEditionSummary[];
}) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  if (editions.length === 0) return <p className="muted">{t('manage.noEditions')}</p>;
  return (
    <section aria-labelledby="c-editions-title" className="stack">
      <h2 id="c-editions-title">{t('manage.editionsTitle')}</h2>
      <ul className="c-plain-list stack">
        {[...editions].reverse().map((edition) => (
          <li key={edition.id} className="card c-edition-row">
            <div className="c-edition-row__title">
              <strong>
                <Link to={`/${slug}/consultations/${activityId}?edition=${edition.number}`}>
                  {t('reading.editionOption', { number: formatNumber(edition.number, locale), title: edition.title })}
                </Link>
              </strong>
              <span className={`badge ${edition.status === 'published' ? 'badge--success' : 'badge--warning'}`}>
                {t(`manage.status.${edition.status}`)}
              </span>
              <span className="muted">{t(`manage.source.${edition.source}`)}</span>
            </div>
            <p className="muted">
              {t('manage.editionCounts', {
                blocks: formatNumber(edition.blockCount, locale),
                comments: formatNumber(edition.commentCount, locale),
              })}
              {edition.publishedAt && (
                <>
                  {' · '}
                  {t('reading.publishedOn')} <DateText value={edition.publishedAt} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
