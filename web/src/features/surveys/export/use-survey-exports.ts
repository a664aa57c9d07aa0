import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyExportFormat, TSurveyExport, TSurveyExportList } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** How often a queued or running export is asked for its progress. */
export const EXPORT_POLL_MS = 1000;

const base = (slug: string, activityId: string) =>
  `/api/orgs/${encodeURIComponent(slug)}/surveys/${encodeURIComponent(activityId)}/exports`;

/** Query keys of a survey's exports. */
export const surveyExportKeys = {
  list: (slug: string, activityId: string) => ['survey-exports', slug, activityId] as const,
  one: (slug: string, activityId: string, id: string) => ['survey-exports', slug, activityId, id] as const,
};

/** Whether an export is still being prepared. */
export const isActive = (e: TSurveyExport) => e.status === 'queued' || e.status === 'running';

/** The link that downloads a finished export. */
export function surveyExportFileUrl(slug: string, activityId: string, id: string): string {
  return `${base(slug, activityId)}/${encodeURIComponent(id)}/file`;
}

/** GET …/exports: the planner's recent exports of the survey (the list survives a reload). */
export function useSurveyExports(slug: string, activityId: string) {
  return useQuery({
    queryKey: surveyExportKeys.list(slug, activityId),
    queryFn: ({ signal }) => api.get<TSurveyExportList>(base(slug, activityId), { signal }),
  });
}

/** GET …/exports/:id, polled while the export is queued or running. */
export function useSurveyExport(slug: string, activityId: string, initial: TSurveyExport) {
  return useQuery({
    queryKey: surveyExportKeys.one(slug, activityId, initial.id),
    queryFn: ({ signal }) =>
      api.get<TSurveyExport>(`${base(slug, activityId)}/${encodeURIComponent(initial.id)}`, { signal }),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? EXPORT_POLL_MS : false),
  });
}

/** POST …/exports: asks for a new export. */
export function useRequestSurveyExport(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (format: SurveyExportFormat) => api.post<TSurveyExport>(base(slug, activityId), { format }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyExportKeys.list(slug, activityId) }),
  });
}
