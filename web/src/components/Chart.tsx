// ECharts, tree-shaken (bar and line charts only), loaded on demand. The `finished` listener is
// registered before setOption so the first complete render can be timed.
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartProps {
  /** null: the chart exists but has nothing to draw yet. */
  option: ChartOption | null;
  height: number;
  label: string;
  testId?: string;
  onFinished?: () => void;
}

export default function Chart(props: ChartProps): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const drawn = useRef(false);
  const finished = useRef(props.onFinished);
  finished.current = props.onFinished;

  useEffect(() => {
    const node = el.current;
    if (node === null) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      // an empty chart also finishes; only a drawn option counts
      if (!drawn.current) return;
      node.dataset.rendered = 'true';
      finished.current?.();
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (props.option === null || chart.current === null) return;
    drawn.current = true;
    chart.current.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return <div ref={el} role="img" aria-label={props.label} data-testid={props.testId} style={{ width: '100%', height: props.height }} />;
}
