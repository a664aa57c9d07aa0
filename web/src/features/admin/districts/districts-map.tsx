// The districts screen's maps: Leaflet and leaflet-geoman live only in this lazy chunk.
// Leaflet first: geoman extends the global `L` that Leaflet's module sets when it is evaluated, and
// modules are evaluated in import order. Once the surveys' map shared geoman, it became a chunk of
// its own, and without this line it ran before Leaflet ("L is not defined", a 500 page).
import 'leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { useEffect, useMemo, useRef } from 'react';
import { geoJSON, type GeoJSON as LeafletGeoJSON, type Layer, type Polygon as LeafletPolygon } from 'leaflet';
import { CircleMarker, GeoJSON, MapContainer, useMap } from 'react-leaflet';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { TBoundary, TGeoPoint } from '@hamandishi/contracts';
import { BaseLayers, MapLabel } from '@/features/problems/components/map-base';

/** One polygon on the map: its key (feature index or district id), a label and how it is drawn. */
export type MapShape = { key: string; label: string; boundary: TBoundary; tone: 'normal' | 'error' | 'muted' };

const STYLE = {
  normal: { color: '#0f766e', weight: 2, fillOpacity: 0.12 },
  error: { color: '#b91c1c', weight: 2, fillOpacity: 0.2, dashArray: '5 4' },
  muted: { color: '#64748b', weight: 1, fillOpacity: 0.05, dashArray: '3 3' },
  selected: { color: '#1d4ed8', weight: 4, fillOpacity: 0.3 },
} as const;

const toCollection = (shapes: readonly MapShape[]): FeatureCollection<Polygon | MultiPolygon> => ({
  type: 'FeatureCollection',
  features: shapes.map((s) => ({
    type: 'Feature',
    geometry: s.boundary as Polygon | MultiPolygon,
    properties: { key: s.key, label: s.label, tone: s.tone },
  })),
});

/**
 * Fits the map to the shapes, or to the selected one (and the point it is about). Only when what
 * is shown changes (not on every refetch of the same districts), and without animation: a zoom
 * still gliding when its dialog closes would run on a map that no longer exists.
 */
function FitTo({ shapes, selectedKey, point }: { shapes: readonly MapShape[]; selectedKey?: string | null; point?: TGeoPoint | null }) {
  const map = useMap();
  const latest = useRef(shapes);
  latest.current = shapes;
  const signature = shapes.map((s) => s.key).join(',');
  useEffect(() => {
    const chosen = latest.current.filter((s) => !selectedKey || s.key === selectedKey);
    if (chosen.length === 0) return;
    const bounds = geoJSON(toCollection(chosen)).getBounds();
    if (point) bounds.extend([point.lat, point.lng]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 15, animate: false });
  }, [map, signature, selectedKey, point]);
  return null;
}

export type PreviewMapProps = {
  label: string;
  center: { lat: number; lng: number };
  zoom: number;
  shapes: readonly MapShape[];
  selectedKey?: string | null;
  /** Where the selected finding is (a kink, an overlap). */
  point?: TGeoPoint | null;
  onSelect?: (key: string) => void;
};

/** The polygons of a file (or of the districts), the selected one highlighted and its finding marked. */
export function PreviewMap({ label, center, zoom, shapes, selectedKey, point, onSelect }: PreviewMapProps) {
  const data = useMemo(() => toCollection(shapes), [shapes]);
  return (
    <div className="problem-map district-map" dir="ltr">
      <MapContainer center={[center.lat, center.lng]} zoom={zoom} zoomControl={false} attributionControl={false} className="problem-map__canvas">
        <BaseLayers />
        <MapLabel label={label} />
        <GeoJSON
          key={`${shapes.length}:${selectedKey ?? ''}`}
          data={data}
          style={(feature) => {
            const p = (feature as Feature).properties as { key: string; tone: MapShape['tone'] };
            return p.key === selectedKey ? STYLE.selected : STYLE[p.tone];
          }}
          onEachFeature={(feature, layer) => {
            const p = feature.properties as { key: string; label: string };
            layer.bindTooltip(p.label, { sticky: true });
            if (onSelect) layer.on('click', () => onSelect(p.key));
          }}
        />
        {point && <CircleMarker center={[point.lat, point.lng]} radius={9} pathOptions={{ color: '#b91c1c', weight: 3, fillOpacity: 0.4 }} />}
        <FitTo shapes={shapes} selectedKey={selectedKey} point={point} />
      </MapContainer>
    </div>
  );
}

