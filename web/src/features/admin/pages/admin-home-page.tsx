import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { ADMIN_NS } from '../admin-i18n';
import { ADMIN_SECTIONS } from '../admin-sections';

/** `/:slug/admin`: what an admin can set up, one card per screen. */
export default function AdminHomePage() {
  const { t } = useTranslation(ADMIN_NS);
  usePageTitle(t('home.title'));
  const organization = useCurrentOrganization();
  return (
    <div className="stack">
      <PageHeader title={t('home.title')} description={t('home.intro')} />
      <ul className="admin-cards">
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.path}>
            <Card title={t(section.labelKey)} headingLevel={2} to={`/${organization.slug}/admin/${section.path}`}>
              <p>{t(`home.about.${section.path}`)}</p>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
