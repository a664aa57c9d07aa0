import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateThinktankInvitations,
  TCreateThinktankOutput,
  TCreateThinktankSession,
  TMyThinktankInvitation,
  TPublicThinktankSession,
  TThinktankAttendance,
  TThinktankAttendee,
  TThinktankDashboard,
  TThinktankInvitation,
  TThinktankInvitationsResult,
  TThinktankMinutesView,
  TThinktankOutput,
  TThinktankPerson,
  TThinktankQr,
  TThinktankRsvpPreview,
  TThinktankSession,
  TThinktankStakeholder,
  TUpdateThinktankSession,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;
const sessionPath = (slug: string, id: string) => `${org(slug)}/thinktank/sessions/${encodeURIComponent(id)}`;

/** Query keys of think-tank sessions. */
export const thinktankKeys = {
  all: (slug: string) => ['thinktank', slug] as const,
  sessions: (slug: string, planId: string) => ['thinktank', slug, 'plan', planId, 'sessions'] as const,
  dashboard: (slug: string, planId: string) => ['thinktank', slug, 'plan', planId, 'dashboard'] as const,
  session: (slug: string, id: string) => ['thinktank', slug, 'session', id] as const,
  part: (slug: string, id: string, part: string) => ['thinktank', slug, 'session', id, part] as const,
  rsvp: (token: string) => ['thinktank', 'rsvp', token] as const,
};

/** A plan's sessions, optionally of one stage or committee. */
export function useSessions(slug: string, planId: string, filter: { stageId?: string; committeeId?: string } = {}) {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1])).toString();
  return useQuery({
    queryKey: [...thinktankKeys.sessions(slug, planId), query],
    queryFn: ({ signal }) =>
      api.get<TThinktankSession[]>(`${org(slug)}/plans/${encodeURIComponent(planId)}/thinktank/sessions${query ? `?${query}` : ''}`, { signal }),
  });
}

