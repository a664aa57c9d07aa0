import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreatePlatformOrganization,
  TPlatformOrganization,
  TPlatformOrganizationCreated,
  TUpdatePlatformOrganization,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const PLATFORM_KEY = ['platform', 'organizations'] as const;

/** GET /api/platform/organizations: every municipality with its counts (superadmins). */
export function usePlatformOrganizations() {
  return useQuery({
    queryKey: PLATFORM_KEY,
    queryFn: ({ signal }) => api.get<TPlatformOrganization[]>('/api/platform/organizations', { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: PLATFORM_KEY });
    // The public page of a renamed or suspended municipality shows it at once.
    void queryClient.invalidateQueries({ queryKey: ['organizations'] });
  };
}

/** POST /api/platform/organizations: a municipality and its first admin's invitation. */
export function useCreateOrganization() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: TCreatePlatformOrganization) =>
      api.post<TPlatformOrganizationCreated>('/api/platform/organizations', input),
    onSuccess: refresh,
  });
}

/** PATCH /api/platform/organizations/:id */
export function useUpdateOrganization(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: TUpdatePlatformOrganization) =>
      api.patch<TPlatformOrganization>(`/api/platform/organizations/${id}`, input),
    onSuccess: refresh,
  });
}

/** POST /api/platform/organizations/:id/suspend or /reactivate */
export function useSetOrganizationStatus() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'suspend' | 'reactivate' }) =>
      api.post<TPlatformOrganization>(`/api/platform/organizations/${id}/${action}`),
    onSuccess: refresh,
  });
}
