import { useEffect, useRef } from 'react';
import type { Locale } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';

/** One bar series: a name and a value per category (stacked with the others when `stack` is set). */
export type ChartSeries = { name: string; values: number[]; color?: string };

export type ResultChartProps = {
  /** The accessible name of the chart (the data is also given as a table beside it). */
  label: string;
  categories: string[];
  series: ChartSeries[];
  locale: Locale;
  /** Stack the series (a stacked bar or a diverging Likert bar). */
  isStacked?: boolean;
  /** Values are shares (0..1): axis in percent. */
  isShare?: boolean;
};

const PALETTE = ['#0f766e', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#15803d', '#475569', '#0369a1'];

type ECharts = { setOption: (o: unknown) => void; dispose: () => void; resize: () => void };
let loading: Promise<(el: HTMLElement) => ECharts> | null = null;

/**
 * ECharts, tree-shaken (bar chart, grid, tooltip, legend, SVG renderer), loaded on first use so
 * it is a chunk of the results page only.
 */
function loadECharts(): Promise<(el: HTMLElement) => ECharts> {
  loading ??= import('./echarts-setup').then(({ initChart }) => (el: HTMLElement) => initChart(el) as unknown as ECharts);
  return loading;
}

/**
 * A horizontal bar chart (categories down the side, so long Persian labels fit on a phone). No
 * chart library has an RTL mode: in fa/ar the value axis is inverted and the category axis put
 * on the right, so bars grow from the inline start; numbers are written with the locale's digits.
 */
export function ResultChart({ label, categories, series, locale, isStacked = false, isShare = false }: ResultChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const isRtl = locale === 'fa' || locale === 'ar';
  const format = (v: number) => (isShare ? `${formatNumber(Math.round(Math.abs(v) * 100), locale)}٪` : formatNumber(Math.round(Math.abs(v) * 100) / 100, locale));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // ECharts places things by physical side: the inline start is the right in fa/ar.
    const start = isRtl ? 'right' : 'left';
    const end = isRtl ? 'left' : 'right';
    let chart: ECharts | null = null;
    let isCancelled = false;
    const onResize = () => chart?.resize();
    loadECharts()
      .then((init) => {
        if (isCancelled) return;
        chart = init(el);
        chart.setOption({
          animation: false,
          aria: { enabled: false },
          textStyle: { fontFamily: 'inherit' },
          color: series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]),
          grid: { containLabel: true, [start]: 8, [end]: 8, top: series.length > 1 ? 32 : 8, bottom: 8 },
          legend: series.length > 1 ? { top: 0, [start]: 0 } : undefined,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => format(v) },
          xAxis: { type: 'value', inverse: isRtl, axisLabel: { formatter: (v: number) => format(v) } },
          yAxis: { type: 'category', data: categories, inverse: true, position: isRtl ? 'right' : 'left', axisLabel: { width: 140, overflow: 'truncate' } },
          series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, stack: isStacked ? 'all' : undefined, barMaxWidth: 28 })),
        });
        window.addEventListener('resize', onResize);
      })
      .catch(() => undefined); // the data table beside the chart still shows the numbers
    return () => {
      isCancelled = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
    // The chart is redrawn when its data changes (the arrays are new on every render).
  }, [JSON.stringify({ categories, series, isStacked, isShare, locale })]);

  const height = Math.max(120, categories.length * (isStacked || series.length === 1 ? 36 : 28 * series.length) + (series.length > 1 ? 40 : 16));
  return (
    <figure className="survey-results__chart">
      <div ref={ref} role="img" aria-label={label} style={{ blockSize: `${height}px` }} />
      <figcaption className="visually-hidden">
        <table>
          <caption>{label}</caption>
          <tbody>
            {categories.map((category, i) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.name}>{format(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
