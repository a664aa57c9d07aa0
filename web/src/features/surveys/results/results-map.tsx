import { useState } from 'react';
import { CircleMarker, MapContainer, Rectangle, Tooltip } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { Locale, TSurveyGrid } from '@hamandishi/contracts';
import { BaseLayers, MapLabel } from '@/features/problems/components/map-base';
import { formatNumber } from '@/lib/format';
import { SURVEY_RESULTS_NS } from './survey-results-i18n';

export type ResultsMapProps = {
  title: string;
  grid: TSurveyGrid;
  cells: { cell: number; count: number }[];
  /** Map point questions: the points (capped by the server) and how many there are in all. */
  points?: { lat: number; lng: number }[];
  total: number;
  isArea: boolean;
  locale: Locale;
};

/** The bounds of one cell of the grid (row 0 in the south, column 0 in the west). */
function cellBounds(grid: TSurveyGrid, cell: number): [[number, number], [number, number]] {
  const row = Math.floor(cell / grid.size);
  const column = cell % grid.size;
  const lat = (grid.maxLat - grid.minLat) / grid.size;
  const lng = (grid.maxLng - grid.minLng) / grid.size;
  return [
    [grid.minLat + row * lat, grid.minLng + column * lng],
    [grid.minLat + (row + 1) * lat, grid.minLng + (column + 1) * lng],
  ];
}

/**
 * Map answers on Leaflet: points, their density on the grid, or, for drawn areas, the overlap
 * heat-map (how many areas cover each cell). The page's group filters apply to it.
 */
export default function ResultsMap({ title, grid, cells, points, total, isArea, locale }: ResultsMapProps) {
  const { t } = useTranslation(SURVEY_RESULTS_NS);
  const [mode, setMode] = useState<'density' | 'points'>(isArea ? 'density' : 'points');
  const max = Math.max(1, ...cells.map((c) => c.count));
  const centre: [number, number] = [(grid.minLat + grid.maxLat) / 2, (grid.minLng + grid.maxLng) / 2];
  const isRtl = locale === 'fa' || locale === 'ar';
  return (
    <div className="stack">
      {!isArea && (
        <div className="survey-results__toggle" role="group" aria-label={title}>
          {(['points', 'density'] as const).map((m) => (
            <button key={m} type="button" className="button button--secondary button--sm" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(`map.${m}`)}
            </button>
          ))}
        </div>
      )}
      {isArea && <p className="muted">{t('map.overlap')}</p>}
      <div className="problem-map survey-results__map" dir="ltr">
        <MapContainer center={centre} zoom={11} scrollWheelZoom={false} zoomControl={false} attributionControl={false} className="problem-map__canvas">
          <MapLabel label={t('map.label', { title })} />
          <BaseLayers />
          {mode === 'density'
            ? cells.map((c) => (
                <Rectangle
                  key={c.cell}
                  bounds={cellBounds(grid, c.cell)}
                  pathOptions={{ stroke: false, fillColor: isArea ? '#be123c' : '#0f766e', fillOpacity: 0.15 + 0.65 * (c.count / max) }}
                >
                  <Tooltip direction="top">
                    <span dir={isRtl ? 'rtl' : 'ltr'}>{t('map.cellCount', { count: c.count, formatted: formatNumber(Math.round(c.count * 10) / 10, locale) })}</span>
                  </Tooltip>
                </Rectangle>
              ))
            : (points ?? []).map((p, i) => <CircleMarker key={i} center={[p.lat, p.lng]} radius={4} pathOptions={{ color: '#1d4ed8', weight: 1, fillOpacity: 0.6 }} />)}
        </MapContainer>
      </div>
      {!isArea && mode === 'points' && points && points.length < total && (
        <p className="muted">{t('map.pointsCapped', { shown: formatNumber(points.length, locale), total: formatNumber(total, locale) })}</p>
      )}
    </div>
  );
}
