import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBudgetView,
  TStrategyComparison,
  TStrategyImportResult,
  TStrategyStructure,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

/** The structure routes of a plan. */
export const strategyBase = (slug: string, planId: string) => `/api/orgs/${encodeURIComponent(slug)}/plans/${encodeURIComponent(planId)}/strategy`;

/** Query keys of the structure editor. */
export const strategyKeys = {
  structure: (slug: string, planId: string) => ['strategy', slug, planId] as const,
  budget: (slug: string, planId: string, year: number) => ['strategy', slug, planId, 'budget', year] as const,
  compare: (slug: string, planId: string, from: string, to: string) => ['strategy', slug, planId, 'compare', from, to] as const,
};

/** The path of each level in the routes. */
export const LEVEL_PATH = {
  focus_point: 'focus-points',
  goal: 'goals',
  output: 'outputs',
  indicator: 'indicators',
  portfolio: 'portfolios',
  project: 'projects',
  action: 'actions',
} as const;
export type EditorLevel = keyof typeof LEVEL_PATH;

/** GET …/strategy: the whole structure in one request. */
export function useStructure(slug: string, planId: string) {
  return useQuery({
    queryKey: strategyKeys.structure(slug, planId),
    queryFn: ({ signal }) => api.get<TStrategyStructure>(strategyBase(slug, planId), { signal }),
  });
}

/**
 * Every edit answers with the whole structure: it replaces the cached one, so the tree shows what
 * is stored without a second request; the budget and comparisons are fetched again when shown.
 */
export function useStrategyEdit<V>(slug: string, planId: string, send: (base: string, values: V) => Promise<TStrategyStructure>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: V) => send(strategyBase(slug, planId), values),
    onSuccess: (structure) => {
      queryClient.setQueryData(strategyKeys.structure(slug, planId), structure);
      void queryClient.invalidateQueries({ queryKey: ['strategy', slug, planId, 'budget'] });
      void queryClient.invalidateQueries({ queryKey: ['strategy', slug, planId, 'compare'] });
    },
  });
}

/** Create (no id) or replace (with id) a row of a level. */
export function useSaveRow(slug: string, planId: string, level: EditorLevel) {
  return useStrategyEdit<{ id?: string; body: unknown }>(slug, planId, (base, { id, body }) =>
    id ? api.put<TStrategyStructure>(`${base}/${LEVEL_PATH[level]}/${id}`, body) : api.post<TStrategyStructure>(`${base}/${LEVEL_PATH[level]}`, body),
  );
}

/** Archive, copy, remove or reorder rows of any level. */
export function useRowActions(slug: string, planId: string) {
  return useStrategyEdit<
    | { kind: 'archive'; level: EditorLevel; id: string; archived: boolean }
    | { kind: 'copy'; level: EditorLevel; id: string }
    | { kind: 'remove'; level: EditorLevel; id: string }
    | { kind: 'reorder'; level: EditorLevel; ids: string[] }
  >(slug, planId, (base, a) => {
    if (a.kind === 'archive') return api.post(`${base}/${LEVEL_PATH[a.level]}/${a.id}/archive`, { archived: a.archived });
    if (a.kind === 'copy') return api.post(`${base}/${LEVEL_PATH[a.level]}/${a.id}/copy`);
    if (a.kind === 'remove') return api.delete(`${base}/${LEVEL_PATH[a.level]}/${a.id}`);
    return api.post(`${base}/${LEVEL_PATH[a.level]}/reorder`, { ids: a.ids });
  });
}

/** GET …/strategy/budget?year= */
export function useBudget(slug: string, planId: string, year: number | null) {
  return useQuery({
    enabled: year !== null,
    queryKey: strategyKeys.budget(slug, planId, year ?? 0),
    queryFn: ({ signal }) => api.get<TBudgetView>(`${strategyBase(slug, planId)}/budget?year=${year}`, { signal }),
  });
}

/** GET …/strategy/versions/compare */
export function useComparison(slug: string, planId: string, from: string | null, to: string) {
  return useQuery({
    enabled: from !== null,
    queryKey: strategyKeys.compare(slug, planId, from ?? '', to),
    queryFn: ({ signal }) => api.get<TStrategyComparison>(`${strategyBase(slug, planId)}/versions/compare?from=${from}&to=${to}`, { signal }),
  });
}

/** POST …/strategy/import: a preview of the file, or its application with the preview's fingerprint. */
export function useImport(slug: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fingerprint }: { file: Blob; fingerprint?: string }) =>
      api.upload<TStrategyImportResult>(
        `${strategyBase(slug, planId)}/import?mode=${fingerprint ? `apply&fingerprint=${fingerprint}` : 'preview'}`,
        file.type ? file : new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      ),
    onSuccess: (result) => {
      if (result.applied) void queryClient.invalidateQueries({ queryKey: ['strategy', slug, planId] });
    },
  });
}
