import { useEffect, useId, useMemo, useState } from 'react';
import { divIcon, type LeafletEvent, type Marker as LeafletMarker } from 'leaflet';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { TLatLng, TOrganization } from '@hamandishi/contracts';
import { PROBLEMS_NS } from '../problems-i18n';
import { BaseLayers, DistrictBoundaries, MapLabel } from './map-base';

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

/**
 * Placing the point without a mouse: while the map has focus a crosshair marks its centre, the
 * arrow keys pan the map under it (Leaflet's own keyboard handler) and Enter places the point there.
 */
function KeyboardPlacement({ onChange, onPlaced }: { onChange: (value: TLatLng) => void; onPlaced: () => void }) {
  const [isFocused, setIsFocused] = useState(false);
  const map = useMapEvents({
    keydown: (event) => {
      const key = (event.originalEvent as KeyboardEvent).key;
      if (key !== 'Enter' && key !== ' ') return;
      event.originalEvent.preventDefault();
      // A pan still gliding after an arrow key would carry the map on past the point placed:
      // stop it, so the pin lands under the crosshair the user sees.
      map.stop();
      const { lat, lng } = map.getCenter();
      onChange({ lat: round(lat), lng: round(lng) });
      onPlaced();
    },
  });
  // Leaflet fires focus and blur on the map, but its typed event map does not list them.
  useEffect(() => {
    const show = () => setIsFocused(true);
    const hide = () => setIsFocused(false);
    map.on('focus', show).on('blur', hide);
    return () => void map.off('focus', show).off('blur', hide);
  }, [map]);
  return isFocused ? <div className="problem-map__crosshair" aria-hidden="true" /> : null;
}

/** Click the map (or focus it, move it with the arrow keys and press Enter) to place the problem; drag the pin to correct it. */
export default function LocationPicker({ organization, value, onChange }: LocationPickerProps) {
  const { t } = useTranslation(PROBLEMS_NS);
  const hintId = useId();
  const [announcement, setAnnouncement] = useState('');
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
    <div className="stack">
      <div className="problem-map problem-map--picker" dir="ltr">
        <MapContainer
          center={value ? [value.lat, value.lng] : [organization.mapCenter.lat, organization.mapCenter.lng]}
          zoom={value ? 16 : organization.mapZoom}
          zoomControl={false}
          attributionControl={false}
          className="problem-map__canvas"
        >
          <BaseLayers />
          <MapLabel label={t('form.fields.pickOnMap')} describedBy={hintId} />
          <DistrictBoundaries districts={organization.districts} />
          <ClickToPlace onChange={onChange} />
          <KeyboardPlacement onChange={onChange} onPlaced={() => setAnnouncement(t('map.keyboard.placed'))} />
          {value && (
            <Marker
              position={[value.lat, value.lng]}
              draggable
              icon={PIN}
              title={t('form.fields.location')}
              eventHandlers={handlers}
            />
          )}
        </MapContainer>
      </div>
      <p id={hintId} className="field__hint">
        {t('map.keyboard.hint')}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
