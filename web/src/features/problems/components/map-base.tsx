// Everything Leaflet lives behind this module: only the lazy map chunks import it.
import 'leaflet/dist/leaflet.css';
import '../problems-map.css';
import { useEffect, useMemo, useState } from 'react';
import { AttributionControl, GeoJSON, TileLayer, useMap, ZoomControl } from 'react-leaflet';
import type { FeatureCollection } from 'geojson';
import type { TDistrict } from '@hamandishi/contracts';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { MAP_TILE_ATTRIBUTION, MAP_TILE_URL } from '../lib/map-config';
import { PROBLEMS_NS } from '../problems-i18n';

/** Whether the page reads right-to-left (controls move to the inline start). */
export function useIsRtl(): boolean {
  const locale = useLocale();
  return locale === 'fa' || locale === 'ar';
}

/**
 * Names the map's focusable container for screen readers (react-leaflet's MapContainer passes
 * only id, class and style to its element, so `aria-label` given to it is dropped).
 */
export function MapLabel({ label, describedBy }: { label: string; describedBy?: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('aria-label', label);
    if (describedBy) container.setAttribute('aria-describedby', describedBy);
    else container.removeAttribute('aria-describedby');
  }, [map, label, describedBy]);
  return null;
}

/** Tiles, zoom and attribution placed for the reading direction; a note when tiles fail to load. */
export function BaseLayers({ isZoomable = true }: { isZoomable?: boolean }) {
  const { t } = useTranslation(PROBLEMS_NS);
  const isRtl = useIsRtl();
  const [hasTileError, setHasTileError] = useState(false);
  return (
    <>
      <TileLayer url={MAP_TILE_URL} attribution={MAP_TILE_ATTRIBUTION} eventHandlers={{ tileerror: () => setHasTileError(true) }} />
      {isZoomable && <ZoomControl position={isRtl ? 'topright' : 'topleft'} zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />}
      <AttributionControl position={isRtl ? 'bottomleft' : 'bottomright'} prefix={false} />
      {hasTileError && (
        // The map itself is laid out left-to-right (Leaflet's geometry); its notices follow the page.
        <p className="problem-map__notice" role="status" dir={isRtl ? 'rtl' : 'ltr'}>
          {t('map.tilesFailed')}
        </p>
      )}
    </>
  );
}

/** The districts' boundaries, outlined, with their names as tooltips. */
export function DistrictBoundaries({ districts }: { districts: readonly TDistrict[] }) {
  const locale = useLocale();
  const data = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: districts
        .filter((d) => d.boundary)
        .map((d) => ({ type: 'Feature', geometry: d.boundary as FeatureCollection['features'][number]['geometry'], properties: { name: pickLocalized(d.name, locale) } })),
    }),
    [districts, locale],
  );
  if (data.features.length === 0) return null;
  return (
    <GeoJSON
      key={`${locale}:${data.features.length}`}
      data={data}
      interactive={false}
      style={{ color: '#0f766e', weight: 1.5, fillOpacity: 0.04, dashArray: '4 3' }}
    />
  );
}
