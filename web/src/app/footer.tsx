import { useTranslation } from 'react-i18next';

/** The page footer: what the platform is. */
export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="app-footer">
      <div className="app-footer__inner">
        <p>{t('footer.about')}</p>
        <p>{t('footer.motto')}</p>
      </div>
    </footer>
  );
}
