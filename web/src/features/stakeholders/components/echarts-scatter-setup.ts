// Only what the power/interest grid uses, imported by name so the bundler drops the rest of
// ECharts (this module is itself loaded on demand by power-interest-grid.tsx).
import { ScatterChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([ScatterChart, GridComponent, TooltipComponent, MarkAreaComponent, SVGRenderer]);

/** Starts an SVG chart in the element. */
export function initScatter(element: HTMLElement) {
  return init(element, undefined, { renderer: 'svg' });
}
