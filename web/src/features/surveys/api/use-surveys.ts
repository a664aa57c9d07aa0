import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDuplicateSurvey,
  TSurveyVersionList,
  TAttachment,
  TCreatedSurveyInvites,
  TCreateSurveyInvites,
  TSurveyInvite,
  TSurveyInviteList,
  TPutSurveyDefinition,
  TSaveSurveyDraft,
  TSubmitSurveyResponse,
  TSurveyAdmin,
  TSurveyForRespondent,
  TSurveyResponseReceipt,
  TSurveySettings,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const base = (slug: string, activityId: string) =>
  `/api/orgs/${encodeURIComponent(slug)}/surveys/${encodeURIComponent(activityId)}`;
const inviteQuery = (invite: string | null) => (invite ? `?invite=${encodeURIComponent(invite)}` : '');

/** Query keys of one survey. */
export const surveyKeys = {
  all: (slug: string, activityId: string) => ['surveys', slug, activityId] as const,
  respond: (slug: string, activityId: string, invite: string | null) =>
    ['surveys', slug, activityId, 'respond', invite] as const,
  admin: (slug: string, activityId: string) => ['surveys', slug, activityId, 'admin'] as const,
};

/** GET surveys/:activityId/respond[?invite=]: the survey to answer, with the respondent's own draft or response. */
export function useSurveyToAnswer(slug: string, activityId: string, invite: string | null) {
  return useQuery({
    queryKey: surveyKeys.respond(slug, activityId, invite),
    queryFn: ({ signal }) =>
      api.get<TSurveyForRespondent>(`${base(slug, activityId)}/respond${inviteQuery(invite)}`, { signal }),
    // The answers being typed live in the form; a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

/** PUT surveys/:activityId/response/draft: autosave. */
export function saveSurveyDraft(slug: string, activityId: string, invite: string | null, input: TSaveSurveyDraft) {
  return api.put<TSurveyResponseReceipt>(`${base(slug, activityId)}/response/draft${inviteQuery(invite)}`, input);
}

/** POST surveys/:activityId/response (first submission, idempotent by key) or PUT (an edit of a submitted one). */
export function useSubmitSurveyResponse(slug: string, activityId: string, invite: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      input,
      isEdit,
      idempotencyKey,
    }: {
      input: TSubmitSurveyResponse;
      isEdit: boolean;
      idempotencyKey: string;
    }) =>
      isEdit
        ? api.put<TSurveyResponseReceipt>(`${base(slug, activityId)}/response${inviteQuery(invite)}`, input)
        : api.post<TSurveyResponseReceipt>(`${base(slug, activityId)}/response${inviteQuery(invite)}`, input, {
            idempotencyKey,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.respond(slug, activityId, invite) }),
  });
}

/** GET surveys/:activityId (planner): the survey as its builder sees it. */
export function useSurveyAdmin(slug: string, activityId: string) {
  return useQuery({
    queryKey: surveyKeys.admin(slug, activityId),
    queryFn: ({ signal }) => api.get<TSurveyAdmin>(base(slug, activityId), { signal }),
    refetchOnWindowFocus: false,
  });
}

/** PUT surveys/:activityId/definition (planner): refused with the problems of `validateDefinition`. */
export function useSaveSurveyDefinition(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TPutSurveyDefinition) => api.put<TSurveyAdmin>(`${base(slug, activityId)}/definition`, input),
    onSuccess: (survey) => queryClient.setQueryData(surveyKeys.admin(slug, activityId), survey),
  });
}

/** PUT surveys/:activityId/settings (planner): audience, anonymity, demographics. */
export function useSaveSurveySettings(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TSurveySettings) => api.put<TSurveyAdmin>(`${base(slug, activityId)}/settings`, input),
    onSuccess: (survey) => queryClient.setQueryData(surveyKeys.admin(slug, activityId), survey),
  });
}

/** POST surveys/:activityId/images?filename=[&invite=]: the image answering a file question (signed-in respondents). */
export function uploadSurveyImage(slug: string, activityId: string, invite: string | null, file: File) {
  const query = new URLSearchParams({ filename: file.name || 'image' });
  if (invite) query.set('invite', invite);
  return api.upload<TAttachment>(`${base(slug, activityId)}/images?${query.toString()}`, file);
}

/** GET surveys/:activityId/invites (planner): personal links, without their tokens. */
export function useSurveyInvites(slug: string, activityId: string) {
  return useQuery({
    queryKey: [...surveyKeys.admin(slug, activityId), 'invites'] as const,
    queryFn: ({ signal }) => api.get<TSurveyInviteList>(`${base(slug, activityId)}/invites`, { signal }),
  });
}

/** POST surveys/:activityId/invites and .../invites/:id/revoke (planner). */
export function useSurveyInviteActions(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...surveyKeys.admin(slug, activityId), 'invites'] });
  return {
    create: useMutation({
      mutationFn: (input: TCreateSurveyInvites) =>
        api.post<TCreatedSurveyInvites>(`${base(slug, activityId)}/invites`, input),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (inviteId: string) =>
        api.post<TSurveyInvite>(`${base(slug, activityId)}/invites/${encodeURIComponent(inviteId)}/revoke`),
      onSuccess: refresh,
    }),
  };
}

/** GET surveys/:activityId/versions (planner): earlier definitions kept by wording fixes, newest first. */
export function useSurveyVersions(slug: string, activityId: string) {
  return useQuery({
    queryKey: [...surveyKeys.admin(slug, activityId), 'versions'] as const,
    queryFn: ({ signal }) => api.get<TSurveyVersionList>(`${base(slug, activityId)}/versions`, { signal }),
  });
}

/** POST surveys/:activityId/duplicate (planner): copies this survey into another survey activity without responses. */
export function useDuplicateSurvey(slug: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TDuplicateSurvey) => api.post<TSurveyAdmin>(`${base(slug, activityId)}/duplicate`, input),
    onSuccess: (copy) => queryClient.invalidateQueries({ queryKey: surveyKeys.admin(slug, copy.activityId) }),
  });
}
