import './admin.css';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { ADMIN_NS } from './admin-i18n';
import { ADMIN_SECTIONS } from './admin-sections';

/**
 * `/:slug/admin`: the municipality's administration area (admins and superadmins only). Its
 * screens are children of this layout; each is its own chunk, so a citizen never downloads them.
 */
export default function AdminLayout() {
  const { t } = useTranslation(ADMIN_NS);
  const organization = useCurrentOrganization();
  const { data: session, isPending } = useSession();
  const location = useLocation();

  if (isPending) return <Spinner size="lg" />;
  if (!session?.account) {
    return <Navigate to={`/${organization.slug}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  const membership = session.memberships.find((m) => m.organizationSlug === organization.slug);
  const isAdmin = session.account.isSuperadmin || Boolean(membership?.roles.includes('admin'));
  if (!isAdmin) return <ErrorView status={403} />;

  return (
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
  );
}
