import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBulkTagDemandsInput,
  TCreateDemandInput,
  TDemand,
  TDemandFilterInput,
  TDemandGroup,
  TDemandGroupList,
  TDemandGroupSuggestions,
  TDemandImportReport,
  TDemandMap,
  TDemandMatrix,
  TDemandPage,
  TDemandParticipation,
  TDemandTagChange,
  TDemandTagResult,
  TDemandTrends,
  DemandMatrixDimension,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/demands`;

/** A filter as the query string the API reads (lists comma-separated, empty fields left out). */
export function filterQuery(filter: TDemandFilterInput, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params.toString();
}

/** Query keys of the hub. */
export const demandKeys = {
  all: (slug: string) => ['demands', slug] as const,
  list: (slug: string, filter: TDemandFilterInput) => ['demands', slug, 'list', filter] as const,
  view: (slug: string, view: string, filter: TDemandFilterInput, extra?: string) => ['demands', slug, view, filter, extra] as const,
  groups: (slug: string, planId: string) => ['demands', slug, 'groups', planId] as const,
};

export function useDemandPages(slug: string, filter: TDemandFilterInput) {
  return useInfiniteQuery({
    queryKey: demandKeys.list(slug, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TDemandPage>(`${base(slug)}?${filterQuery(filter, { limit: 50, cursor: pageParam ?? undefined })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useDemandMatrix(slug: string, filter: TDemandFilterInput, by: DemandMatrixDimension, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandKeys.view(slug, 'matrix', filter, by),
    queryFn: ({ signal }) => api.get<TDemandMatrix>(`${base(slug)}/matrix?${filterQuery(filter, { by })}`, { signal }),
  });
}

export function useDemandMap(slug: string, filter: TDemandFilterInput, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandKeys.view(slug, 'map', filter),
    queryFn: ({ signal }) => api.get<TDemandMap>(`${base(slug)}/map?${filterQuery(filter)}`, { signal }),
  });
}

export function useDemandTrends(slug: string, filter: TDemandFilterInput, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandKeys.view(slug, 'trends', filter),
    queryFn: ({ signal }) => api.get<TDemandTrends>(`${base(slug)}/trends?${filterQuery(filter)}`, { signal }),
  });
}

export function useDemandParticipation(slug: string, filter: TDemandFilterInput, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandKeys.view(slug, 'participation', filter),
    queryFn: ({ signal }) => api.get<TDemandParticipation>(`${base(slug)}/participation?${filterQuery(filter)}`, { signal }),
  });
}

export function useDemandGroups(slug: string, planId: string, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandKeys.groups(slug, planId),
    queryFn: ({ signal }) => api.get<TDemandGroupList>(`${base(slug)}/groups?planId=${planId}`, { signal }),
  });
}

export function useGroupSuggestions(slug: string, planId: string, isEnabled: boolean) {
  return useQuery({
    enabled: isEnabled,
    queryKey: [...demandKeys.groups(slug, planId), 'suggestions'],
    queryFn: ({ signal }) => api.get<TDemandGroupSuggestions>(`${base(slug)}/groups/suggestions?planId=${planId}`, { signal }),
  });
}

/** Every mutation of the hub refreshes its views. */
function useHubMutation<TInput, TResult>(slug: string, run: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: demandKeys.all(slug) }),
  });
}

export const useTagDemand = (slug: string) =>
  useHubMutation(slug, ({ demandId, change }: { demandId: string; change: TDemandTagChange }) => api.patch<TDemand>(`${base(slug)}/${demandId}`, change));

export const useBulkTag = (slug: string) => useHubMutation(slug, (input: TBulkTagDemandsInput) => api.post<TDemandTagResult>(`${base(slug)}/bulk-tag`, input));

export const useCreateDemand = (slug: string) => useHubMutation(slug, (input: TCreateDemandInput) => api.post<TDemand>(base(slug), input));

export const useImportDemands = (slug: string) =>
  useHubMutation(slug, ({ planId, file, dryRun, meeting }: { planId: string; file: File; dryRun: boolean; meeting: string }) =>
    api.upload<TDemandImportReport>(
      `${base(slug)}/import?${filterQuery({ planId } as TDemandFilterInput, { dryRun: String(dryRun), meeting: meeting || undefined })}`,
      file.name.toLowerCase().endsWith('.xlsx') ? new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) : new Blob([file], { type: 'text/csv' }),
    ),
  );

export const useCreateGroup = (slug: string) =>
  useHubMutation(slug, (input: { planId: string; name?: string | null; demandIds: string[] }) => api.post<TDemandGroup>(`${base(slug)}/groups`, input));

export const useUpdateGroup = (slug: string) =>
  useHubMutation(slug, ({ groupId, ...patch }: { groupId: string; name?: string | null; isFocusCandidate?: boolean }) =>
    api.patch<TDemandGroup>(`${base(slug)}/groups/${groupId}`, patch),
  );

export const useMergeGroup = (slug: string) =>
  useHubMutation(slug, ({ groupId, intoId }: { groupId: string; intoId: string }) => api.post<TDemandGroup>(`${base(slug)}/groups/${groupId}/merge`, { intoId }));

export const useDeleteGroup = (slug: string) => useHubMutation(slug, (groupId: string) => api.delete<void>(`${base(slug)}/groups/${groupId}`));