export function useCreateSession(slug: string, planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateThinktankSession) => api.post<TThinktankSession>(`${org(slug)}/plans/${encodeURIComponent(planId)}/thinktank/sessions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: thinktankKeys.all(slug) }),
  });
}

export function useSession(slug: string, id: string) {
  return useQuery({ queryKey: thinktankKeys.session(slug, id), queryFn: ({ signal }) => api.get<TThinktankSession>(sessionPath(slug, id), { signal }) });
}

export function useUpdateSession(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateThinktankSession) => api.patch<TThinktankSession>(sessionPath(slug, id), body),
    onSuccess: () => client.invalidateQueries({ queryKey: thinktankKeys.all(slug) }),
  });
}

export function useInvitations(slug: string, id: string) {
  return useQuery({
    queryKey: thinktankKeys.part(slug, id, 'invitations'),
    queryFn: ({ signal }) => api.get<TThinktankInvitation[]>(`${sessionPath(slug, id)}/invitations`, { signal }),
  });
}

export function useInvite(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateThinktankInvitations) => api.post<TThinktankInvitationsResult>(`${sessionPath(slug, id)}/invitations`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: thinktankKeys.session(slug, id) }),
  });
}

/** Members found by name (planners), for the facilitator and invitees. */
export function usePeople(slug: string, q: string) {
  return useQuery({
    enabled: q.trim().length >= 2,
    queryKey: ['thinktank', slug, 'people', q.trim()],
    queryFn: ({ signal }) => api.get<TThinktankPerson[]>(`${org(slug)}/thinktank/people?q=${encodeURIComponent(q.trim())}`, { signal }),
  });
}

/** Stakeholders found by name (planners), to invite through their linked accounts. */
export function useStakeholders(slug: string, q: string) {
  return useQuery({
    enabled: q.trim().length >= 2,
    queryKey: ['thinktank', slug, 'stakeholders', q.trim()],
    queryFn: ({ signal }) => api.get<TThinktankStakeholder[]>(`${org(slug)}/thinktank/stakeholders?q=${encodeURIComponent(q.trim())}`, { signal }),
  });
}

export function useAttendance(slug: string, id: string) {
  return useQuery({
    queryKey: thinktankKeys.part(slug, id, 'attendance'),
    queryFn: ({ signal }) => api.get<TThinktankAttendance>(`${sessionPath(slug, id)}/attendance`, { signal }),
    // Minutes of people present grow while the session runs.
    refetchInterval: 60_000,
  });
}

export function useTickAttendance(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, action }: { accountId: string; action: 'check-in' | 'check-out' }) =>
      api.post<TThinktankAttendance>(`${sessionPath(slug, id)}/attendance/${encodeURIComponent(accountId)}/${action}`),
    onSuccess: (data) => {
      client.setQueryData(thinktankKeys.part(slug, id, 'attendance'), data);
      void client.invalidateQueries({ queryKey: thinktankKeys.session(slug, id), exact: true });
    },
  });
}

export function useQr(slug: string, id: string, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: thinktankKeys.part(slug, id, 'qr'),
    queryFn: ({ signal }) => api.get<TThinktankQr>(`${sessionPath(slug, id)}/qr`, { signal }),
    staleTime: Infinity,
  });
}

export function useMinutes(slug: string, id: string) {
  return useQuery({
    queryKey: thinktankKeys.part(slug, id, 'minutes'),
    queryFn: ({ signal }) => api.get<TThinktankMinutesView>(`${sessionPath(slug, id)}/minutes`, { signal }),
  });
}

export function useSaveMinutes(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'save'; minutes: string } | { kind: 'publish' } | { kind: 'withdraw' }) =>
      action.kind === 'save'
        ? api.put<TThinktankMinutesView>(`${sessionPath(slug, id)}/minutes`, { minutes: action.minutes })
        : api.post<TThinktankMinutesView>(`${sessionPath(slug, id)}/minutes/${action.kind}`),
    onSuccess: (data) => {
      client.setQueryData(thinktankKeys.part(slug, id, 'minutes'), data);
      void client.invalidateQueries({ queryKey: thinktankKeys.session(slug, id), exact: true });
    },
  });
}

export function useOutputs(slug: string, id: string) {
  return useQuery({
    queryKey: thinktankKeys.part(slug, id, 'outputs'),
    queryFn: ({ signal }) => api.get<TThinktankOutput[]>(`${sessionPath(slug, id)}/outputs`, { signal }),
  });
}

export function useChangeOutputs(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { add: TCreateThinktankOutput } | { remove: string }) =>
      'add' in change
        ? api.post<TThinktankOutput[]>(`${sessionPath(slug, id)}/outputs`, change.add)
        : api.delete<TThinktankOutput[]>(`${sessionPath(slug, id)}/outputs/${encodeURIComponent(change.remove)}`),
    onSuccess: (data) => client.setQueryData(thinktankKeys.part(slug, id, 'outputs'), data),
  });
}

export function useDashboard(slug: string, planId: string) {
  return useQuery({
    queryKey: thinktankKeys.dashboard(slug, planId),
    queryFn: ({ signal }) => api.get<TThinktankDashboard>(`${org(slug)}/plans/${encodeURIComponent(planId)}/thinktank/dashboard`, { signal }),
  });
}

/** Where the dashboard's CSV or XLSX downloads from. */
export function dashboardExportUrl(slug: string, planId: string, format: 'csv' | 'xlsx', lang: string): string {
  return `${org(slug)}/plans/${encodeURIComponent(planId)}/thinktank/dashboard.${format}?lang=${encodeURIComponent(lang)}`;
}

// ---- public page -------------------------------------------------------------------------------

export function usePublicSession(slug: string, id: string) {
  return useQuery({
    queryKey: thinktankKeys.part(slug, id, 'public'),
    queryFn: ({ signal }) => api.get<TPublicThinktankSession>(`${sessionPath(slug, id)}/public`, { signal }),
  });
}

export function useRsvpPreview(token: string | null) {
  return useQuery({
    enabled: !!token,
    queryKey: thinktankKeys.rsvp(token ?? ''),
    queryFn: ({ signal }) => api.get<TThinktankRsvpPreview>(`/api/thinktank/rsvp/${encodeURIComponent(token ?? '')}`, { signal }),
    retry: false,
  });
}

/** Answers by personal link (token) or, signed in, from the page. */
export function useRsvp(slug: string, id: string, token: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answer: 'yes' | 'no') =>
      token
        ? api.post<TMyThinktankInvitation>(`/api/thinktank/rsvp/${encodeURIComponent(token)}`, { answer })
        : api.post<TMyThinktankInvitation>(`${sessionPath(slug, id)}/rsvp`, { answer }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['thinktank'] }),
  });
}

export function useSelfAttendance(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'check-in'; token: string } | { kind: 'check-out' }) =>
      action.kind === 'check-in'
        ? api.post<TThinktankAttendee>(`${sessionPath(slug, id)}/check-in`, { token: action.token })
        : api.post<TThinktankAttendee>(`${sessionPath(slug, id)}/check-out`),
    onSuccess: () => client.invalidateQueries({ queryKey: thinktankKeys.part(slug, id, 'public') }),
  });
}
