import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Locale,
  TAmendment,
  TAttachment,
  TCommentSearchPage,
  TConsultation,
  TConsultationReport,
  TCreateAmendment,
  TEditionDiff,
  TEditionSource,
  TEditionSummary,
  TSaveEdition,
} from '@hamandishi/contracts';
import { api, newIdempotencyKey } from '@/lib/api-client';

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;
const base = (slug: string, activityId: string) => `${org(slug)}/consultations/${encodeURIComponent(activityId)}`;

/** The content type of a Word document, as the attachments route expects it. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Query keys of one consultation; invalidating `all` refreshes every view of it. */
export const consultationKeys = {
  all: (slug: string, activityId: string) => ['consultations', slug, activityId] as const,
  reading: (slug: string, activityId: string, edition: number | null) =>
    ['consultations', slug, activityId, 'reading', edition] as const,
  source: (slug: string, activityId: string, edition: number) =>
    ['consultations', slug, activityId, 'source', edition] as const,
  diff: (slug: string, activityId: string, from: number, to: number) =>
    ['consultations', slug, activityId, 'diff', from, to] as const,
  amendments: (slug: string, activityId: string, blockId: string) =>
    ['consultations', slug, activityId, 'amendments', blockId] as const,
  report: (slug: string, activityId: string, edition: number | null, lang?: Locale) =>
    ['consultations', slug, activityId, 'report', edition, lang] as const,
  commentSearch: (slug: string, activityId: string, q: string) =>
    ['consultations', slug, activityId, 'comment-search', q] as const,
};

/** GET consultations/:activityId?edition=N: the reading view (the latest published edition when `edition` is null). */
export function useConsultation(slug: string, activityId: string, edition: number | null) {
  return useQuery({
    queryKey: consultationKeys.reading(slug, activityId, edition),
    queryFn: ({ signal }) =>
      api.get<TConsultation>(`${base(slug, activityId)}${edition ? `?edition=${edition}` : ''}`, { signal }),
  });
}

/** GET consultations/:activityId/editions/:number/source (planner): blocks for the editor. */
export function useEditionSource(slug: string, activityId: string, edition: number | null) {
  return useQuery({
    queryKey: consultationKeys.source(slug, activityId, edition ?? 0),
    queryFn: ({ signal }) =>
      api.get<TEditionSource>(`${base(slug, activityId)}/editions/${edition}/source`, { signal }),
    enabled: edition !== null,
    staleTime: 0,
  });
}

/** GET consultations/:activityId/diff?from=&to= */
export function useEditionDiff(slug: string, activityId: string, from: number, to: number) {
  return useQuery({
    queryKey: consultationKeys.diff(slug, activityId, from, to),
    queryFn: ({ signal }) => api.get<TEditionDiff>(`${base(slug, activityId)}/diff?from=${from}&to=${to}`, { signal }),
    enabled: from > 0 && to > 0 && from !== to,
  });
}

function reportQuery(edition: number | null, lang: Locale): string {
  const params = new URLSearchParams();
  if (edition) params.set('edition', String(edition));
  params.set('lang', lang);
  return params.toString();
}

/** GET consultations/:activityId/report?edition=N&lang= (planner): labels in the interface language. */
export function useConsultationReport(slug: string, activityId: string, edition: number | null, lang: Locale) {
  return useQuery({
    queryKey: consultationKeys.report(slug, activityId, edition, lang),
    queryFn: ({ signal }) =>
      api.get<TConsultationReport>(`${base(slug, activityId)}/report?${reportQuery(edition, lang)}`, { signal }),
  });
}

/**
 * The download links of the report (plain links: the browser saves the file), in the interface
 * language: the server writes labels, headers and dates in it.
 */
export function reportDownloadUrl(
  slug: string,
  activityId: string,
  format: 'csv' | 'xlsx',
  edition: number | null,
  lang: Locale,
): string {
  return `${base(slug, activityId)}/report.${format}?${reportQuery(edition, lang)}`;
}

