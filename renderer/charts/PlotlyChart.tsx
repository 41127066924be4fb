// One Plotly figure as a React component: loads Plotly lazily, re-renders with Plotly.react, follows the
// container's size and the colour scheme, and offers "Export PNG". The figure is described for screen readers by
// its title and caption; Plotly's SVG itself is decorative to assistive technology.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Loader, Text, useComputedColorScheme } from '@mantine/core';
import { IconPhotoDown } from '@tabler/icons-react';
import type { Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import './charts.css';
import { PLOTLY_CONFIG, baseLayout, chartTheme, exportPng, loadPlotly, type ChartTheme } from './plotly';

export interface PlotlyChartProps {
  /** Visible title above the chart; also the accessible name of the figure and the PNG's file name. */
  title: string;
  /** Build the traces and layout for the current theme. */
  figure: (theme: ChartTheme) => { data: Data[]; layout?: Partial<Layout> };
  height: number;
  caption?: ReactNode;
  /** Extra controls beside the export button. */
  actions?: ReactNode;
  exportName?: string;
}

export function PlotlyChart({ title, figure, height, caption, actions, exportName }: PlotlyChartProps) {
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: false }) === 'dark';
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [exporting, setExporting] = useState(false);
  const figureRef = useRef(figure);
  figureRef.current = figure;

  useEffect(() => {
    let live = true;
    const el = ref.current;
    if (!el) return;
    const theme = chartTheme(dark);
    const { data, layout } = figure(theme);
    const base = baseLayout(theme);
    const merged: Partial<Layout> = {
      ...base,
      ...layout,
      height,
      xaxis: { ...base.xaxis, ...(layout?.xaxis ?? {}) },
      yaxis: { ...base.yaxis, ...(layout?.yaxis ?? {}) },
    } as Partial<Layout>;
    loadPlotly()
      .then((Plotly) => (live ? Plotly.react(el, data, merged, PLOTLY_CONFIG) : undefined))
      .then(
        () => live && setState('ready'),
        () => live && setState('failed'),
      );
    return () => {
      live = false;
    };
  }, [figure, dark, height]);

  // Follow the container (the grid reflows when the navbar or a panel changes), not only the window.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        void loadPlotly().then((Plotly) => {
          if ((el as Partial<PlotlyHTMLElement>).layout) void Plotly.Plots.resize(el);
        });
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  const onExport = async () => {
    const el = ref.current;
    if (!el) return;
    setExporting(true);
    try {
      await exportPng(el, exportName ?? title, { width: Math.max(800, el.clientWidth), height });
    } finally {
      setExporting(false);
    }
  };

  return (
    <figure className="cxw-chart" aria-label={title}>
      <Group justify="space-between" align="center" wrap="nowrap" className="cxw-chart-head">
        <Text fw={650} size="lg" className="cxw-chart-title">
          {title}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {actions}
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconPhotoDown size={15} />}
            onClick={onExport}
            loading={exporting}
            disabled={state !== 'ready'}
            aria-label={`Export PNG of ${title}`}
          >
            Export PNG
          </Button>
        </Group>
      </Group>
      <div className="cxw-chart-body" style={{ height }}>
        <div ref={ref} className="cxw-chart-plot" aria-hidden="true" />
        {state === 'loading' && (
          <div className="cxw-chart-overlay">
            <Loader size="sm" />
          </div>
        )}
        {state === 'failed' && (
          <div className="cxw-chart-overlay">
            <Text size="sm" c="dimmed">
              The chart could not be drawn in this window.
            </Text>
          </div>
        )}
      </div>
      {caption && (
        <figcaption>
          <Text size="sm" c="dimmed" className="cxw-chart-caption">
            {caption}
          </Text>
        </figcaption>
      )}
    </figure>
  );
}
