import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TAuditFacets, TAuditPage } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** What the audit screen filters by; `from`/`to` are ISO days (the Jalali fields convert them). */
export type AuditFilters = { entityType?: string; entityId?: string; actorId?: string; from?: string; to?: string };

/** Query keys of the audit screen. */
export const auditKeys = {
  all: (slug: string) => ['orgs', slug, 'audit'] as const,
  log: (slug: string, filters: AuditFilters) => ['orgs', slug, 'audit', 'log', filters] as const,
  facets: (slug: string) => ['orgs', slug, 'audit', 'facets'] as const,
};

function queryString(filters: AuditFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', '30');
  return params.toString();
}

/** GET /api/orgs/:slug/audit: newest first, "load more" by cursor; the last results stay while new filters load. */
export function useAuditLog(slug: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(slug, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TAuditPage>(`/api/orgs/${encodeURIComponent(slug)}/audit?${queryString(filters, pageParam)}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/orgs/:slug/audit/facets: the entity types and actors the filters offer. */
export function useAuditFacets(slug: string) {
  return useQuery({
    queryKey: auditKeys.facets(slug),
    queryFn: ({ signal }) => api.get<TAuditFacets>(`/api/orgs/${encodeURIComponent(slug)}/audit/facets`, { signal }),
  });
}
