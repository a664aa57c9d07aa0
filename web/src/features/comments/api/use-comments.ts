import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentTarget, TComment, TCommentOutcome, TCreateComment, TEditComment } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** One page of a thread: `threadCount` top-level comments in all, `commentCount` with replies. */
export type TCommentPage = { items: TComment[]; nextCursor: string | null; threadCount: number; commentCount: number };
/** A comment waiting for a moderator. */
export type TModerationComment = TComment & {
  targetType?: CommentTarget;
  targetId?: string;
  /** The comment in its place (problem page or consultation paragraph), from the server. */
  link?: string | null;
  reportCount?: number;
  reportReasons?: string[];
};

const org = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;

/** Query keys of comment threads. */
export const commentKeys = {
  thread: (slug: string, targetType: CommentTarget, targetId: string) =>
    ['comments', slug, targetType, targetId] as const,
  moderation: (slug: string) => ['comments', slug, 'moderation'] as const,
};

/** GET /api/orgs/:slug/comments for one target, oldest first, with "load more". */
export function useCommentThread(slug: string, targetType: CommentTarget, targetId: string) {
  return useInfiniteQuery({
    queryKey: commentKeys.thread(slug, targetType, targetId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ targetType, targetId });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<TCommentPage>(`${org(slug)}/comments?${params.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useRefreshThread(slug: string, targetType: CommentTarget, targetId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: commentKeys.thread(slug, targetType, targetId) });
    void queryClient.invalidateQueries({ queryKey: commentKeys.moderation(slug) });
  };
}

/** The writes one can make on a thread; every one refreshes it. */
export function useCommentActions(slug: string, targetType: CommentTarget, targetId: string) {
  const refresh = useRefreshThread(slug, targetType, targetId);
  const path = (id: string, action = '') =>
    `${org(slug)}/comments/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
  return {
    create: useMutation({
      mutationFn: (input: TCreateComment) => api.post<TComment>(`${org(slug)}/comments`, input),
      onSuccess: refresh,
    }),
    edit: useMutation({
      mutationFn: ({ id, ...input }: TEditComment & { id: string }) => api.patch<TComment>(path(id), input),
      onSuccess: refresh,
    }),
    vote: useMutation({
      mutationFn: ({ id, value }: { id: string; value: -1 | 0 | 1 }) => api.post<unknown>(path(id, 'vote'), { value }),
      onSuccess: refresh,
    }),
    report: useMutation({
      mutationFn: ({ id, reason, note }: { id: string; reason: string; note?: string }) =>
        api.post<unknown>(path(id, 'report'), { reason, note }),
    }),
    hide: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<unknown>(path(id, 'hide'), { reason }),
      onSuccess: refresh,
    }),
    restore: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<unknown>(path(id, 'restore'), { reason }),
      onSuccess: refresh,
    }),
    official: useMutation({
      mutationFn: ({ id, isOfficial }: { id: string; isOfficial: boolean }) =>
        api.post<unknown>(path(id, 'official'), { isOfficial }),
      onSuccess: refresh,
    }),
    /** A planner records whether the comment was incorporated into the next edition (null clears it). */
    outcome: useMutation({
      mutationFn: ({ id, ...input }: TCommentOutcome & { id: string }) =>
        api.post<TComment>(path(id, 'outcome'), input),
      onSuccess: refresh,
    }),
  };
}

/** GET /api/orgs/:slug/moderation/comments */
export function useModerationComments(slug: string, filter: 'reported' | 'newest') {
  return useQuery({
    queryKey: [...commentKeys.moderation(slug), filter],
    queryFn: ({ signal }) =>
      api.get<{ items: TModerationComment[] } | TModerationComment[]>(
        `${org(slug)}/moderation/comments?filter=${filter}`,
        { signal },
      ),
    select: (answer) => (Array.isArray(answer) ? answer : answer.items),
  });
}

/** A moderator keeps a reported comment and clears its reports (an optional note goes to the audit log). */
export function useDismissReports(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      api.post<unknown>(`${org(slug)}/comments/${encodeURIComponent(id)}/dismiss-reports`, reason ? { reason } : {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['comments', slug] }),
  });
}

/** Hide or restore a comment from the moderation queue (no thread to refresh there). */
export function useModerateComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'hide' | 'restore'; reason: string }) =>
      api.post<unknown>(`${org(slug)}/comments/${encodeURIComponent(id)}/${action}`, { reason }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['comments', slug] }),
  });
}

/** GET …/comments/counts: the comment count of each of several things of one type (a list's "comments (n)"), in one request. */
export function useCommentCounts(slug: string, targetType: CommentTarget, targetIds: string[]) {
  const ids = targetIds.slice(0, 100).join(',');
  return useQuery({
    queryKey: ['comments', slug, 'counts', targetType, ids] as const,
    enabled: ids !== '',
    queryFn: ({ signal }) =>
      api.get<{ counts: Record<string, number> }>(`${org(slug)}/comments/counts?${new URLSearchParams({ targetType, targetIds: ids }).toString()}`, { signal }),
  });
}
