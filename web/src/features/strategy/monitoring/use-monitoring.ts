import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAttachment,
  TCreateTraceLink,
  TMonitoringOverview,
  TMonitoringRules,
  TMonitoringSaved,
  TRecordMeasurement,
  TRecordProjectReport,
  TTraceCandidates,
  TTraceCoverage,
  TTraceLink,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const planBase = (slug: string, planId: string) => `/api/orgs/${encodeURIComponent(slug)}/plans/${encodeURIComponent(planId)}`;

/** Query keys of a plan's monitoring and traceability. */
export const monitoringKeys = {
  all: (slug: string, planId: string) => ['strategy-monitoring', slug, planId] as const,
  overview: (slug: string, planId: string) => ['strategy-monitoring', slug, planId, 'overview'] as const,
  links: (slug: string, planId: string) => ['strategy-monitoring', slug, planId, 'links'] as const,
  coverage: (slug: string, planId: string) => ['strategy-monitoring', slug, planId, 'coverage'] as const,
  candidates: (slug: string, planId: string, q: string) => ['strategy-monitoring', slug, planId, 'candidates', q] as const,
};

/** GET …/monitoring: the whole screen in one request. */
export function useMonitoringOverview(slug: string, planId: string) {
  return useQuery({
    queryKey: monitoringKeys.overview(slug, planId),
    queryFn: ({ signal }) => api.get<TMonitoringOverview>(`${planBase(slug, planId)}/monitoring`, { signal }),
  });
}

/** Uploads the evidence file of a saved measurement or report. */
async function uploadEvidence(slug: string, planId: string, ownerId: string, file: File | null): Promise<TAttachment | null> {
  if (!file) return null;
  return api.upload<TAttachment>(`${planBase(slug, planId)}/monitoring/evidence/${encodeURIComponent(ownerId)}?filename=${encodeURIComponent(file.name)}`, file);
}

/** Records a measurement, then its evidence file; the overview is refreshed after. */
export function useRecordMeasurement(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, file }: { input: TRecordMeasurement; file: File | null }) => {
      const saved = await api.post<TMonitoringSaved>(`${planBase(slug, planId)}/monitoring/measurements`, input);
      await uploadEvidence(slug, planId, saved.id, file);
      return saved;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.overview(slug, planId) }),
  });
}

/** Records a project progress report, then its evidence file. */
export function useRecordReport(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, file }: { input: TRecordProjectReport; file: File | null }) => {
      const saved = await api.post<TMonitoringSaved>(`${planBase(slug, planId)}/monitoring/reports`, input);
      await uploadEvidence(slug, planId, saved.id, file);
      return saved;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.all(slug, planId) }),
  });
}

/** PUT …/monitoring/rules. */
export function useSaveRules(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: TMonitoringRules) => api.put<TMonitoringRules>(`${planBase(slug, planId)}/monitoring/rules`, rules),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.overview(slug, planId) }),
  });
}

/** Closes or reopens a year's monitoring. */
export function useSetYearClosed(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, isClosed }: { year: number; isClosed: boolean }) =>
      api.post<{ closedYears: number[] }>(`${planBase(slug, planId)}/monitoring/years/${year}/${isClosed ? 'close' : 'reopen'}`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.overview(slug, planId) }),
  });
}

/** Alerts a member (here: the planner themself) when a figure of a unit goes off track. */
export function useAddContact(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { unit: string; accountId: string }) => api.post(`${planBase(slug, planId)}/monitoring/contacts`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.overview(slug, planId) }),
  });
}

/** Stops alerting a member for a unit. */
export function useRemoveContact(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { unit: string; accountId: string }) => api.post(`${planBase(slug, planId)}/monitoring/contacts/remove`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitoringKeys.overview(slug, planId) }),
  });
}

/** GET …/trace/links. */
export function useTraceLinks(slug: string, planId: string) {
  return useQuery({
    queryKey: monitoringKeys.links(slug, planId),
    queryFn: ({ signal }) => api.get<TTraceLink[]>(`${planBase(slug, planId)}/trace/links`, { signal }),
  });
}

/** GET …/trace/coverage. */
export function useTraceCoverage(slug: string, planId: string) {
  return useQuery({
    queryKey: monitoringKeys.coverage(slug, planId),
    queryFn: ({ signal }) => api.get<TTraceCoverage>(`${planBase(slug, planId)}/trace/coverage`, { signal }),
  });
}

/** GET …/trace/candidates?q=: searched once a query is submitted. */
export function useTraceCandidates(slug: string, planId: string, q: string | null) {
  return useQuery({
    enabled: q !== null,
    queryKey: monitoringKeys.candidates(slug, planId, q ?? ''),
    queryFn: ({ signal }) => api.get<TTraceCandidates>(`${planBase(slug, planId)}/trace/candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`, { signal }),
  });
}

/** Creates or removes a link; links and coverage are refreshed after. */
export function useTraceLinkMutations(slug: string, planId: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: monitoringKeys.links(slug, planId) });
    void queryClient.invalidateQueries({ queryKey: monitoringKeys.coverage(slug, planId) });
  };
  return {
    link: useMutation({ mutationFn: (input: TCreateTraceLink) => api.post<TTraceLink[]>(`${planBase(slug, planId)}/trace/links`, input), onSuccess: refresh }),
    unlink: useMutation({
      mutationFn: (linkId: string) => api.post<TTraceLink[]>(`${planBase(slug, planId)}/trace/links/${encodeURIComponent(linkId)}/remove`, {}),
      onSuccess: refresh,
    }),
  };
}
