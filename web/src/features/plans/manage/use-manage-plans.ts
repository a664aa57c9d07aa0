import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TActivity,
  TAttachment,
  TChangePlanStatus,
  TCommittee,
  TCreateActivity,
  TCreatePlan,
  TCreatePlanRevision,
  TCreateStage,
  TPlan,
  TSaveCommittee,
  TSaveUpstreamDocument,
  TStage,
  TUpdateActivity,
  TUpdatePlan,
  TUpdateStage,
  TUpstreamDocument,
} from '@hamandishi/contracts';
import { api, newIdempotencyKey } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;
const id = (value: string) => encodeURIComponent(value);

/** After any change to a plan or its parts: the plan, the plan list and open stage pages refetch. */
function usePlanRefresher(slug: string) {
  const queryClient = useQueryClient();
  return async (plan?: TPlan) => {
    if (plan) queryClient.setQueryData(queryKeys.plan(slug, plan.id), plan);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['plans', slug] }),
      queryClient.invalidateQueries({ queryKey: ['stages', slug] }),
      queryClient.invalidateQueries({ queryKey: ['committees', slug] }),
    ]);
  };
}

/** POST /api/orgs/:slug/plans */
export function useCreatePlan(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (input: TCreatePlan) => api.post<TPlan>(`${org(slug)}/plans`, input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: refresh,
  });
}

/** PATCH /api/orgs/:slug/plans/:planId */
export function useUpdatePlan(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (input: TUpdatePlan) => api.patch<TPlan>(`${org(slug)}/plans/${id(planId)}`, input),
    onSuccess: refresh,
  });
}

/** POST /api/orgs/:slug/plans/:planId/status */
export function useChangePlanStatus(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (input: TChangePlanStatus) => api.post<TPlan>(`${org(slug)}/plans/${id(planId)}/status`, input),
    onSuccess: refresh,
  });
}

/** POST /api/orgs/:slug/plans/:planId/revisions */
export function useCreateRevision(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (input: TCreatePlanRevision) => api.post<TPlan>(`${org(slug)}/plans/${id(planId)}/revisions`, input),
    onSuccess: refresh,
  });
}

/** POST /api/orgs/:slug/plans/:planId/stages */
export function useCreateStage(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (input: TCreateStage) => api.post<TStage>(`${org(slug)}/plans/${id(planId)}/stages`, input),
    onSuccess: () => refresh(),
  });
}

/** PATCH /api/orgs/:slug/stages/:stageId (also opens or closes it now through `statusOverride`). */
export function useUpdateStage(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ stageId, input }: { stageId: string; input: TUpdateStage }) => api.patch<TStage>(`${org(slug)}/stages/${id(stageId)}`, input),
    onSuccess: () => refresh(),
  });
}

/** DELETE /api/orgs/:slug/stages/:stageId */
export function useDeleteStage(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (stageId: string) => api.delete<void>(`${org(slug)}/stages/${id(stageId)}`),
    onSuccess: () => refresh(),
  });
}

/** PUT /api/orgs/:slug/plans/:planId/stages/order */
export function useReorderStages(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (stageIds: string[]) => api.put<TStage[]>(`${org(slug)}/plans/${id(planId)}/stages/order`, { stageIds }),
    onSuccess: () => refresh(),
  });
}

/** POST /api/orgs/:slug/stages/:stageId/activities */
export function useCreateActivity(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ stageId, input }: { stageId: string; input: TCreateActivity }) =>
      api.post<TActivity>(`${org(slug)}/stages/${id(stageId)}/activities`, input),
    onSuccess: () => refresh(),
  });
}

/** PATCH /api/orgs/:slug/activities/:activityId */
export function useUpdateActivity(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ activityId, input }: { activityId: string; input: TUpdateActivity }) =>
      api.patch<TActivity>(`${org(slug)}/activities/${id(activityId)}`, input),
    onSuccess: () => refresh(),
  });
}

/** POST /api/orgs/:slug/activities/:activityId/open or /close: the window starts or ends now. */
export function useActivityWindow(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ activityId, action }: { activityId: string; action: 'open' | 'close' }) =>
      api.post<TActivity>(`${org(slug)}/activities/${id(activityId)}/${action}`, {}),
    onSuccess: () => refresh(),
  });
}

/** POST /api/orgs/:slug/plans/:planId/committees, or PATCH /api/orgs/:slug/committees/:committeeId */
export function useSaveCommittee(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ committeeId, input }: { committeeId?: string; input: TSaveCommittee }) =>
      committeeId
        ? api.patch<TCommittee>(`${org(slug)}/committees/${id(committeeId)}`, input)
        : api.post<TCommittee>(`${org(slug)}/plans/${id(planId)}/committees`, input),
    onSuccess: () => refresh(),
  });
}

/** DELETE /api/orgs/:slug/committees/:committeeId */
export function useDeleteCommittee(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (committeeId: string) => api.delete<void>(`${org(slug)}/committees/${id(committeeId)}`),
    onSuccess: () => refresh(),
  });
}

/** POST /api/orgs/:slug/plans/:planId/upstream-documents, or PATCH /api/orgs/:slug/upstream-documents/:documentId */
export function useSaveUpstreamDocument(slug: string, planId: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ documentId, input }: { documentId?: string; input: TSaveUpstreamDocument }) =>
      documentId
        ? api.patch<TUpstreamDocument>(`${org(slug)}/upstream-documents/${id(documentId)}`, input)
        : api.post<TUpstreamDocument>(`${org(slug)}/plans/${id(planId)}/upstream-documents`, input),
    onSuccess: () => refresh(),
  });
}

/** DELETE /api/orgs/:slug/upstream-documents/:documentId */
export function useDeleteUpstreamDocument(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (documentId: string) => api.delete<void>(`${org(slug)}/upstream-documents/${id(documentId)}`),
    onSuccess: () => refresh(),
  });
}

/** What an attachment belongs to. */
export type AttachmentOwner = { type: 'plan' | 'stage' | 'upstream_document'; id: string };

/** POST /api/orgs/:slug/attachments?ownerType=&ownerId=&filename= with the file as the raw body. */
export function useUploadAttachment(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: ({ owner, file }: { owner: AttachmentOwner; file: File }) => {
      const query = new URLSearchParams({ ownerType: owner.type, ownerId: owner.id, filename: file.name });
      return api.upload<TAttachment>(`${org(slug)}/attachments?${query.toString()}`, file);
    },
    onSuccess: () => refresh(),
  });
}

/** DELETE /api/orgs/:slug/attachments/:attachmentId */
export function useDeleteAttachment(slug: string) {
  const refresh = usePlanRefresher(slug);
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete<void>(`${org(slug)}/attachments/${id(attachmentId)}`),
    onSuccess: () => refresh(),
  });
}
