import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCommittee, TPlan, TPlanSummary, TStage } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;

/** GET /api/orgs/:slug/plans */
export function usePlans(slug: string) {
  return useQuery({
    queryKey: queryKeys.plans(slug),
    queryFn: ({ signal }) => api.get<TPlanSummary[]>(`${org(slug)}/plans`, { signal }),
  });
}

/** GET /api/orgs/:slug/plans/:planId: the whole plan page in one answer. */
export function usePlan(slug: string, planId: string) {
  return useQuery({
    queryKey: queryKeys.plan(slug, planId),
    queryFn: ({ signal }) => api.get<TPlan>(`${org(slug)}/plans/${encodeURIComponent(planId)}`, { signal }),
  });
}

/** GET /api/orgs/:slug/stages/:stageId */
export function useStage(slug: string, stageId: string) {
  return useQuery({
    queryKey: queryKeys.stage(slug, stageId),
    queryFn: ({ signal }) => api.get<TStage>(`${org(slug)}/stages/${encodeURIComponent(stageId)}`, { signal }),
  });
}

/** GET /api/orgs/:slug/committees/:committeeId */
export function useCommittee(slug: string, committeeId: string) {
  return useQuery({
    queryKey: queryKeys.committee(slug, committeeId),
    queryFn: ({ signal }) => api.get<TCommittee>(`${org(slug)}/committees/${encodeURIComponent(committeeId)}`, { signal }),
  });
}

/** What one may follow. */
export type FollowTarget = { type: 'plan' | 'stage'; id: string; planId?: string };
/** The answer of PUT/DELETE /api/orgs/:slug/follows/:targetType/:targetId. */
export type FollowState = { following: boolean; followerCount: number };

/** PUT (follow) or DELETE (unfollow) /api/orgs/:slug/follows/:type/:id; writes the answer into the cached plan or stage. */
export function useFollow(slug: string, target: FollowTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) => {
      const path = `${org(slug)}/follows/${target.type}/${encodeURIComponent(target.id)}`;
      return follow ? api.put<FollowState>(path) : api.delete<FollowState>(path);
    },
    onSuccess: ({ following, followerCount }) => {
      const patch = { isFollowing: following, followerCount };
      if (target.type === 'plan') {
        queryClient.setQueryData<TPlan>(queryKeys.plan(slug, target.id), (old) => (old ? { ...old, ...patch } : old));
        return;
      }
      queryClient.setQueryData<TStage>(queryKeys.stage(slug, target.id), (old) => (old ? { ...old, ...patch } : old));
      if (target.planId) {
        queryClient.setQueryData<TPlan>(queryKeys.plan(slug, target.planId), (old) =>
          old ? { ...old, stages: old.stages.map((stage) => (stage.id === target.id ? { ...stage, ...patch } : stage)) } : old,
        );
      }
    },
  });
}
