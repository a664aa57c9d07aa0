import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SuggestionDecision,
  TDemandClassifierState,
  TDemandSuggestionList,
  TSuggestedDemandPage,
  TSuggestionDecisionResult,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/demands`;

/** How often the status is asked for while a training is queued or running. */
export const TRAINING_POLL_MS = 2000;

/** Query keys of the classifier and its suggestions. */
export const demandSuggestionKeys = {
  all: (slug: string) => ['demand-suggestions', slug] as const,
  state: (slug: string) => ['demand-suggestions', slug, 'classifier'] as const,
  ofDemand: (slug: string, demandId: string) => ['demand-suggestions', slug, 'demand', demandId] as const,
  page: (slug: string) => ['demand-suggestions', slug, 'page'] as const,
};

/** GET …/demands/classifier, polled while a training is under way. */
export function useClassifierState(slug: string) {
  return useQuery({
    queryKey: demandSuggestionKeys.state(slug),
    queryFn: ({ signal }) => api.get<TDemandClassifierState>(`${base(slug)}/classifier`, { signal }),
    refetchInterval: (query) => (query.state.data?.isTraining ? TRAINING_POLL_MS : false),
  });
}

/** POST …/demands/classifier/train: retrain now. */
export function useRetrain(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TDemandClassifierState>(`${base(slug)}/classifier/train`, {}),
    onSuccess: (state) => queryClient.setQueryData(demandSuggestionKeys.state(slug), state),
  });
}

/** GET …/demands/:id/suggestions: the open suggestions of one demand. */
export function useDemandSuggestions(slug: string, demandId: string, isEnabled = true) {
  return useQuery({
    enabled: isEnabled,
    queryKey: demandSuggestionKeys.ofDemand(slug, demandId),
    queryFn: ({ signal }) => api.get<TDemandSuggestionList>(`${base(slug)}/${encodeURIComponent(demandId)}/suggestions`, { signal }),
  });
}

/** GET …/demands/suggestions: untagged demands with suggestions, page after page. */
export function useSuggestedDemands(slug: string) {
  return useInfiniteQuery({
    queryKey: demandSuggestionKeys.page(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TSuggestedDemandPage>(`${base(slug)}/suggestions?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Accepts or rejects one suggestion; everything that shows suggestions is refreshed after it. */
export function useDecideSuggestion(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ demandId, themeId, decision }: { demandId: string; themeId: string; decision: SuggestionDecision }) =>
      api.post<TSuggestionDecisionResult>(
        `${base(slug)}/${encodeURIComponent(demandId)}/suggestions/${encodeURIComponent(themeId)}/${decision}`,
        {},
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: demandSuggestionKeys.all(slug) }),
  });
}
