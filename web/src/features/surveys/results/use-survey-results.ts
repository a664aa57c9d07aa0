import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  SurveyCrosstabGrouping,
  TSurveyAdmin,
  TSurveyCrosstab,
  TSurveyRepresentativeness,
  TSurveyResults,
  TSurveyResultsQuery,
  TSurveyTextPage,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';

const base = (slug: string, activityId: string) => `/api/orgs/${encodeURIComponent(slug)}/surveys/${encodeURIComponent(activityId)}`;

/** The filters of the results page, as query parameters (empty ones left out). */
export type ResultsFilters = Omit<TSurveyResultsQuery, 'weighted'> & { weighted: boolean };

function search(filters: ResultsFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    ...extra,
    district: filters.district,
    capacity: filters.capacity,
    ageBand: filters.ageBand,
    gender: filters.gender,
    weighted: filters.weighted ? 'true' : undefined,
  };
  for (const [key, value] of Object.entries(all)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Query keys of one survey's results. */
export const surveyResultsKeys = {
  all: (slug: string, activityId: string) => ['survey-results', slug, activityId] as const,
};

/** GET surveys/:activityId (planner): the definition, for the questions' titles. */
export function useSurveyForResults(slug: string, activityId: string) {
  return useQuery({
    queryKey: [...surveyResultsKeys.all(slug, activityId), 'survey'],
    queryFn: ({ signal }) => api.get<TSurveyAdmin>(base(slug, activityId), { signal }),
  });
}

/** GET surveys/:activityId/results with the filters. */
export function useSurveyResults(slug: string, activityId: string, filters: ResultsFilters) {
  const query = search(filters);
  return useQuery({
    queryKey: [...surveyResultsKeys.all(slug, activityId), 'results', query],
    queryFn: ({ signal }) => api.get<TSurveyResults>(`${base(slug, activityId)}/results${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET surveys/:activityId/results/crosstab?question=&by= with the filters. */
export function useSurveyCrosstab(slug: string, activityId: string, question: string | null, by: SurveyCrosstabGrouping, filters: ResultsFilters) {
  const query = search(filters, { question: question ?? undefined, by });
  return useQuery({
    queryKey: [...surveyResultsKeys.all(slug, activityId), 'crosstab', query],
    queryFn: ({ signal }) => api.get<TSurveyCrosstab>(`${base(slug, activityId)}/results/crosstab${query}`, { signal }),
    enabled: question !== null,
  });
}

/** GET surveys/:activityId/results/representativeness. */
export function useSurveyRepresentativeness(slug: string, activityId: string) {
  return useQuery({
    queryKey: [...surveyResultsKeys.all(slug, activityId), 'representativeness'],
    queryFn: ({ signal }) => api.get<TSurveyRepresentativeness>(`${base(slug, activityId)}/results/representativeness`, { signal }),
  });
}

/** GET surveys/:activityId/results/texts?question=&q=, page by page. */
export function useSurveyTexts(slug: string, activityId: string, question: string | null, q: string, filters: ResultsFilters) {
  const query = search({ ...filters, weighted: false }, { question: question ?? undefined, q: q.trim() || undefined });
  return useInfiniteQuery({
    queryKey: [...surveyResultsKeys.all(slug, activityId), 'texts', query],
    queryFn: ({ signal, pageParam }) =>
      api.get<TSurveyTextPage>(`${base(slug, activityId)}/results/texts${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: question !== null,
  });
}
