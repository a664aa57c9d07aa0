import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TOrganizationSettings, TUpdateOrganizationSettings } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const settingsKey = (slug: string) => ['admin', slug, 'settings'] as const;
const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/settings`;

/** GET /api/orgs/:slug/settings (admin). */
export function useOrganizationSettings(slug: string) {
  return useQuery({
    queryKey: settingsKey(slug),
    queryFn: ({ signal }) => api.get<TOrganizationSettings>(base(slug), { signal }),
  });
}

/** After a change: the settings, and the municipality everyone sees (name, branding, welcome). */
function useSettingsWriter(slug: string) {
  const queryClient = useQueryClient();
  return (settings: TOrganizationSettings) => {
    queryClient.setQueryData(settingsKey(slug), settings);
    void queryClient.invalidateQueries({ queryKey: queryKeys.organization(slug) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.organizations, exact: true });
  };
}

/** PUT /api/orgs/:slug/settings (admin). */
export function useSaveSettings(slug: string) {
  const write = useSettingsWriter(slug);
  return useMutation({
    mutationFn: (input: TUpdateOrganizationSettings) => api.put<TOrganizationSettings>(base(slug), input),
    onSuccess: write,
  });
}

/** POST /api/orgs/:slug/settings/logo: the image itself as the body (admin). */
export function useUploadLogo(slug: string) {
  const write = useSettingsWriter(slug);
  return useMutation({
    mutationFn: (file: File) => api.upload<TOrganizationSettings>(`${base(slug)}/logo`, file),
    onSuccess: write,
  });
}

/** DELETE /api/orgs/:slug/settings/logo (admin). */
export function useRemoveLogo(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`${base(slug)}/logo`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKey(slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organization(slug) });
    },
  });
}
