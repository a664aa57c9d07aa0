import { useQuery } from '@tanstack/react-query';
import type { TAccountabilityDashboard, TPlanResponse, TPublicProject } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;

/** The dashboard's data in one request. */
export function useAccountability(slug: string, planId: string) {
  return useQuery({
    queryKey: ['accountability', slug, planId],
    queryFn: ({ signal }) => api.get<TAccountabilityDashboard>(`${org(slug)}/plans/${encodeURIComponent(planId)}/accountability`, { signal }),
  });
}

/** Where a dashboard table downloads as CSV. */
export const accountabilityCsvUrl = (slug: string, planId: string, file: string) => `${org(slug)}/plans/${encodeURIComponent(planId)}/accountability/${file}.csv`;

/** A project's public page. */
export function usePublicProject(slug: string, projectId: string) {
  return useQuery({
    queryKey: ['public-project', slug, projectId],
    queryFn: ({ signal }) => api.get<TPublicProject>(`${org(slug)}/strategy/projects/${encodeURIComponent(projectId)}`, { signal }),
  });
}

/** What the plan does about a problem. */
export function usePlanResponse(slug: string, problemId: string) {
  return useQuery({
    queryKey: ['plan-response', slug, problemId],
    queryFn: ({ signal }) => api.get<TPlanResponse>(`${org(slug)}/problems/${encodeURIComponent(problemId)}/plan-response`, { signal }),
  });
}
