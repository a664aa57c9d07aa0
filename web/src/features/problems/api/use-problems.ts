import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TChangeProblemStatus,
  TCreateProblem,
  TMapView,
  TPlan,
  TProblem,
  TProblemFilters,
  TProblemListItem,
  TProblemPhoto,
  ZHeatView,
  ZSimilarProblem,
  ZSupportState,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';
import { usePlans } from '@/features/plans/api/use-plans';

/** A suggested duplicate while reporting. */
export type TSimilarProblem = z.infer<typeof ZSimilarProblem>;
/** The answer of PUT/DELETE …/support. */
export type TSupportState = z.infer<typeof ZSupportState>;
/** Weighted heat cells: [lat, lng, weight]. */
export type THeatView = z.infer<typeof ZHeatView>;
/** One keyset page of the problem list. */
export type TProblemPage = { items: TProblemListItem[]; nextCursor: string | null };
/** A viewport: `minLng,minLat,maxLng,maxLat` and the zoom level. */
export type TViewport = { bbox: string; zoom: number };

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;

/** Query keys of this feature, under one root so a change can invalidate them together. */
export const problemKeys = {
  all: (slug: string) => ['problems', slug] as const,
  list: (slug: string, filters: TProblemFilters, mineOf: string | null = null) => ['problems', slug, 'list', filters, mineOf] as const,
  map: (slug: string, filters: TProblemFilters, viewport: TViewport | null) => ['problems', slug, 'map', filters, viewport] as const,
  heat: (slug: string, filters: TProblemFilters, viewport: TViewport | null) => ['problems', slug, 'heat', filters, viewport] as const,
  detail: (slug: string, id: string) => ['problems', slug, 'detail', id] as const,
  similar: (slug: string, title: string, lat?: number, lng?: number) => ['problems', slug, 'similar', title, lat, lng] as const,
  moderation: (slug: string) => ['problems', slug, 'moderation'] as const,
};

/** Filters as query-string pairs (empty ones left out). */
export function filtersToParams(filters: TProblemFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') params.set(key, String(value));
  }
  return params;
}

/**
 * GET /api/orgs/:slug/problems: newest first, keyset "load more". `mineOf`: only the reports of
 * this signed-in account (its id keys the cache, so another person on the device never sees them).
 */
