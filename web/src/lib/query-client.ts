import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** Query keys in one place so invalidation never misses a spelling. */
export const queryKeys = {
  session: ['session'] as const,
  organizations: ['organizations'] as const,
  organization: (slug: string) => ['organizations', slug] as const,
  plans: (slug: string) => ['plans', slug] as const,
  plan: (slug: string, planId: string) => ['plans', slug, planId] as const,
  // Under `plans`: news of a stage or plan (which refreshes plans) refreshes it too.
  openActivities: (slug: string) => ['plans', slug, 'open-activities'] as const,
  stage: (slug: string, stageId: string) => ['stages', slug, stageId] as const,
  committee: (slug: string, committeeId: string) => ['committees', slug, committeeId] as const,
  notifications: ['notifications'] as const,
};

/** A client tuned for phones on slow networks: no refetch storms, no retrying 4xx answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
