import { useEffect, useRef } from 'react';
import type { Locale } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';

/** One series: a name and a value (or nothing) per category. */
export type ChartSeries = { name: string; values: (number | null)[]; color: string; kind: 'bar' | 'line'; stack?: string };

export type AccountabilityChartProps = {
  /** The accessible name; the same figures are in a table beside the chart. */
  label: string;
  categories: string[];
  series: ChartSeries[];
  locale: Locale;
  /** Categories down the side (long goal titles) instead of along the bottom (periods). */
  isHorizontal?: boolean;
  height?: number;
};

type ECharts = { setOption: (o: unknown) => void; dispose: () => void; resize: () => void };
let loading: Promise<(el: HTMLElement) => ECharts> | null = null;

/** ECharts, tree-shaken (bar, line, grid, tooltip, legend, SVG), fetched on first use: a chunk of the dashboard only. */
function loadECharts(): Promise<(el: HTMLElement) => ECharts> {
  loading ??= import('./echarts-setup').then(({ initChart }) => (el: HTMLElement) => initChart(el) as unknown as ECharts);
  return loading;
}

/**
 * A bar/line chart that reads right-to-left in fa and ar: no chart library has an RTL mode, so the
 * category axis runs from the right (inverse) and the value axis sits on the right; every number
 * is written with the locale's digits.
 */
export function AccountabilityChart({ label, categories, series, locale, isHorizontal = false, height }: AccountabilityChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const isRtl = locale === 'fa' || locale === 'ar';
  const format = (v: number) => formatNumber(Math.round(v * 100) / 100, locale);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const start = isRtl ? 'right' : 'left';
    const end = isRtl ? 'left' : 'right';
    let chart: ECharts | null = null;
    let isCancelled = false;
    const onResize = () => chart?.resize();
    const categoryAxis = { type: 'category', data: categories, axisLabel: { width: 140, overflow: 'truncate' } };
    const valueAxis = { type: 'value', axisLabel: { formatter: (v: number) => format(v) } };
    loadECharts()
      .then((init) => {
        if (isCancelled) return;
        chart = init(el);
        chart.setOption({
          animation: false,
          aria: { enabled: false },
          textStyle: { fontFamily: 'inherit' },
          color: series.map((s) => s.color),
          grid: { containLabel: true, [start]: 8, [end]: 8, top: 32, bottom: 8 },
          legend: { top: 0, [start]: 0 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : format(v)) },
          xAxis: isHorizontal ? { ...valueAxis, inverse: isRtl } : { ...categoryAxis, inverse: isRtl },
          yAxis: isHorizontal ? { ...categoryAxis, inverse: true, position: isRtl ? 'right' : 'left' } : { ...valueAxis, position: isRtl ? 'right' : 'left' },
          series: series.map((s) => ({ type: s.kind, name: s.name, data: s.values, stack: s.stack, barMaxWidth: 28, connectNulls: true })),
        });
        window.addEventListener('resize', onResize);
      })
      .catch(() => undefined); // the table beside the chart still shows the figures
    return () => {
      isCancelled = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [JSON.stringify({ categories, series, isHorizontal, locale })]);

  const blockSize = height ?? (isHorizontal ? Math.max(140, categories.length * 40 + 48) : 240);
  return (
    <figure className="accountability__chart" data-testid="accountability-chart">
      <div ref={ref} role="img" aria-label={label} style={{ blockSize: `${blockSize}px` }} />
      <figcaption className="visually-hidden">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <td />
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, i) => (
              <tr key={`${category}-${i}`}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.name}>{s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i] as number)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
