import { useEffect, useMemo, useRef } from 'react';
import { CircleMarker, MapContainer, Marker, useMap, useMapEvents } from 'react-leaflet';
import { divIcon, type LatLngBoundsExpression, type LeafletKeyboardEvent, type Map as LeafletMap } from 'leaflet';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProblemStatus, TMapView, TOrganization } from '@hamandishi/contracts';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import type { THeatView, TViewport } from '../api/use-problems';
import { clusterLabel, clusterRadius, zoomIntoCluster } from '../lib/cluster';
import { VIEWPORT_DEBOUNCE_MS } from '../lib/map-config';
import { PROBLEMS_NS } from '../problems-i18n';
import { BaseLayers, DistrictBoundaries, MapLabel } from './map-base';

/** Marker colours per status; the list and the problem page repeat the status in words. */
export const STATUS_COLORS: Record<ProblemStatus, string> = {
  submitted: '#1d4ed8',
  under_review: '#b45309',
  accepted: '#15803d',
  merged: '#64748b',
  out_of_scope: '#64748b',
  addressed: '#0f766e',
};

export type ProblemsMapProps = {
  organization: TOrganization;
  view: TMapView | undefined;
  heat: THeatView | undefined;
  isHeatShown: boolean;
  onViewportChange: (viewport: TViewport) => void;
};

/** Reports the viewport after the map stops moving (debounced, so a pan is one request). */
function ViewportWatcher({ onViewportChange }: { onViewportChange: (viewport: TViewport) => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const report = (map: LeafletMap) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const b = map.getBounds();
      const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
      const bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)]
        .map((v) => v.toFixed(5))
        .join(',');
      onViewportChange({ bbox, zoom: Math.round(map.getZoom()) });
    }, VIEWPORT_DEBOUNCE_MS);
  };
  const map = useMapEvents({ moveend: () => report(map) });
  useEffect(() => {
    report(map);
    return () => clearTimeout(timer.current);
  }, [map]);
  return null;
}

// Markers are HTML (divIcon), not SVG circles: Leaflet makes them focusable buttons
// (`keyboard: true` gives tabindex 0 and role=button), named by their title.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isActivation = (event: LeafletKeyboardEvent) =>
  event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ';

function ClusterMarker({ lat, lng, count }: { lat: number; lng: number; count: number }) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const map = useMap();
  const label = clusterLabel(count, locale);
  const size = clusterRadius(count) * 2;
  const title = t('map.clusterTitle', { number: label });
  // The count is what the eye reads; the button's name is the whole sentence.
  const icon = useMemo(
    () =>
      divIcon({
        className: 'cluster-marker',
        html: `<span class="cluster-label" aria-hidden="true">${escapeHtml(label)}</span><span class="visually-hidden">${escapeHtml(title)}</span>`,
        iconSize: [size, size],
      }),
    [label, title, size],
  );
  const zoomIn = () => map.setView([lat, lng], zoomIntoCluster(map.getZoom()));
  return (
    <Marker
      position={[lat, lng]}
      icon={icon}
      keyboard
      title={title}
      eventHandlers={{ click: zoomIn, keypress: (event) => isActivation(event) && zoomIn() }}
    />
  );
}

function PointMarker({ point, organization }: { point: TMapView['points'][number]; organization: TOrganization }) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const navigate = useNavigate();
  const icon = useMemo(
    () =>
      divIcon({
        className: 'problem-point',
        html: `<span style="background:${STATUS_COLORS[point.status]}"></span>`,
        iconSize: [18, 18],
      }),
    [point.status],
  );
  const theme = organization.themes.find((item) => item.id === point.themeId);
  const open = () => void navigate(`/${organization.slug}/problems/${point.id}`);
  return (
    <Marker
      position={[point.lat, point.lng]}
      icon={icon}
      keyboard
      title={t('map.pointTitle', {
        theme: theme ? pickLocalized(theme.name, locale) : '',
        status: t(`statuses.${point.status}`),
      })}
      eventHandlers={{ click: open, keypress: (event) => isActivation(event) && open() }}
    />
  );
}

/** The citizens' map: district outlines, clusters and points from the server, an optional heat layer. */
export default function ProblemsMap({ organization, view, heat, isHeatShown, onViewportChange }: ProblemsMapProps) {
  const { t } = useTranslation(PROBLEMS_NS);
  const maxWeight = Math.max(1, ...(heat?.cells.map((c) => c[2]) ?? [1]));
  const bounds = boundsOf(organization);

  return (
    <div className="problem-map" dir="ltr">
      <MapContainer
        center={[organization.mapCenter.lat, organization.mapCenter.lng]}
        zoom={organization.mapZoom}
        bounds={bounds}
        zoomControl={false}
        attributionControl={false}
        className="problem-map__canvas"
      >
        <BaseLayers />
        <MapLabel label={t('map.label')} />
        <DistrictBoundaries districts={organization.districts} />
        <ViewportWatcher onViewportChange={onViewportChange} />
        {isHeatShown ? (
          heat?.cells.map(([lat, lng, weight]) => (
            <CircleMarker
              key={`${lat}:${lng}`}
              center={[lat, lng]}
              radius={10 + 20 * (weight / maxWeight)}
              interactive={false}
              pathOptions={{ stroke: false, fillColor: '#dc2626', fillOpacity: 0.15 + 0.45 * (weight / maxWeight) }}
            />
          ))
        ) : (
          <>
            {view?.clusters.map((c) => (
              <ClusterMarker key={`${c.lat}:${c.lng}:${c.count}`} {...c} />
            ))}
            {view?.points.map((p) => (
              <PointMarker key={p.id} point={p} organization={organization} />
            ))}
          </>
        )}
      </MapContainer>
    </div>
  );
}

function boundsOf(organization: TOrganization): LatLngBoundsExpression | undefined {
  const points: [number, number][] = [];
  for (const district of organization.districts) {
    const rings =
      district.boundary?.type === 'Polygon' ? [district.boundary.coordinates] : (district.boundary?.coordinates ?? []);
    for (const polygon of rings) for (const [lng, lat] of polygon[0] ?? []) points.push([lat, lng]);
  }
  if (points.length < 2) return undefined;
  const lats = points.map((p) => p[0]);
  const lngs = points.map((p) => p[1]);
  return [
    [Math.min(...lats), Math.min(...lngs)],
    [Math.max(...lats), Math.max(...lngs)],
  ];
}
