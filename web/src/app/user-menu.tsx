import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClassName } from '@/components/button';
import { UserIcon } from '@/components/icons';
import { useToast } from '@/components/toast';
import { useSignOut } from '@/features/identity/api/use-auth-mutations';
import { useOrganizationSlug } from './use-organization-slug';

export type UserMenuProps = {
  name: string;
  profilePath: string | null;
  managePath: string | null;
  moderationPath: string | null;
  adminPath: string | null;
  /** `/platform`, for superadmins only. */
  platformPath: string | null;
};

/** The signed-in person's menu in the header (its own chunk: anonymous visitors never load it). */
export default function UserMenu({ name, profilePath, managePath, moderationPath, adminPath, platformPath }: UserMenuProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const signOut = useSignOut();
  const slug = useOrganizationSlug();

  const handleSignOut = () => {
    // Leave first: a page that needs a session would otherwise bounce to sign-in as it ends. Flushed,
    // not a transition: a transition would keep that page on screen (and reacting to the session)
    // until the next page's chunk arrives, which on a slow network is after the sign-out answer.
    void navigate(slug ? `/${slug}` : '/', { flushSync: true });
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
          {adminPath && (
            <DropdownMenu.Item asChild className="menu__item">
              <Link to={adminPath}>{t('header.admin')}</Link>
            </DropdownMenu.Item>
          )}
          {platformPath && (
            <DropdownMenu.Item asChild className="menu__item">
              <Link to={platformPath}>{t('header.platform')}</Link>
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
