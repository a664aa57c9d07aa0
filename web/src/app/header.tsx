import { lazy, Suspense, useEffect } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClassName } from '@/components/button';
import { LanguageSwitcher } from '@/components/language-switcher';
import { useSession } from '@/features/identity/api/use-session';
import { useOrganization } from '@/features/organizations/api/use-organizations';
import { pickLocalized } from '@/lib/locale';
import { changeLocale as changeDeviceLocale } from './i18n';
import { useChangeLocale } from './use-change-locale';
import { useOrganizationSlug } from './use-organization-slug';

// Only a signed-in person sees these: an anonymous visitor on a phone never downloads them.
const NotificationBell = lazy(() =>
  import('@/features/notifications/components/notification-bell').then((module) => ({
    default: module.NotificationBell,
  })),
);
const UserMenu = lazy(() => import('./user-menu'));

/** Top bar: app name, municipality, language, and sign-in or the account menu. */
export function Header() {
  const { t, i18n } = useTranslation();
  const slug = useOrganizationSlug();
  const organization = useOrganization(slug);
  const { data: session } = useSession();
  const changeLocale = useChangeLocale();
  const account = session?.account ?? null;
  const homeSlug = slug ?? session?.memberships[0]?.organizationSlug;
  const membership = session?.memberships.find((m) => m.organizationSlug === homeSlug);
  const canModerate = Boolean(
    account?.isSuperadmin || membership?.roles.some((role) => role === 'moderator' || role === 'admin'),
  );
  const canPlan = Boolean(
    account?.isSuperadmin || membership?.roles.some((role) => role === 'planner' || role === 'admin'),
  );
  const canAdminister = Boolean(account?.isSuperadmin || membership?.roles.includes('admin'));
  const organizationName = organization.data ? pickLocalized(organization.data.name, i18n.language) : null;
  const offered = slug ? organization.data?.locales : undefined;
  const branding = slug ? organization.data?.branding : undefined;
  useBrandColors(branding?.primaryColor, branding?.accentColor);
  // A language the municipality does not offer gives way to its default (on this device only).
  useEffect(() => {
    if (offered && organization.data && !offered.includes(i18n.language as never)) {
      void changeDeviceLocale(organization.data.defaultLocale);
    }
  }, [offered, organization.data, i18n.language]);

  return (
    <header className="app-header">
      <div className="app-header__inner">
        <nav className="app-header__brand" aria-label={t('nav.label')}>
          <Link to="/" className="app-header__logo">
            {t('appName')}
          </Link>
          {slug && organizationName && (
            <Link to={`/${slug}`} className="app-header__org">
              {branding?.logoUrl && <img className="app-header__org-logo" src={branding.logoUrl} alt="" />}
              {organizationName}
            </Link>
          )}
          {slug && organization.data && (
            <Link to={`/${slug}/problems`} className="app-header__org">
              {t('nav.problems')}
            </Link>
          )}
        </nav>
        <div className="app-header__actions">
          <LanguageSwitcher onChange={changeLocale} locales={offered} />
          {account && (
            <Suspense fallback={null}>
              <NotificationBell accountId={account.id} />
            </Suspense>
          )}
          {account ? (
            <Suspense fallback={null}>
              <UserMenu
                name={account.displayName}
                profilePath={homeSlug ? `/${homeSlug}/profile` : null}
                managePath={homeSlug && canPlan ? `/${homeSlug}/manage/plans` : null}
                moderationPath={homeSlug && canModerate ? `/${homeSlug}/moderation` : null}
                adminPath={homeSlug && canAdminister ? `/${homeSlug}/admin` : null}
                platformPath={account.isSuperadmin ? '/platform' : null}
              />
            </Suspense>
          ) : (
            slug &&
            organization.data && (
              <Link to={`/${slug}/sign-in`} className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
                {t('header.signIn')}
              </Link>
            )
          )}
        </div>
      </div>
    </header>
  );
}

/**
 * A municipality's colours as the design tokens buttons and links use (both are checked by the
 * API to carry white text at 4.5:1 or more); the platform's own return on leaving it.
 */
function useBrandColors(primary: string | undefined, accent: string | undefined) {
  useEffect(() => {
    if (!primary) return;
    const style = document.documentElement.style;
    style.setProperty('--color-primary-700', primary);
    style.setProperty('--color-primary-800', `color-mix(in srgb, ${primary} 80%, black)`);
    style.setProperty('--color-brand-primary', primary);
    if (accent) style.setProperty('--color-brand-accent', accent);
    return () => {
      for (const name of ['--color-primary-700', '--color-primary-800', '--color-brand-primary', '--color-brand-accent']) {
        style.removeProperty(name);
      }
    };
  }, [primary, accent]);
}
