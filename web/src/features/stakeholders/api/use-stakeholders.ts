import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateStakeholder,
  TCreateStakeholderContact,
  TMyStakeholders,
  TStakeholder,
  TStakeholderAssessmentInput,
  TStakeholderEngagementList,
  TStakeholderGrid,
  TStakeholderImportReport,
  TStakeholderListQuery,
  TStakeholderNotHeard,
  TStakeholderPage,
  TStakeholderSimilarList,
  TUpdateStakeholder,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/stakeholders`;
const root = (slug: string) => ['organizations', slug, 'stakeholders'] as const;

/** The list's filters as the page keeps them (empty strings: no filter). */
export type StakeholderFilters = Omit<TStakeholderListQuery, 'cursor' | 'limit'>;

function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GET /stakeholders: keyset pages of the filtered list. */
export function useStakeholders(slug: string, filters: StakeholderFilters) {
  return useInfiniteQuery({
    queryKey: [...root(slug), 'list', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api.get<TStakeholderPage>(`${base(slug)}${queryString({ ...filters, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** GET /stakeholders/:id */
export function useStakeholder(slug: string, id: string) {
  return useQuery({ queryKey: [...root(slug), 'one', id], queryFn: ({ signal }) => api.get<TStakeholder>(`${base(slug)}/${encodeURIComponent(id)}`, { signal }) });
}

/** GET /stakeholders/:id/engagement */
export function useStakeholderEngagement(slug: string, id: string) {
  return useQuery({
    queryKey: [...root(slug), 'engagement', id],
    queryFn: ({ signal }) => api.get<TStakeholderEngagementList>(`${base(slug)}/${encodeURIComponent(id)}/engagement`, { signal }),
  });
}

/** GET /stakeholders/grid?planId= */
export function useStakeholderGrid(slug: string, planId: string | undefined) {
  return useQuery({
    queryKey: [...root(slug), 'grid', planId],
    enabled: !!planId,
    queryFn: ({ signal }) => api.get<TStakeholderGrid>(`${base(slug)}/grid${queryString({ planId })}`, { signal }),
  });
}

/** GET /stakeholders/not-heard?planId= */
export function useNotHeard(slug: string, planId: string | undefined) {
  return useQuery({
    queryKey: [...root(slug), 'not-heard', planId],
    enabled: !!planId,
    queryFn: ({ signal }) => api.get<TStakeholderNotHeard>(`${base(slug)}/not-heard${queryString({ planId })}`, { signal }),
  });
}

/** GET /stakeholders/similar?name= (duplicate suggestions while typing a new name). */
export function useSimilarStakeholders(slug: string, name: string) {
  const trimmed = name.trim();
  return useQuery({
    queryKey: [...root(slug), 'similar', trimmed],
    enabled: trimmed.length >= 3,
    queryFn: ({ signal }) => api.get<TStakeholderSimilarList>(`${base(slug)}/similar${queryString({ name: trimmed })}`, { signal }),
    staleTime: 10_000,
  });
}

/** GET /stakeholders/mine: the stakeholders the signed-in person acts for. */
export function useMyStakeholders(slug: string, isEnabled = true) {
  return useQuery({
    queryKey: [...root(slug), 'mine'],
    enabled: isEnabled,
    queryFn: ({ signal }) => api.get<TMyStakeholders>(`${base(slug)}/mine`, { signal }),
  });
}

/** The export's download address. */
export function stakeholderExportUrl(slug: string, format: 'csv' | 'xlsx', planId?: string): string {
  return `${base(slug)}/export.${format}${queryString({ planId })}`;
}

function useRegistryMutation<TInput, TResult>(slug: string, call: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: root(slug) }) });
}

export function useCreateStakeholder(slug: string) {
  return useRegistryMutation(slug, (input: TCreateStakeholder) => api.post<TStakeholder>(base(slug), input));
}

export function useUpdateStakeholder(slug: string, id: string) {
  return useRegistryMutation(slug, (input: TUpdateStakeholder) => api.patch<TStakeholder>(`${base(slug)}/${id}`, input));
}

export function useSetVerified(slug: string, id: string) {
  return useRegistryMutation(slug, (isVerified: boolean) => api.put<TStakeholder>(`${base(slug)}/${id}/verified`, { isVerified }));
}

export function useSaveAssessment(slug: string, id: string) {
  return useRegistryMutation(slug, ({ planId, ...input }: TStakeholderAssessmentInput & { planId: string }) =>
    api.put<TStakeholder>(`${base(slug)}/${id}/assessments/${planId}`, input),
  );
}

export function useDeleteAssessment(slug: string, id: string) {
  return useRegistryMutation(slug, (planId: string) => api.delete<void>(`${base(slug)}/${id}/assessments/${planId}`));
}

export function useAddContact(slug: string, id: string) {
  return useRegistryMutation(slug, (input: TCreateStakeholderContact) => api.post<TStakeholder>(`${base(slug)}/${id}/contacts`, input));
}

export function useDeleteContact(slug: string, id: string) {
  return useRegistryMutation(slug, (contactId: string) => api.delete<void>(`${base(slug)}/${id}/contacts/${contactId}`));
}

export function useLinkAccount(slug: string, id: string) {
  return useRegistryMutation(slug, (q: string) => api.post<TStakeholder>(`${base(slug)}/${id}/accounts`, { q }));
}

export function useUnlinkAccount(slug: string, id: string) {
  return useRegistryMutation(slug, (accountId: string) => api.delete<void>(`${base(slug)}/${id}/accounts/${accountId}`));
}

/** POST /stakeholders/import (the file itself as the body); `dryRun` only checks it. */
export function useImportStakeholders(slug: string) {
  return useRegistryMutation(slug, ({ file, dryRun, planId }: { file: File; dryRun: boolean; planId?: string }) => {
    const type = file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    return api.upload<TStakeholderImportReport>(`${base(slug)}/import${queryString({ dryRun, planId })}`, new Blob([file], { type }));
  });
}
