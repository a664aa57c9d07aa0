import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClassName } from '@/components/button';
import { UserIcon } from '@/components/icons';
import { LanguageSwitcher } from '@/components/language-switcher';
import { useToast } from '@/components/toast';
import { useSession } from '@/features/identity/api/use-session';
import { useSignOut } from '@/features/identity/api/use-auth-mutations';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useOrganization } from '@/features/organizations/api/use-organizations';
import { pickLocalized } from '@/lib/locale';
import { useChangeLocale } from './use-change-locale';
import { useOrganizationSlug } from './use-organization-slug';

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
  const canModerate = Boolean(account?.isSuperadmin || membership?.roles.some((role) => role === 'moderator' || role === 'admin'));
  const canPlan = Boolean(account?.isSuperadmin || membership?.roles.some((role) => role === 'planner' || role === 'admin'));
  const organizationName = organization.data ? pickLocalized(organization.data.name, i18n.language) : null;

  return (
    <header className="app-header">
      <div className="app-header__inner">
        <nav className="app-header__brand" aria-label={t('nav.label')}>
          <Link to="/" className="app-header__logo">
            {t('appName')}
          </Link>
          {slug && organizationName && (
            <Link to={`/${slug}`} className="app-header__org">
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
          <LanguageSwitcher onChange={changeLocale} />
          {account && <NotificationBell accountId={account.id} />}
          {account ? (
            <UserMenu
              name={account.displayName}
              profilePath={homeSlug ? `/${homeSlug}/profile` : null}
              managePath={homeSlug && canPlan ? `/${homeSlug}/manage/plans` : null}
              moderationPath={homeSlug && canModerate ? `/${homeSlug}/moderation` : null}
            />
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

type UserMenuProps = { name: string; profilePath: string | null; managePath: string | null; moderationPath: string | null };

function UserMenu({ name, profilePath, managePath, moderationPath }: UserMenuProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const signOut = useSignOut();
  const slug = useOrganizationSlug();

  const handleSignOut = () => {
    // Leave first: a page that needs a session would otherwise bounce to sign-in as it ends.
    void navigate(slug ? `/${slug}` : '/');
    signOut.mutate(undefined, {
      onSuccess: () => toast.show({ title: t('toast.signedOut'), variant: 'success' }),
      onError: () => toast.show({ title: t('errors:generic'), variant: 'danger' }),
    });
  };

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className={buttonClassName({ variant: 'ghost', size: 'sm' })}
        aria-label={t('header.userMenu', { name })}
      >
        <UserIcon />
        <span>{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu__content" align="end" sideOffset={4}>
          {profilePath && (
            <DropdownMenu.Item asChild className="menu__item">
              <Link to={profilePath}>{t('header.profile')}</Link>
            </DropdownMenu.Item>
          )}
          {managePath && (
            <DropdownMenu.Item asChild className="menu__item">
              <Link to={managePath}>{t('header.managePlans')}</Link>
            </DropdownMenu.Item>
          )}
          {moderationPath && (
            <DropdownMenu.Item asChild className="menu__item">
              <Link to={moderationPath}>{t('header.moderation')}</Link>
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="menu__separator" />
          <DropdownMenu.Item className="menu__item" onSelect={handleSignOut} disabled={signOut.isPending}>
            {t('header.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
