import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateInvitation,
  TInvitation,
  TInvitationAccepted,
  TInvitationPage,
  TInvitationPreview,
  TMyInvitation,
  TSession,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const adminKey = (slug: string) => ['invitations', 'admin', slug] as const;
const myKey = ['invitations', 'mine'] as const;

/** GET /api/orgs/:slug/invitations, page after page (admins). */
export function useInvitations(slug: string) {
  return useInfiniteQuery({
    queryKey: adminKey(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TInvitationPage>(
        `/api/orgs/${encodeURIComponent(slug)}/invitations?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** POST /api/orgs/:slug/invitations, and /:id/resend and /:id/revoke (admins). */
export function useInvitationActions(slug: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKey(slug) });
  const base = `/api/orgs/${encodeURIComponent(slug)}/invitations`;
  return {
    create: useMutation({ mutationFn: (input: TCreateInvitation) => api.post<TInvitation>(base, input), onSuccess: refresh }),
    resend: useMutation({ mutationFn: (id: string) => api.post<TInvitation>(`${base}/${id}/resend`), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: (id: string) => api.post<TInvitation>(`${base}/${id}/revoke`), onSuccess: refresh }),
  };
}

/** GET /api/invitations/:token: what the link is for (errors: 404, 409 used/revoked, 410 expired). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitations', 'token', token],
    queryFn: ({ signal }) => api.get<TInvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
}

/** Writes the new membership into the session, so menus and guards see the roles at once. */
function useMembershipWriter() {
  const queryClient = useQueryClient();
  return ({ membership }: TInvitationAccepted) => {
    queryClient.setQueryData<TSession>(queryKeys.session, (old) => {
      if (!old) return old;
      const others = old.memberships.filter((m) => m.organizationId !== membership.organizationId);
      return { ...old, memberships: [...others, membership] };
    });
    void queryClient.invalidateQueries({ queryKey: myKey });
  };
}

/** POST /api/invitations/:token/accept */
export function useAcceptInvitation(token: string) {
  const write = useMembershipWriter();
  return useMutation({
    mutationFn: () => api.post<TInvitationAccepted>(`/api/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: write,
  });
}

/** GET /api/me/invitations: pending invitations to my mobile or e-mail. */
export function useMyInvitations(isEnabled: boolean) {
  return useQuery({
    queryKey: myKey,
    queryFn: ({ signal }) => api.get<TMyInvitation[]>('/api/me/invitations', { signal }),
    enabled: isEnabled,
  });
}

/** POST /api/me/invitations/:id/accept */
export function useAcceptMyInvitation() {
  const write = useMembershipWriter();
  return useMutation({
    mutationFn: (id: string) => api.post<TInvitationAccepted>(`/api/me/invitations/${id}/accept`),
    onSuccess: write,
  });
}
