// Only what the accountability charts use, imported by name so the bundler drops the rest of
// ECharts (this module is itself loaded on demand by accountability-chart.tsx).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** Starts an SVG chart in the element. */
export function initChart(element: HTMLElement) {
  return init(element, undefined, { renderer: 'svg' });
}