/** The boundary of a layer drawn or edited with geoman, as GeoJSON with six decimals (about 10 cm). */
function boundaryOf(layer: Layer): TBoundary | null {
  const geometry = (layer as LeafletPolygon).toGeoJSON(6).geometry;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
  return geometry as TBoundary;
}

/**
 * Names geoman's handles for assistive technology: Leaflet gives every marker role="button", so
 * a corner handle is labelled, and the marker that only follows the pointer while drawing is
 * hidden (it does nothing on its own).
 */
function useNamedHandles(cornerLabel: string) {
  const map = useMap();
  useEffect(() => {
    const pane = map.getContainer();
    const name = () => {
      for (const marker of pane.querySelectorAll<HTMLElement>('.leaflet-marker-icon:not([data-named])')) {
        marker.dataset.named = 'true';
        if (marker.classList.contains('cursor-marker')) {
          marker.setAttribute('aria-hidden', 'true');
          marker.removeAttribute('role');
          marker.setAttribute('tabindex', '-1');
        } else {
          marker.setAttribute('aria-label', cornerLabel);
        }
      }
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(pane, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [map, cornerLabel]);
}

/** Keeps the edited layer editable and reports each change. */
function Editing({
  boundary,
  others,
  mode,
  cornerLabel,
  onChange,
}: {
  boundary: TBoundary | null;
  others: readonly MapShape[];
  mode: 'adjust' | 'draw';
  cornerLabel: string;
  onChange: (boundary: TBoundary) => void;
}) {
  const map = useMap();
  useNamedHandles(cornerLabel);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // The boundary the editor started from; edits after that stay in Leaflet's layer.
  const initial = useRef(boundary);

  useEffect(() => {
    const group: LeafletGeoJSON = geoJSON(undefined, { style: () => STYLE.selected });
    // Snapping to the neighbours keeps shared borders shared (no slivers of overlap or gap).
    const reference = geoJSON(toCollection(others), { style: () => STYLE.muted, pmIgnore: false } as never).addTo(map);
    const watch = (layer: Layer) => {
      layer.on('pm:edit', () => {
        const b = boundaryOf(layer);
        if (b) onChangeRef.current(b);
      });
    };
    if (mode === 'adjust' && initial.current) {
      group.addData({ type: 'Feature', geometry: initial.current as Polygon, properties: {} } as Feature);
      group.addTo(map);
      group.eachLayer((layer) => {
        (layer as LeafletPolygon).pm.enable({ allowSelfIntersection: true, snappable: true });
        watch(layer);
      });
      const bounds = group.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], animate: false });
    } else {
      const handleCreate = ({ layer }: { layer: Layer }) => {
        map.pm.disableDraw();
        group.addLayer(layer);
        (layer as LeafletPolygon).pm.enable({ allowSelfIntersection: true, snappable: true });
        watch(layer);
        const b = boundaryOf(layer);
        if (b) onChangeRef.current(b);
      };
      map.on('pm:create', handleCreate as never);
      group.addTo(map);
      map.pm.enableDraw('Polygon', { snappable: true, tooltips: false, allowSelfIntersection: true });
      const all = geoJSON(toCollection(others)).getBounds();
      if (all.isValid()) map.fitBounds(all, { padding: [16, 16], animate: false });
      return () => {
        map.off('pm:create', handleCreate as never);
        map.pm.disableDraw();
        group.remove();
        reference.remove();
      };
    }
    return () => {
      group.eachLayer((layer) => (layer as LeafletPolygon).pm.disable());
      group.remove();
      reference.remove();
    };
  }, [map, mode, others]);
  return null;
}

export type BoundaryEditorProps = {
  label: string;
  center: { lat: number; lng: number };
  zoom: number;
  boundary: TBoundary | null;
  /** The other districts, drawn faintly and snapped to. */
  others: readonly MapShape[];
  mode: 'adjust' | 'draw';
  /** The accessible name of a corner handle. */
  cornerLabel: string;
  onChange: (boundary: TBoundary) => void;
};

/** Draw a district's boundary (click the corners, click the first one to close) or drag its vertices. */
export function BoundaryEditor({ label, center, zoom, boundary, others, mode, cornerLabel, onChange }: BoundaryEditorProps) {
  return (
    <div className="problem-map district-map" dir="ltr">
      <MapContainer center={[center.lat, center.lng]} zoom={zoom} zoomControl={false} attributionControl={false} className="problem-map__canvas">
        <BaseLayers />
        <MapLabel label={label} />
        <Editing key={mode} boundary={boundary} others={others} mode={mode} cornerLabel={cornerLabel} onChange={onChange} />
      </MapContainer>
    </div>
  );
}
