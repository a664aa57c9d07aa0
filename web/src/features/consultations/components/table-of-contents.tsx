import { useTranslation } from 'react-i18next';
import type { TDocumentSection } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { sectionTotal } from '../lib/counts';

/** The document's sections, each a link to `#s-<anchor>` with its comment total. */
export function TableOfContents({ sections }: { sections: readonly TDocumentSection[] }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const isWide = typeof window !== 'undefined' && window.innerWidth >= 900;
  return (
    <details className="c-toc" open={isWide}>
      <summary>{t('reading.toc')}</summary>
      <nav aria-label={t('reading.toc')}>
        <ol className="c-toc__list">
          {sections.map((section) => {
            const total = sectionTotal(section);
            return (
              <li key={section.id} className={`c-toc__item c-toc__item--${Math.min(section.level, 3)}`}>
                <a href={`#s-${section.anchor}`}>{section.heading ?? t('reading.introSection')}</a>{' '}
                <span className="c-toc__count muted">
                  <span aria-hidden="true">{formatNumber(total, locale)}</span>
                  <span className="visually-hidden">
                    {t('reading.tocCount', { number: formatNumber(total, locale) })}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      </nav>
    </details>
  );
}
