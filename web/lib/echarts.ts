/**
 * Apache ECharts with only what the supervision page draws: bar charts on a
 * canvas, with axes and tooltips. Loaded on demand (import()), so no other
 * page carries it.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
