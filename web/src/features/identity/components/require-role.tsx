import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '@hamandishi/contracts';
import { Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';

export type RequireRoleProps = { roles: readonly Role[]; children: ReactNode };

/**
 * Shows its children only to people holding one of `roles` in the municipality of the page (and to
 * superadmins); visitors sign in first and come back, others see a 403.
 */
export function RequireRole({ roles, children }: RequireRoleProps) {
  const organization = useCurrentOrganization();
  const { data: session, isPending } = useSession();
  const location = useLocation();

  if (isPending) return <Spinner size="lg" />;
  if (!session?.account) {
    return <Navigate to={`/${organization.slug}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  const membership = session.memberships.find((m) => m.organizationSlug === organization.slug);
  const allowed = session.account.isSuperadmin || Boolean(membership?.roles.some((role) => roles.includes(role)));
  if (!allowed) return <ErrorView status={403} />;
  return <>{children}</>;
}
