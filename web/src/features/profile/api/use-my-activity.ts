import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TMyComment, TMyFollow, TMyProblem, TMySupport } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The kinds of "my activity" listed by page. */
export type MyActivityKind = 'problems' | 'supports' | 'comments';
type ItemOf = { problems: TMyProblem; supports: TMySupport; comments: TMyComment };

/** Keyed by account too: another person signing in on the same phone never sees the cached lists. */
export const myActivityKeys = {
  list: (accountId: string, slug: string, kind: MyActivityKind | 'follows') =>
    ['me', accountId, slug, 'activity', kind] as const,
};

/** GET /api/orgs/:slug/me/{problems|supports|comments}: newest first, "show more". */
export function useMyActivity<K extends MyActivityKind>(accountId: string, slug: string, kind: K, isEnabled = true) {
  return useInfiniteQuery({
    queryKey: myActivityKeys.list(accountId, slug, kind),
    enabled: isEnabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ItemOf[K]>>(
        `/api/orgs/${encodeURIComponent(slug)}/me/${kind}${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /api/orgs/:slug/me/follows: the plans and stages I follow. */
export function useMyFollows(accountId: string, slug: string, isEnabled = true) {
  return useQuery({
    queryKey: myActivityKeys.list(accountId, slug, 'follows'),
    enabled: isEnabled,
    queryFn: ({ signal }) => api.get<TMyFollow[]>(`/api/orgs/${encodeURIComponent(slug)}/me/follows`, { signal }),
  });
}
