import { useMemo } from 'react';
import { divIcon, type LeafletEvent, type Marker as LeafletMarker } from 'leaflet';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { TLatLng, TOrganization } from '@hamandishi/contracts';
import { PROBLEMS_NS } from '../problems-i18n';
import { BaseLayers, DistrictBoundaries } from './map-base';

export type LocationPickerProps = {
  organization: TOrganization;
  value: TLatLng | null | undefined;
  onChange: (value: TLatLng) => void;
};

// A CSS pin (no image files to resolve through the bundler).
const PIN = divIcon({ className: 'location-pin', html: '<span></span>', iconSize: [28, 28], iconAnchor: [14, 28] });

function ClickToPlace({ onChange }: { onChange: (value: TLatLng) => void }) {
  useMapEvents({ click: (event) => onChange({ lat: round(event.latlng.lat), lng: round(event.latlng.lng) }) });
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Click the map to place the problem; drag the pin to correct it. */
export default function LocationPicker({ organization, value, onChange }: LocationPickerProps) {
  const { t } = useTranslation(PROBLEMS_NS);
  const handlers = useMemo(
    () => ({
      dragend: (event: LeafletEvent) => {
        const { lat, lng } = (event.target as LeafletMarker).getLatLng();
        onChange({ lat: round(lat), lng: round(lng) });
      },
    }),
    [onChange],
  );
  return (
    <div className="problem-map problem-map--picker" dir="ltr">
      <MapContainer
        center={value ? [value.lat, value.lng] : [organization.mapCenter.lat, organization.mapCenter.lng]}
        zoom={value ? 16 : organization.mapZoom}
        zoomControl={false}
        attributionControl={false}
        className="problem-map__canvas"
        aria-label={t('form.fields.pickOnMap')}
      >
        <BaseLayers />
        <DistrictBoundaries districts={organization.districts} />
        <ClickToPlace onChange={onChange} />
        {value && <Marker position={[value.lat, value.lng]} draggable icon={PIN} title={t('form.fields.location')} eventHandlers={handlers} />}
      </MapContainer>
    </div>
  );
}
