import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, TMember, TMemberPage, TSetRoles } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** What the members screen asks for: a search and two filters. */
export type MemberFilters = { q: string; role: Role | ''; districtId: string };

const membersKey = (slug: string) => ['admin', slug, 'members'] as const;
const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/members`;

/** GET /api/orgs/:slug/members (admin), page by page ("load more"). */
export function useMembers(slug: string, filters: MemberFilters) {
  return useInfiniteQuery({
    queryKey: [...membersKey(slug), filters] as const,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (filters.q.trim()) params.set('q', filters.q.trim());
      if (filters.role) params.set('role', filters.role);
      if (filters.districtId) params.set('districtId', filters.districtId);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<TMemberPage>(`${base(slug)}?${params.toString()}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: (previous) => previous,
  });
}

/** PUT members/:accountId/roles with the district (admin); refreshes the list. */
export function useSetMemberRoles(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, ...input }: TSetRoles & { accountId: string }) =>
      api.put<TMember>(`${base(slug)}/${encodeURIComponent(accountId)}/roles`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(slug) }),
  });
}

/** DELETE members/:accountId (admin); refreshes the list. */
export function useRemoveMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => api.delete<void>(`${base(slug)}/${encodeURIComponent(accountId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(slug) }),
  });
}
