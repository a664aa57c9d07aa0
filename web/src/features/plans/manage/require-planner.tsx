import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';

/** Shows its children only to the municipality's planners and admins; visitors sign in first. */
export function RequirePlanner({ children }: { children: ReactNode }) {
  const organization = useCurrentOrganization();
  const { data: session, isPending } = useSession();
  const location = useLocation();

  if (isPending) return <Spinner size="lg" />;
  if (!session?.account) {
    return <Navigate to={`/${organization.slug}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  const membership = session.memberships.find((m) => m.organizationSlug === organization.slug);
  const isPlanner = session.account.isSuperadmin || Boolean(membership?.roles.some((role) => role === 'planner' || role === 'admin'));
  if (!isPlanner) return <ErrorView status={403} />;
  return <>{children}</>;
}
