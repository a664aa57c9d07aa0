import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DemandExportFormat, TDemandExport, TDemandExportList, TDemandFilterInput } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** How often a queued or running export is asked for its progress. */
export const DEMAND_EXPORT_POLL_MS = 1000;

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/demands/exports`;

/** Query keys of the demands exports. */
export const demandExportKeys = {
  list: (slug: string, planId: string) => ['demand-exports', slug, planId] as const,
  one: (slug: string, id: string) => ['demand-exports', slug, 'one', id] as const,
};

/** Whether an export is still being prepared. */
export const isActive = (e: TDemandExport) => e.status === 'queued' || e.status === 'running';

/** The link that downloads a finished export. */
export function demandExportFileUrl(slug: string, id: string): string {
  return `${base(slug)}/${encodeURIComponent(id)}/file`;
}

/** GET …/demands/exports?planId=: the planner's recent exports of the plan (the list survives a reload). */
export function useDemandExports(slug: string, planId: string) {
  return useQuery({
    queryKey: demandExportKeys.list(slug, planId),
    queryFn: ({ signal }) => api.get<TDemandExportList>(`${base(slug)}?planId=${encodeURIComponent(planId)}`, { signal }),
    enabled: planId !== '',
  });
}

/** GET …/demands/exports/:id, polled while the export is queued or running. */
export function useDemandExport(slug: string, initial: TDemandExport) {
  return useQuery({
    queryKey: demandExportKeys.one(slug, initial.id),
    queryFn: ({ signal }) => api.get<TDemandExport>(`${base(slug)}/${encodeURIComponent(initial.id)}`, { signal }),
    initialData: initial,
    // What the list (or the request) just said is fresh: the first poll comes a beat later.
    initialDataUpdatedAt: () => Date.now(),
    staleTime: DEMAND_EXPORT_POLL_MS,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? DEMAND_EXPORT_POLL_MS : false),
  });
}

/** What a new export asks for. */
export type DemandExportRequest = { format: DemandExportFormat; includePersonal: boolean };

/** POST …/demands/exports: asks for a new export of the filtered demands. */
export function useRequestDemandExport(slug: string, filter: TDemandFilterInput) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DemandExportRequest) => api.post<TDemandExport>(base(slug), { ...input, filter }),
    onSuccess: (created) => {
      // Shown at once, queued with its progress bar, before the list is fetched again.
      const key = demandExportKeys.list(slug, String(filter.planId));
      queryClient.setQueryData<TDemandExportList>(key, (old) =>
        old ? { ...old, items: [created, ...old.items.filter((e) => e.id !== created.id)] } : old,
      );
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
