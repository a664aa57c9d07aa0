import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAdminTheme,
  TCreateTheme,
  TOrganization,
  TMergeTheme,
  TMoveTheme,
  TThemeImportReport,
  TThemeMergeResult,
  TThemeTree,
  TUpdateTheme,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const themesKey = (slug: string) => ['organizations', slug, 'admin-themes'] as const;
const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/themes`;

/** The export's download address (CSV or XLSX). */
export function themeExportUrl(slug: string, format: 'csv' | 'xlsx'): string {
  return `${base(slug)}/export.${format}`;
}

/** GET /themes: the whole taxonomy with archived themes and item counts. */
export function useThemeTree(slug: string) {
  return useQuery({
    queryKey: themesKey(slug),
    queryFn: ({ signal }) => api.get<TThemeTree>(base(slug), { signal }),
  });
}

// Every change refreshes the tree and the municipality's description (which the pickers read).
// The description is fetched again with its query function given here: invalidating it would
// refetch with the options of its last observer, which may be usePageTitle's cache-only reader
// (skipToken), and fail with "Missing queryFn".
function useThemeMutation<TInput, TResult>(slug: string, call: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: themesKey(slug), exact: true }),
        queryClient
          .fetchQuery({
            queryKey: queryKeys.organization(slug),
            queryFn: ({ signal }) => api.get<TOrganization>(`/api/orgs/${encodeURIComponent(slug)}`, { signal }),
            staleTime: 0,
          })
          .catch(() => undefined),
      ]);
    },
  });
}

/** POST /themes. */
export function useCreateTheme(slug: string) {
  return useThemeMutation(slug, (input: TCreateTheme) => api.post<TAdminTheme>(base(slug), input));
}

/** PATCH /themes/:id: names, slug, colour, icon. */
export function useUpdateTheme(slug: string) {
  return useThemeMutation(slug, ({ id, ...input }: TUpdateTheme & { id: string }) => api.patch<TAdminTheme>(`${base(slug)}/${id}`, input));
}

/** POST /themes/:id/move: reorder or change parent. */
export function useMoveTheme(slug: string) {
  return useThemeMutation(slug, ({ id, ...input }: TMoveTheme & { id: string }) => api.post<TThemeTree>(`${base(slug)}/${id}/move`, input));
}

/** POST /themes/:id/merge. */
export function useMergeTheme(slug: string) {
  return useThemeMutation(slug, ({ id, ...input }: TMergeTheme & { id: string }) => api.post<TThemeMergeResult>(`${base(slug)}/${id}/merge`, input));
}

/** POST or DELETE /themes/:id/archive. */
export function useArchiveTheme(slug: string) {
  return useThemeMutation(slug, ({ id, isArchived }: { id: string; isArchived: boolean }) =>
    isArchived ? api.post<TThemeTree>(`${base(slug)}/${id}/archive`) : api.delete<TThemeTree>(`${base(slug)}/${id}/archive`),
  );
}

/** POST /themes/import (the file itself as the body); `dryRun` only checks it. */
export function useImportThemes(slug: string) {
  return useThemeMutation(slug, ({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const type = file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    return api.upload<TThemeImportReport>(`${base(slug)}/import?dryRun=${dryRun}`, new Blob([file], { type }));
  });
}
