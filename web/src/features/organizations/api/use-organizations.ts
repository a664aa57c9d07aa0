import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TMembership,
  TOpenActivity,
  TOrganization,
  TOrganizationSummary,
  TSession,
  TUpdateMembership,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

/** GET /api/orgs: the municipalities on the platform. */
export function useOrganizations() {
  return useQuery({
    queryKey: queryKeys.organizations,
    queryFn: ({ signal }) => api.get<TOrganizationSummary[]>('/api/orgs', { signal }),
  });
}

/** GET /api/orgs/:slug with districts and themes (404 for an unknown slug). */
export function useOrganization(slug: string | undefined) {
  return useQuery({
    queryKey: queryKeys.organization(slug ?? ''),
    queryFn: ({ signal }) => api.get<TOrganization>(`/api/orgs/${encodeURIComponent(slug ?? '')}`, { signal }),
    enabled: Boolean(slug),
    staleTime: 10 * 60_000,
  });
}

/** GET /api/orgs/:slug/open-activities: what people can take part in now, closing soonest first. */
export function useOpenActivities(slug: string) {
  return useQuery({
    queryKey: queryKeys.openActivities(slug),
    queryFn: ({ signal }) =>
      api.get<TOpenActivity[]>(`/api/orgs/${encodeURIComponent(slug)}/open-activities`, { signal }),
    staleTime: 30_000,
  });
}

function useMembershipWriter() {
  const queryClient = useQueryClient();
  return (membership: TMembership) => {
    queryClient.setQueryData<TSession>(queryKeys.session, (old) => {
      if (!old) return old;
      const others = old.memberships.filter((m) => m.organizationId !== membership.organizationId);
      return { ...old, memberships: [...others, membership] };
    });
  };
}

/** POST /api/orgs/:slug/join: become a citizen member of the municipality. */
export function useJoinOrganization(slug: string) {
  const write = useMembershipWriter();
  return useMutation({
    mutationFn: () => api.post<TMembership>(`/api/orgs/${encodeURIComponent(slug)}/join`),
    onSuccess: write,
  });
}

/** PATCH /api/orgs/:slug/me: one's district in the municipality. */
export function useUpdateMembership(slug: string) {
  const write = useMembershipWriter();
  return useMutation({
    mutationFn: (input: TUpdateMembership) => api.patch<TMembership>(`/api/orgs/${encodeURIComponent(slug)}/me`, input),
    onSuccess: write,
  });
}
