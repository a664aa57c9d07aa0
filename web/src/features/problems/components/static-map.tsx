import { CircleMarker, MapContainer } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { TLatLng, TOrganization } from '@hamandishi/contracts';
import { PROBLEMS_NS } from '../problems-i18n';
import { BaseLayers, DistrictBoundaries, MapLabel } from './map-base';

/** A small, still map of one point (no dragging or zooming: the page scrolls past it). */
export default function StaticMap({ organization, point }: { organization: TOrganization; point: TLatLng }) {
  const { t } = useTranslation(PROBLEMS_NS);
  return (
    <div className="problem-map problem-map--static" dir="ltr">
      <MapContainer
        center={[point.lat, point.lng]}
        zoom={16}
        zoomControl={false}
        attributionControl={false}
        dragging={false}
        scrollWheelZoom={false}
        doubleClickZoom={false}
        touchZoom={false}
        keyboard={false}
        className="problem-map__canvas"
      >
        <BaseLayers isZoomable={false} />
        <MapLabel label={t('page.location')} />
        <DistrictBoundaries districts={organization.districts} />
        <CircleMarker center={[point.lat, point.lng]} radius={10} pathOptions={{ color: '#ffffff', weight: 3, fillColor: '#dc2626', fillOpacity: 1 }} />
      </MapContainer>
    </div>
  );
}
