import './admin.css';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/features/identity/components/require-role';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { ADMIN_NS } from './admin-i18n';
import { ADMIN_SECTIONS } from './admin-sections';

const ADMIN_ROLES = ['admin'] as const;

/**
 * `/:slug/admin`: the municipality's administration area (admins and superadmins only). Its
 * screens are children of this layout; each is its own chunk, so a citizen never downloads them.
 */
export default function AdminLayout() {
  const { t } = useTranslation(ADMIN_NS);
  const organization = useCurrentOrganization();

  return (
    <RequireRole roles={ADMIN_ROLES}>
      <div className="admin-area">
        <nav className="admin-area__nav" aria-label={t('nav.label')}>
          <ul>
            {ADMIN_SECTIONS.map((section) => (
              <li key={section.path}>
                <NavLink to={`/${organization.slug}/admin/${section.path}`}>{t(section.labelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="admin-area__main">
          {/* Pages below read the municipality with useCurrentOrganization(), as everywhere under /:slug. */}
          <Outlet context={{ organization }} />
        </div>
      </div>
    </RequireRole>
  );
}
