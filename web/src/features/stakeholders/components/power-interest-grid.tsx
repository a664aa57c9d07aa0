import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale, TStakeholderGrid } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { STAKEHOLDERS_NS } from '../stakeholders-i18n';

type Point = TStakeholderGrid['points'][number];
type ECharts = {
  setOption: (o: unknown) => void;
  dispose: () => void;
  resize: () => void;
  on: (event: 'click', handler: (params: { data?: { id?: string } }) => void) => void;
};

const RELATION_COLOURS: Record<Point['relation'], string> = { beneficiary: '#0f766e', relevant: '#1d4ed8', influential: '#b45309' };

let loading: Promise<(el: HTMLElement) => ECharts> | null = null;
function loadECharts() {
  loading ??= import('./echarts-scatter-setup').then(({ initScatter }) => (el: HTMLElement) => initScatter(el) as unknown as ECharts);
  return loading;
}

export type PowerInterestGridProps = {
  slug: string;
  points: Point[];
  locale: Locale;
  onOpen: (id: string) => void;
};

/**
 * The power/interest grid: interest across, influence up, one point per assessed stakeholder
 * (points on the same cell are spread a little so each can be clicked). No chart library has an
 * RTL mode: in fa/ar the interest axis is inverted and the influence axis put on the right, so
 * "more interest" grows towards the inline end as the reader expects. The same points are listed
 * as links under the chart for keyboards and screen readers.
 */
export function PowerInterestGrid({ slug, points, locale, onOpen }: PowerInterestGridProps) {
  const { t } = useTranslation(STAKEHOLDERS_NS);
  const ref = useRef<HTMLDivElement>(null);
  const isRtl = locale === 'fa' || locale === 'ar';
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: ECharts | null = null;
    let isCancelled = false;
    const onResize = () => chart?.resize();
    const seen = new Map<string, number>();
    const data = points.map((p) => {
      const key = `${p.interest}:${p.influence}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      // A small spiral around the cell's centre for stakeholders with the same scores.
      const angle = n * 2.4;
      const radius = n === 0 ? 0 : 0.12 + 0.05 * Math.sqrt(n);
      return {
        id: p.id,
        name: p.name,
        value: [p.interest + radius * Math.cos(angle), p.influence + radius * Math.sin(angle)],
        itemStyle: { color: RELATION_COLOURS[p.relation], borderColor: p.isMandatory ? '#111827' : 'transparent', borderWidth: p.isMandatory ? 2 : 0 },
        scores: [p.interest, p.influence],
      };
    });
    const axis = (name: string) => ({
      type: 'value',
      min: 0.5,
      max: 5.5,
      interval: 1,
      name,
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? formatNumber(v, locale) : '') },
      splitLine: { show: false },
    });
    loadECharts()
      .then((init) => {
        if (isCancelled) return;
        chart = init(el);
        chart.setOption({
          animation: false,
          aria: { enabled: false },
          textStyle: { fontFamily: 'inherit' },
          // The same room on both sides (ECharts places by physical side; the inline start is the right in fa/ar).
          grid: { [isRtl ? 'right' : 'left']: 48, [isRtl ? 'left' : 'right']: 48, top: 16, bottom: 48 },
          tooltip: {
            trigger: 'item',
            formatter: (params: { data: { name: string; scores: [number, number] } }) =>
              `${escapeHtml(params.data.name)}<br/>${escapeHtml(t('grid.tooltip', { interest: formatNumber(params.data.scores[0], locale), influence: formatNumber(params.data.scores[1], locale) }))}`,
          },
          xAxis: { ...axis(t('grid.interest')), inverse: isRtl },
          yAxis: { ...axis(t('grid.influence')), position: isRtl ? 'right' : 'left' },
          series: [
            {
              type: 'scatter',
              symbolSize: 18,
              cursor: 'pointer',
              data,
              // The four quadrants: keep satisfied / manage closely / monitor / keep informed.
              markArea: {
                silent: true,
                itemStyle: { color: 'rgba(15, 118, 110, 0.06)' },
                label: { color: '#475569', fontSize: 11 },
                data: [
                  [{ name: t('grid.quadrants.keepSatisfied'), coord: [0.5, 3] }, { coord: [3, 5.5] }],
                  [{ name: t('grid.quadrants.manageClosely'), coord: [3, 3], itemStyle: { color: 'rgba(180, 83, 9, 0.08)' } }, { coord: [5.5, 5.5] }],
                  [{ name: t('grid.quadrants.monitor'), coord: [0.5, 0.5], itemStyle: { color: 'rgba(71, 85, 105, 0.05)' } }, { coord: [3, 3] }],
                  [{ name: t('grid.quadrants.keepInformed'), coord: [3, 0.5], itemStyle: { color: 'rgba(29, 78, 216, 0.06)' } }, { coord: [5.5, 3] }],
                ],
              },
            },
          ],
        });
        chart.on('click', (params) => {
          if (params.data?.id) onOpenRef.current(params.data.id);
        });
        window.addEventListener('resize', onResize);
      })
      .catch(() => undefined); // the list under the chart still leads to every stakeholder
    return () => {
      isCancelled = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [JSON.stringify(points), locale]);

  return (
    <div className="stack">
      <div ref={ref} className="stakeholder-grid" role="img" aria-label={t('grid.label', { n: formatNumber(points.length, locale) })} data-testid="power-interest-grid" />
      <ul className="stakeholder-grid__legend" aria-label={t('grid.legend')}>
        {(['beneficiary', 'relevant', 'influential'] as const).map((r) => (
          <li key={r}>
            <span className="stakeholder-grid__swatch" style={{ background: RELATION_COLOURS[r] }} aria-hidden="true" /> {t(`relations.${r}`)}
          </li>
        ))}
        <li>
          <span className="stakeholder-grid__swatch stakeholder-grid__swatch--mandatory" aria-hidden="true" /> {t('grid.mandatory')}
        </li>
      </ul>
      <details>
        <summary>{t('grid.asList')}</summary>
        <ul>
          {points.map((p) => (
            <li key={p.id}>
              <Link to={`/${slug}/manage/stakeholders/${p.id}`}>{p.name}</Link> —{' '}
              {t('grid.tooltip', { interest: formatNumber(p.interest, locale), influence: formatNumber(p.influence, locale) })}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