/** GET consultations/:activityId/comments/search?q= (planner), newest first, page by page; idle below two letters. */
export function useCommentSearch(slug: string, activityId: string, q: string) {
  return useInfiniteQuery({
    queryKey: consultationKeys.commentSearch(slug, activityId, q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ q });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<TCommentSearchPage>(`${base(slug, activityId)}/comments/search?${params.toString()}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: q.trim().length >= 2,
  });
}

/** PUT consultations/:activityId/sections/:sectionId/committee (planner); refreshes the report. */
export function useSectionCommittee(slug: string, activityId: string) {
  const refresh = useRefresh(slug, activityId);
  return useMutation({
    mutationFn: ({ sectionId, committeeId }: { sectionId: string; committeeId: string | null }) =>
      api.put<{ sectionId: string; committeeId: string | null }>(
        `${base(slug, activityId)}/sections/${encodeURIComponent(sectionId)}/committee`,
        { committeeId },
      ),
    onSuccess: refresh,
  });
}

/** GET consultations/:activityId/amendments?blockId= */
export function useAmendments(slug: string, activityId: string, blockId: string) {
  return useQuery({
    queryKey: consultationKeys.amendments(slug, activityId, blockId),
    queryFn: ({ signal }) =>
      api.get<{ items: TAmendment[] }>(`${base(slug, activityId)}/amendments?blockId=${encodeURIComponent(blockId)}`, {
        signal,
      }),
    select: (answer) => answer.items,
  });
}

function useRefresh(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: consultationKeys.all(slug, activityId) });
}

/** Proposing and supporting amendments on a block; each refreshes the consultation. */
export function useAmendmentActions(slug: string, activityId: string) {
  const refresh = useRefresh(slug, activityId);
  return {
    create: useMutation({
      mutationFn: (input: TCreateAmendment) =>
        api.post<TAmendment>(`${base(slug, activityId)}/amendments`, input, { idempotencyKey: newIdempotencyKey() }),
      onSuccess: refresh,
    }),
    support: useMutation({
      mutationFn: ({ id, supported }: { id: string; supported: boolean }) =>
        api.post<TAmendment>(`${base(slug, activityId)}/amendments/${encodeURIComponent(id)}/support`, { supported }),
      onSuccess: refresh,
    }),
    status: useMutation({
      mutationFn: ({ id, status, reason }: { id: string; status: TAmendment['status']; reason?: string }) =>
        api.post<TAmendment>(`${base(slug, activityId)}/amendments/${encodeURIComponent(id)}/status`, {
          status,
          reason,
        }),
      onSuccess: refresh,
    }),
  };
}

/** The planner's writes on editions: create, import, save, discard, publish. */
export function useEditionActions(slug: string, activityId: string) {
  const refresh = useRefresh(slug, activityId);
  const editions = `${base(slug, activityId)}/editions`;
  return {
    create: useMutation({
      mutationFn: (input: TSaveEdition) => api.post<TEditionSummary>(editions, input),
      onSuccess: refresh,
    }),
    importDocx: useMutation({
      mutationFn: async ({ file, title }: { file: File; title?: string }) => {
        const query = new URLSearchParams({ ownerType: 'activity', ownerId: activityId, filename: file.name });
        const typed = file.type === DOCX_TYPE ? file : new File([file], file.name, { type: DOCX_TYPE });
        const attachment = await api.upload<TAttachment>(`${org(slug)}/attachments?${query.toString()}`, typed);
        return api.post<TEditionSummary>(`${editions}/import`, {
          attachmentId: attachment.id,
          ...(title ? { title } : {}),
        });
      },
      onSuccess: refresh,
    }),
    save: useMutation({
      mutationFn: ({ number, input }: { number: number; input: TSaveEdition }) =>
        api.put<TEditionSummary>(`${editions}/${number}`, input),
      onSuccess: refresh,
    }),
    discard: useMutation({
      mutationFn: (number: number) => api.delete<void>(`${editions}/${number}`),
      onSuccess: refresh,
    }),
    publish: useMutation({
      mutationFn: (number: number) => api.post<TEditionSummary>(`${editions}/${number}/publish`, {}),
      onSuccess: refresh,
    }),
  };
}

/** Uploads an image for an image block (an attachment of the activity). */
export function useUploadImage(slug: string, activityId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const query = new URLSearchParams({ ownerType: 'activity', ownerId: activityId, filename: file.name });
      return api.upload<TAttachment>(`${org(slug)}/attachments?${query.toString()}`, file);
    },
  });
}