export function useProblemList(slug: string, filters: TProblemFilters, isEnabled = true, mineOf: string | null = null) {
  return useInfiniteQuery({
    queryKey: problemKeys.list(slug, filters, mineOf),
    enabled: isEnabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = filtersToParams(filters);
      if (mineOf) params.set('mine', 'true');
      if (pageParam) params.set('cursor', pageParam);
      return api.get<TProblemPage>(`${org(slug)}/problems?${params.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /api/orgs/:slug/problems/map for the viewport: clusters and points. */
export function useProblemMap(slug: string, filters: TProblemFilters, viewport: TViewport | null, isEnabled = true) {
  return useQuery({
    queryKey: problemKeys.map(slug, filters, viewport),
    enabled: Boolean(viewport) && isEnabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const params = filtersToParams(filters);
      params.set('bbox', viewport?.bbox ?? '');
      params.set('zoom', String(viewport?.zoom ?? 0));
      return api.get<TMapView>(`${org(slug)}/problems/map?${params.toString()}`, { signal });
    },
  });
}

/** GET /api/orgs/:slug/problems/heat for the viewport. */
export function useProblemHeat(slug: string, filters: TProblemFilters, viewport: TViewport | null, isEnabled: boolean) {
  return useQuery({
    queryKey: problemKeys.heat(slug, filters, viewport),
    enabled: Boolean(viewport) && isEnabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const params = filtersToParams(filters);
      params.set('bbox', viewport?.bbox ?? '');
      params.set('zoom', String(viewport?.zoom ?? 0));
      return api.get<THeatView>(`${org(slug)}/problems/heat?${params.toString()}`, { signal });
    },
  });
}

/** GET /api/orgs/:slug/problems/:id */
export function useProblem(slug: string, problemId: string) {
  return useQuery({
    queryKey: problemKeys.detail(slug, problemId),
    queryFn: ({ signal }) => api.get<TProblem>(`${org(slug)}/problems/${encodeURIComponent(problemId)}`, { signal }),
  });
}

/** GET /api/orgs/:slug/problems/similar: only once the title is long enough to mean something. */
export function useSimilarProblems(slug: string, title: string, location: { lat: number; lng: number } | null | undefined) {
  const trimmed = title.trim();
  return useQuery({
    queryKey: problemKeys.similar(slug, trimmed, location?.lat, location?.lng),
    enabled: trimmed.length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ title: trimmed });
      if (location) {
        params.set('lat', location.lat.toFixed(6));
        params.set('lng', location.lng.toFixed(6));
      }
      return api.get<TSimilarProblem[]>(`${org(slug)}/problems/similar?${params.toString()}`, { signal });
    },
  });
}

/** POST /api/orgs/:slug/problem-photos: the raw image, re-encoded by the server. */
export function useUploadProblemPhoto(slug: string) {
  return useMutation({ mutationFn: (file: File) => api.upload<TProblemPhoto>(`${org(slug)}/problem-photos`, file) });
}

/** POST /api/orgs/:slug/activities/:activityId/problems with an Idempotency-Key. */
export function useCreateProblem(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, input, idempotencyKey }: { activityId: string; input: TCreateProblem; idempotencyKey: string }) =>
      api.post<TProblem>(`${org(slug)}/activities/${encodeURIComponent(activityId)}/problems`, input, { idempotencyKey }),
    onSuccess: (problem) => {
      queryClient.setQueryData(problemKeys.detail(slug, problem.id), problem);
      void queryClient.invalidateQueries({ queryKey: ['problems', slug, 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['problems', slug, 'map'] });
    },
  });
}

/** Writes a new support count into every cached copy of a problem. */
export function useWriteSupportCount(slug: string) {
  const queryClient = useQueryClient();
  return (problemId: string, patch: { supportCount: number; isSupported?: boolean }) => {
    queryClient.setQueryData<TProblem>(problemKeys.detail(slug, problemId), (old) =>
      old ? { ...old, supportCount: patch.supportCount, ...(patch.isSupported === undefined ? {} : { isSupported: patch.isSupported }) } : old,
    );
    queryClient.setQueriesData<TSimilarProblem[]>({ queryKey: ['problems', slug, 'similar'] }, (old) =>
      old?.map((p) => (p.id === problemId ? { ...p, supportCount: patch.supportCount } : p)),
    );
  };
}

/** PUT (support) or DELETE (withdraw) /api/orgs/:slug/problems/:id/support. */
export function useSupport(slug: string, problemId: string) {
  const write = useWriteSupportCount(slug);
  return useMutation({
    mutationFn: (support: boolean) => {
      const path = `${org(slug)}/problems/${encodeURIComponent(problemId)}/support`;
      return support ? api.put<TSupportState>(path) : api.delete<TSupportState>(path);
    },
    onSuccess: ({ supported, supportCount }) => write(problemId, { supportCount, isSupported: supported }),
  });
}

function useProblemAction<TInput>(slug: string, problemId: string, action: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => api.post<TProblem | undefined>(`${org(slug)}/problems/${encodeURIComponent(problemId)}/${action}`, input),
    onSuccess: (answer) => {
      // A merge answers the kept problem, not the one acted on: file the answer under its own id.
      if (answer && typeof answer === 'object' && 'id' in answer) queryClient.setQueryData(problemKeys.detail(slug, answer.id), answer);
      void queryClient.invalidateQueries({ queryKey: problemKeys.all(slug) });
    },
  });
}

/** POST …/problems/:id/status (planner). */
export const useChangeProblemStatus = (slug: string, problemId: string) => useProblemAction<TChangeProblemStatus>(slug, problemId, 'status');
/** POST …/problems/:id/merge {intoId} (moderator). */
export const useMergeProblem = (slug: string, problemId: string) => useProblemAction<{ intoId: string; reason?: string }>(slug, problemId, 'merge');
/** POST …/problems/:id/hide (moderator). */
export const useHideProblem = (slug: string, problemId: string) => useProblemAction<{ reason: string }>(slug, problemId, 'hide');
/** POST …/problems/:id/restore (moderator). */
export const useRestoreProblem = (slug: string, problemId: string) => useProblemAction<{ reason: string }>(slug, problemId, 'restore');

/** A problem waiting for a moderator, with how often it was reported. */
export type TModerationProblem = TProblemListItem & {
  isHidden?: boolean;
  hiddenReason?: string | null;
  reportCount?: number;
  /** Shown to moderators even when the problem is anonymous to everyone else. */
  author?: { displayName: string } | null;
  isAnonymous?: boolean;
  description?: string;
};

/** GET /api/orgs/:slug/moderation/problems */
export function useModerationProblems(slug: string, isHiddenOnly: boolean) {
  return useQuery({
    queryKey: [...problemKeys.moderation(slug), isHiddenOnly],
    queryFn: ({ signal }) =>
      api.get<{ items: TModerationProblem[] } | TModerationProblem[]>(`${org(slug)}/moderation/problems${isHiddenOnly ? '?hidden=true' : ''}`, { signal }),
    select: (answer) => (Array.isArray(answer) ? answer : answer.items),
  });
}

/**
 * The open problem-collection activity of the municipality and its plan, read from the plans'
 * pages (a report is filed into an activity).
 */
export function useOpenProblemActivity(slug: string) {
  const plans = usePlans(slug);
  const details = useQueries({
    queries: (plans.data ?? []).map((plan) => ({
      queryKey: queryKeys.plan(slug, plan.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TPlan>(`${org(slug)}/plans/${encodeURIComponent(plan.id)}`, { signal }),
    })),
  });
  const isPending = plans.isPending || details.some((d) => d.isPending);
  for (const detail of details) {
    for (const stage of detail.data?.stages ?? []) {
      const activity = stage.activities.find((a) => a.type === 'problem_collection' && a.isOpen);
      if (activity && detail.data) return { isPending: false, activity, plan: detail.data };
    }
  }
  return { isPending, activity: null, plan: null };
}
