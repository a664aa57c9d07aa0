import { CircleMarker, MapContainer, Tooltip } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { TDemandFilterInput, TOrganization } from '@hamandishi/contracts';
import { Alert, Spinner } from '@/components';
import { BaseLayers, MapLabel } from '@/features/problems/components/map-base';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { DEMANDS_NS } from './demands-i18n';
import { useDemandMap } from './use-demands';

export type DemandsMapProps = { slug: string; org: TOrganization; filter: TDemandFilterInput };

/** Located demands of the filter on Leaflet (lazy: only when the map tab opens). */
export default function DemandsMap({ slug, org, filter }: DemandsMapProps) {
  const { t } = useTranslation(DEMANDS_NS);
  const locale = useLocale();
  const map = useDemandMap(slug, filter, true);
  if (map.isPending) return <Spinner />;
  if (map.isError) return <Alert variant="danger">{t('map.error')}</Alert>;
  const points = map.data.points;
  const isRtl = locale !== 'en';
  return (
    <div className="stack">
      <p className="muted" data-testid="demands-map-count">
        {t('map.count', { formatted: formatNumber(points.length, locale) })}
        {map.data.truncated ? ` ${t('map.truncated')}` : ''}
      </p>
      <div className="problem-map demands-map" dir="ltr">
        <MapContainer center={[org.mapCenter.lat, org.mapCenter.lng]} zoom={org.mapZoom} scrollWheelZoom={false} attributionControl={false} className="problem-map__canvas">
          <MapLabel label={t('map.label')} />
          <BaseLayers />
          {points.map((p) => (
            <CircleMarker key={p.id} center={[p.lat, p.lng]} radius={5} pathOptions={{ color: '#1d4ed8', weight: 1, fillOpacity: 0.6 }}>
              <Tooltip direction="top">
                <span dir={isRtl ? 'rtl' : 'ltr'}>{p.text}</span>
              </Tooltip>
            </CircleMarker>
          ))}
        </MapContainer>
      </div>
    </div>
  );
}
