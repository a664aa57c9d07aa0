import type { TOrganization, TSurveyBox } from '@hamandishi/contracts';

/**
 * The municipality's box for the builder's preview: around its districts' boundaries when it has
 * any, else half a degree around the map's centre. (Respondents get the server's box with the survey.)
 */
export function previewBox(organization: Pick<TOrganization, 'mapCenter' | 'districts'>): TSurveyBox {
  const points: number[][] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number')
      points.push(node as number[]);
    else if (Array.isArray(node)) node.forEach(collect);
  };
  for (const district of organization.districts)
    collect((district.boundary as { coordinates?: unknown } | null)?.coordinates);
  if (points.length === 0) {
    const { lat, lng } = organization.mapCenter;
    return { minLat: lat - 0.5, maxLat: lat + 0.5, minLng: lng - 0.5, maxLng: lng + 0.5 };
  }
  return {
    minLng: Math.min(...points.map((p) => p[0]!)),
    maxLng: Math.max(...points.map((p) => p[0]!)),
    minLat: Math.min(...points.map((p) => p[1]!)),
    maxLat: Math.max(...points.map((p) => p[1]!)),
  };
}
