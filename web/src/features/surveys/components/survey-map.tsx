// The map of a map question: Leaflet and leaflet-geoman live only in this lazy chunk.
// Leaflet first: geoman extends the global `L` that Leaflet's module sets when it is evaluated, and
// modules are evaluated in import order (the other way round the page fails with "L is not defined").
import 'leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import '../surveys-map.css';
import { useEffect, useRef } from 'react';
import { divIcon, type LatLng as LeafletLatLng, type Layer, type Polygon as LeafletPolygon } from 'leaflet';
import { CircleMarker, MapContainer, Marker, Polygon, Polyline, useMap, useMapEvents } from 'react-leaflet';
import { BaseLayers } from '@/features/problems/components/map-base';
import type { CrosshairMode, LatLng } from '../lib/crosshair';

export type SurveyMapProps = {
  mode: CrosshairMode;
  cursor: LatLng;
  zoom: number;
  vertices: readonly LatLng[];
  onCursorChange: (cursor: LatLng) => void;
  onZoomChange: (zoom: number) => void;
  onVerticesChange: (vertices: LatLng[]) => void;
};

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const PIN = divIcon({ className: 'location-pin', html: '<span></span>', iconSize: [28, 28], iconAnchor: [14, 28] });
const same = (a: LatLng, b: LatLng) => Math.abs(a.lat - b.lat) < 1e-6 && Math.abs(a.lng - b.lng) < 1e-6;

/**
 * Keeps the crosshair's position at the map's centre both ways: a keyboard move pans the map, a
 * mouse pan or zoom moves the crosshair (so a keyboard user who also drags starts from what they
 * see). Only the user's own moves report back (dragend, zoomend): a programmatic pan lands on the
 * nearest pixel, and reporting that back would pan again, for ever.
 */
function FollowCursor({
  cursor,
  zoom,
  onCursorChange,
  onZoomChange,
}: Pick<SurveyMapProps, 'cursor' | 'zoom' | 'onCursorChange' | 'onZoomChange'>) {
  const report = () => {
    const c = map.getCenter();
    const next = { lat: round(c.lat), lng: round(c.lng) };
    if (!same(next, cursor)) onCursorChange(next);
  };
  const map = useMapEvents({
    dragend: report,
    zoomend: () => {
      if (map.getZoom() !== zoom) onZoomChange(map.getZoom());
      report();
    },
  });
  useEffect(() => {
    // Within a pixel of the centre already: nothing to do (and nothing to loop on).
    const offset = map.latLngToContainerPoint([cursor.lat, cursor.lng]).distanceTo(map.getSize().divideBy(2));
    if (offset > 1 || map.getZoom() !== zoom) map.setView([cursor.lat, cursor.lng], zoom, { animate: false });
  }, [map, cursor, zoom]);
  return null;
}

function ClickToPlace({ onVerticesChange }: Pick<SurveyMapProps, 'onVerticesChange'>) {
  useMapEvents({
    click: (event) => onVerticesChange([{ lat: round(event.latlng.lat), lng: round(event.latlng.lng) }]),
  });
  return null;
}

/** Mouse and touch drawing of the polygon with geoman: click the corners, click the first to close. */
function GeomanDraw({
  isDrawing,
  onVerticesChange,
}: {
  isDrawing: boolean;
  onVerticesChange: (vertices: LatLng[]) => void;
}) {
  const map = useMap();
  const onChange = useRef(onVerticesChange);
  onChange.current = onVerticesChange;
  useEffect(() => {
    if (!isDrawing) return;
    const handleCreate = ({ layer }: { layer: Layer }) => {
      const ring = ((layer as LeafletPolygon).getLatLngs()[0] ?? []) as LeafletLatLng[];
      // The drawn layer is geoman's; the answer is drawn by React from the vertices.
      layer.remove();
      onChange.current(ring.map((p) => ({ lat: round(p.lat), lng: round(p.lng) })));
    };
    map.on('pm:create', handleCreate as never);
    map.pm.enableDraw('Polygon', { tooltips: false, allowSelfIntersection: true, snappable: false });
    return () => {
      map.off('pm:create', handleCreate as never);
      map.pm.disableDraw();
    };
  }, [map, isDrawing]);
  return null;
}

/** The answer on the map: the point, or the polygon's vertices and outline, as they are being placed. */
export default function SurveyMap({
  mode,
  cursor,
  zoom,
  vertices,
  onCursorChange,
  onZoomChange,
  onVerticesChange,
}: SurveyMapProps) {
  const positions = vertices.map((v) => [v.lat, v.lng] as [number, number]);
  return (
    <div className="problem-map survey-map" dir="ltr">
      <MapContainer
        center={[cursor.lat, cursor.lng]}
        zoom={zoom}
        // The region around the map takes the keys (the crosshair); the map itself is not a tab stop.
        keyboard={false}
        zoomControl={false}
        attributionControl={false}
        className="problem-map__canvas"
      >
        <BaseLayers />
        <FollowCursor cursor={cursor} zoom={zoom} onCursorChange={onCursorChange} onZoomChange={onZoomChange} />
        {mode === 'point' ? (
          <>
            <ClickToPlace onVerticesChange={onVerticesChange} />
            {positions[0] && <Marker position={positions[0]} icon={PIN} keyboard={false} interactive={false} />}
          </>
        ) : (
          <>
            <GeomanDraw isDrawing={vertices.length === 0} onVerticesChange={onVerticesChange} />
            {positions.length >= 3 ? (
              <Polygon
                positions={positions}
                pathOptions={{ color: '#1d4ed8', weight: 3, fillOpacity: 0.2 }}
                interactive={false}
              />
            ) : (
              positions.length === 2 && (
                <Polyline positions={positions} pathOptions={{ color: '#1d4ed8', weight: 3 }} interactive={false} />
              )
            )}
            {positions.map((p, i) => (
              <CircleMarker
                key={`${i}:${p.join(',')}`}
                center={p}
                radius={5}
                interactive={false}
                pathOptions={{ color: '#1d4ed8', fillOpacity: 1 }}
              />
            ))}
          </>
        )}
      </MapContainer>
    </div>
  );
}
