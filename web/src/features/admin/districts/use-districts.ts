import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  GEOJSON_CONTENT_TYPE,
  type TAdminDistrict,
  type TCreateDistrict,
  type TDistrictImportQuery,
  type TDistrictImportReport,
  type TDistrictImportResult,
  type TDistrictPopulation,
  type TDistrictPopulationInput,
  type TUpdateDistrict,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/districts`;
const districtsKey = (slug: string) => ['admin-districts', slug] as const;

function importPath(slug: string, suffix: string, query: TDistrictImportQuery): string {
  const params = new URLSearchParams();
  if (query.nameProperty) params.set('nameProperty', query.nameProperty);
  if (query.numberProperty) params.set('numberProperty', query.numberProperty);
  return `${base(slug)}/${suffix}?${params.toString()}`;
}

/** The file as the import routes take it: the GeoJSON itself, whatever type the browser guessed. */
const asGeojson = (file: Blob) => new Blob([file], { type: GEOJSON_CONTENT_TYPE });

/** GET /api/orgs/:slug/districts (admin): districts with problem counts and population. */
export function useAdminDistricts(slug: string) {
  return useQuery({
    queryKey: districtsKey(slug),
    queryFn: ({ signal }) => api.get<TAdminDistrict[]>(base(slug), { signal }),
  });
}

/** After a change: the admin list and the municipality (whose districts every map draws). */
function useRefresh(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: districtsKey(slug) }),
      // Marked stale, not refetched now: the layout above every page holds this query, and the
      // municipality's maps read its districts the next time they mount.
      queryClient.invalidateQueries({ queryKey: queryKeys.organization(slug), refetchType: 'none' }),
    ]);
}

/** POST …/districts/import/preview: the validation report of a file; nothing is saved. */
export function usePreviewImport(slug: string) {
  return useMutation({
    mutationFn: ({ file, query }: { file: Blob; query: TDistrictImportQuery }) =>
      api.upload<TDistrictImportReport>(importPath(slug, 'import/preview', query), asGeojson(file)),
  });
}

/** POST …/districts/import: replaces the geometry and re-derives the problems' districts. */
export function useImportDistricts(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: ({ file, query }: { file: Blob; query: TDistrictImportQuery }) =>
      api.upload<TDistrictImportResult>(importPath(slug, 'import', query), asGeojson(file)),
    onSuccess: refresh,
  });
}

/** POST …/districts: a district drawn on the map. */
export function useCreateDistrict(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (input: TCreateDistrict) => api.post<TAdminDistrict>(base(slug), input),
    onSuccess: refresh,
  });
}

/** PATCH …/districts/:id: names, number or boundary. */
export function useUpdateDistrict(slug: string, id: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (input: TUpdateDistrict) => api.patch<TAdminDistrict>(`${base(slug)}/${encodeURIComponent(id)}`, input),
    onSuccess: refresh,
  });
}

/** DELETE …/districts/:id (refused while problems name it). */
export function useDeleteDistrict(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`${base(slug)}/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
}

/** PUT …/districts/:id/population */
export function useSavePopulation(slug: string, id: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (input: TDistrictPopulationInput) =>
      api.put<TDistrictPopulation>(`${base(slug)}/${encodeURIComponent(id)}/population`, input),
    onSuccess: refresh,
  });
}
