import { lazy, Suspense, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Spinner } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import {
  answerOf,
  crosshairKey,
  stepAt,
  verticesOf,
  type CrosshairEffect,
  type CrosshairMode,
  type LatLng,
} from '../lib/crosshair';
import { SURVEYS_NS } from '../surveys-i18n';
import { MapLoadBoundary } from './map-load-boundary';

// Leaflet and geoman are fetched only when a map question is shown: most surveys have none.
const loadSurveyMap = () => lazy(() => import('./survey-map'));

export type MapAnswerFieldProps = {
  mode: CrosshairMode;
  label: ReactNode;
  /** The question's description, already rendered, and its error. */
  hint?: ReactNode;
  error?: ReactNode;
  /** `{ lat, lng }` (a point) or the ring of an area, or null/undefined when unanswered. */
  value: unknown;
  onChange: (value: ReturnType<typeof answerOf>) => void;
  center: LatLng;
  zoom: number;
};

/**
 * A map question, operable from the keyboard alone: the focusable map shows a crosshair, the arrow
 * keys move it, Enter or Space places the point (or the polygon's next vertex) and Backspace takes
 * the last vertex back, and a live line says where things are. Mouse and touch users click (point)
 * or draw with geoman (area) on the same map.
 */
export function MapAnswerField({
  mode,
  label,
  hint,
  error,
  value,
  onChange,
  center,
  zoom: initialZoom,
}: MapAnswerFieldProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const id = useId();
  const vertices = useMemo(() => verticesOf(value), [value]);
  const [cursor, setCursor] = useState<LatLng>(() => vertices.at(-1) ?? center);
  const [zoom, setZoom] = useState(initialZoom);
  const [effect, setEffect] = useState<CrosshairEffect>(null);
  // A failed chunk stays failed inside one lazy(): a retry makes a new one, so it is fetched again.
  const [attempt, setAttempt] = useState(0);
  const SurveyMap = useMemo(loadSurveyMap, [attempt]);

  const setVertices = (next: LatLng[]) => onChange(next.length ? answerOf(mode, next) : null);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const result = crosshairKey({ cursor, vertices }, event.key, mode, stepAt(zoom, cursor.lat));
    if (!result) return;
    event.preventDefault();
    setCursor(result.state.cursor);
    setEffect(result.effect);
    if (result.state.vertices !== vertices) setVertices(result.state.vertices);
  };

  const n = (v: number, digits = 5) => formatNumber(Number(v.toFixed(digits)), locale);
  const where = t('map.cursorAt', { lat: n(cursor.lat), lng: n(cursor.lng) });
  const placed =
    mode === 'point'
      ? vertices.length
        ? t('map.pointAt', { lat: n(vertices[0]!.lat), lng: n(vertices[0]!.lng) })
        : t('map.noPoint')
      : t('map.vertices', { count: vertices.length, number: formatNumber(vertices.length, locale) });
  // The live line speaks after a placement or a removal; a move only updates the visible text.
  const spoken = effect && effect !== 'moved' ? `${t(`map.effects.${effect}`)} ${placed}` : '';

  return (
    <fieldset className="field survey-map-field" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">{label}</legend>
      {hint}
      <div
        className="survey-map-field__region"
        tabIndex={0}
        role="application"
        aria-roledescription={t('map.roleDescription')}
        aria-label={t(mode === 'point' ? 'map.pointLabel' : 'map.areaLabel')}
        aria-describedby={`${id}-keys ${id}-summary`}
        aria-invalid={error ? true : undefined}
        onKeyDown={handleKeyDown}
        data-testid="map-region"
      >
        <MapLoadBoundary
          fallback={(retry) => (
            <p className="muted">
              {t('map.loadFailed')}{' '}
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setAttempt((n) => n + 1);
                  retry();
                }}
              >
                {t('map.retry')}
              </Button>
            </p>
          )}
        >
          <Suspense fallback={<Spinner />}>
            <SurveyMap
              mode={mode}
              cursor={cursor}
              zoom={zoom}
              vertices={vertices}
              onCursorChange={setCursor}
              onZoomChange={setZoom}
              onVerticesChange={(next) => {
                setEffect(null);
                setVertices(next);
              }}
            />
          </Suspense>
        </MapLoadBoundary>
        <div className="survey-map-field__crosshair" aria-hidden="true" />
      </div>
      <p id={`${id}-keys`} className="field__hint">
        {t(mode === 'point' ? 'map.keysPoint' : 'map.keysArea')}
      </p>
      <p id={`${id}-summary`} className="survey-map-field__summary">
        {placed} {where}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {spoken}
      </p>
      <div className="survey-map-field__actions">
        {mode === 'area' && (
          <Button
            variant="secondary"
            size="sm"
            disabled={vertices.length === 0}
            onClick={() => {
              setEffect('vertexRemoved');
              setVertices(vertices.slice(0, -1));
            }}
          >
            {t('map.removeLast')}
          </Button>
        )}
        <Button
          variant="ghost"
          size="sm"
          disabled={vertices.length === 0}
          onClick={() => {
            setEffect(null);
            setVertices([]);
          }}
        >
          {t('map.clear')}
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
