import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganizationSlug } from './use-organization-slug';

const PAGES = ['about', 'terms', 'privacy'] as const;

/** The page footer: what the platform is, and inside a municipality its own pages. */
export function Footer() {
  const { t } = useTranslation();
  const slug = useOrganizationSlug();
  return (
    <footer className="app-footer">
      <div className="app-footer__inner">
        {slug && (
          <nav aria-label={t('footer.pagesLabel')}>
            <ul className="app-footer__links">
              {PAGES.map((page) => (
                <li key={page}>
                  <Link to={`/${slug}/${page}`}>{t(`footer.${page}`)}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p>{t('footer.about')}</p>
        <p>{t('footer.motto')}</p>
      </div>
    </footer>
  );
}
