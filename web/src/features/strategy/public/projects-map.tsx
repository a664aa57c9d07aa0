import { CircleMarker, MapContainer, Tooltip } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TAccountabilityDashboard, TOrganization } from '@hamandishi/contracts';
import { BaseLayers, DistrictBoundaries, MapLabel } from '@/features/problems/components/map-base';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { STRATEGY_PUBLIC_NS } from './public-i18n';

/** Marker colour by monitoring status (the table beside the map says it in words). */
const COLOURS = { on_track: '#15803d', at_risk: '#b45309', off_track: '#b91c1c', none: '#1d4ed8' } as const;

/** The plan's projects with a place, on the municipality's map (a chunk of the dashboard: Leaflet only here). */
export default function ProjectsMap({ organization, projects }: { organization: TOrganization; projects: TAccountabilityDashboard['projects'] }) {
  const { t } = useTranslation(STRATEGY_PUBLIC_NS);
  const locale = useLocale();
  const navigate = useNavigate();
  const placed = projects.filter((p) => p.lat !== null && p.lng !== null);
  return (
    <div className="problem-map" dir="ltr">
      <MapContainer center={[organization.mapCenter.lat, organization.mapCenter.lng]} zoom={organization.mapZoom} zoomControl={false} attributionControl={false} className="problem-map__canvas">
        <BaseLayers />
        <MapLabel label={t('dashboard.projects')} />
        <DistrictBoundaries districts={organization.districts} />
        {placed.map((p) => (
          <CircleMarker
            key={p.id}
            center={[p.lat as number, p.lng as number]}
            radius={9}
            pathOptions={{ color: '#ffffff', weight: 2, fillColor: COLOURS[p.monitoringStatus ?? 'none'], fillOpacity: 1 }}
            eventHandlers={{ click: () => navigate(`/${organization.slug}/projects/${p.id}`) }}
          >
            <Tooltip>
              <span dir="auto">
                {p.code} — {p.title} · {formatNumber(p.progress, locale)}٪
              </span>
            </Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  );
}
