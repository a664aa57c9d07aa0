import type { ProblemCapacity, Role } from '@hamandishi/contracts';
import { useSession } from './use-session';

/** What the signed-in person may do in one municipality. */
export type OrganizationRoles = {
  isSignedIn: boolean;
  accountId: string | null;
  roles: readonly Role[];
  isPlanner: boolean;
  isModerator: boolean;
  capacities: ProblemCapacity[];
};

/** The caller's roles in `slug` (a superadmin may do everything). */
export function useOrganizationRoles(slug: string): OrganizationRoles & { isPending: boolean } {
  const { data: session, isPending } = useSession();
  const account = session?.account ?? null;
  const roles = session?.memberships.find((m) => m.organizationSlug === slug)?.roles ?? [];
  const isSuper = Boolean(account?.isSuperadmin);
  const has = (role: Role) => isSuper || roles.includes(role) || roles.includes('admin');
  const capacities: ProblemCapacity[] = ['citizen'];
  // A capacity is offered only to those whose role vouches for it.
  if (roles.includes('ngo') || isSuper) capacities.push('ngo');
  if (roles.includes('expert') || isSuper) capacities.push('expert');
  if (roles.includes('manager') || isSuper) capacities.push('manager');
  return {
    isPending,
    isSignedIn: Boolean(account),
    accountId: account?.id ?? null,
    roles,
    isPlanner: has('planner'),
    isModerator: has('moderator'),
    capacities,
  };
}
