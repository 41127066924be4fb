// One Plotly figure as a React component: loads Plotly lazily, re-renders with Plotly.react, follows the
// container's size and the colour scheme, and offers "Export PNG". Every chart comes with its numbers: a one-sentence
// summary under it (the figure's description for screen readers) and a "Show as table" switch that opens the same
// numbers as a sortable, copyable table. Plotly's SVG itself is hidden from assistive technology, and nothing in it
// takes keyboard focus (the mouse-only mode bar is kept out of the tab order), so aria-hidden hides nothing usable.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Loader, Switch, Text, useComputedColorScheme } from '@mantine/core';
import { IconPhotoDown } from '@tabler/icons-react';
import type { Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import './charts.css';
import { PLOTLY_CONFIG, baseLayout, chartTheme, exportPng, loadPlotly, type ChartTheme } from './plotly';
import type { ChartTableData } from './chart-table';
import { ChartDataTable } from '../components/chart-table/ChartDataTable';
import { keepOutOfTabOrder } from './focus';

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
  /**
   * The numbers the chart draws, built from the same data as its traces (a pure function beside the figure, e.g.
   * nps-tables.ts): shown on request as a table. Required: no chart without its numbers.
   */
  table: ChartTableData;
  /** One sentence saying what the chart shows, from the same data ("Promoters are 41% of 2,790 answers; …"). */
  summary: string;
}

export function PlotlyChart({ title, figure, height, caption, actions, exportName, table, summary }: PlotlyChartProps) {
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: false }) === 'dark';
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [exporting, setExporting] = useState(false);
  const [showTable, setShowTable] = useState(false);
  const uid = useId();
  const summaryId = `${uid}-summary`;
  const tableId = `${uid}-table`;
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
        () => {
          keepOutOfTabOrder(el);
          if (live) setState('ready');
        },
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

  // Plotly (re)builds its mode bar's buttons on draws, relayouts and resizes: each new one leaves the tab order at once.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && (n.matches('button, a, [tabindex]') || n.querySelector('button, a, [tabindex]'))))) {
        keepOutOfTabOrder(el);
      }
    });
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
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
    <div className="cxw-chart-frame">
      <figure className="cxw-chart" aria-label={title} aria-describedby={summaryId}>
        <Group justify="space-between" align="center" wrap="wrap" gap="xs" className="cxw-chart-head">
          <Text fw={650} size="lg" className="cxw-chart-title">
            {title}
          </Text>
          <Group gap="sm" wrap="wrap" justify="flex-end" className="cxw-chart-actions">
            {actions}
            <Switch
              size="sm"
              label="Show as table"
              checked={showTable}
              onChange={(e) => setShowTable(e.currentTarget.checked)}
              aria-controls={showTable ? tableId : undefined}
              className="cxw-chart-table-switch"
            />
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
        <figcaption className="cxw-chart-figcaption">
          <Text size="sm" className="cxw-chart-summary" id={summaryId}>
            {summary}
          </Text>
          {caption && (
            <Text size="sm" c="dimmed" className="cxw-chart-caption">
              {caption}
            </Text>
          )}
        </figcaption>
      </figure>
      {showTable && <ChartDataTable table={table} caption={`${title}: the numbers`} id={tableId} />}
    </div>
  );
}
