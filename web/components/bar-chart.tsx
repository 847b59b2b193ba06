'use client';
/**
 * One horizontal bar chart per figure, drawn by Apache ECharts on a canvas:
 * one bar per organisation (long Chinese names read best down the side).
 * A bar is a link: clicking it opens what the figure counts. The table beside
 * it carries the same numbers for screen readers and printing.
 */
import { useEffect, useRef } from 'react';

export interface Bar {
  label: string;
  /** null: nothing to show for this organisation (e.g. a rate with nothing handled). */
  value: number | null;
  href?: string;
}

export function BarChart({ title, bars, unit, color, max, onOpen }: { title: string; bars: Bar[]; unit: string; color: string; max?: number; onOpen: (href: string) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void } | null = null;
    const onResize = () => chart?.resize();
    void import('../lib/echarts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
      chart = c;
      // Top to bottom in the table's order: ECharts draws a category axis from the bottom up.
      const shown = [...bars].reverse();
      c.setOption({
        animation: false,
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : `${String(v)}${unit}`) },
        xAxis: { type: 'value', max, axisLabel: { formatter: `{value}${unit}` }, minInterval: unit === '' ? 1 : undefined },
        yAxis: { type: 'category', data: shown.map((b) => b.label), axisLabel: { width: 150, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            name: title,
            data: shown.map((b) => (b.value === null ? '-' : b.value)),
            itemStyle: { color },
            barMaxWidth: 18,
            label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (p.value === '-' ? '—' : `${String(p.value)}${unit}`) },
            cursor: 'pointer',
          },
        ],
      });
      c.on('click', (p: { dataIndex?: number }) => {
        const href = p.dataIndex === undefined ? undefined : shown[p.dataIndex]?.href;
        if (href) open.current(href);
      });
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [bars, unit, color, max, title]);

  const height = Math.max(160, bars.length * 30 + 40);
  return (
    <figure className="rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      <div ref={el} role="img" aria-label={`${title}（柱状图，数字见下表）`} data-chart={title} style={{ height }} />
    </figure>
  );
}
