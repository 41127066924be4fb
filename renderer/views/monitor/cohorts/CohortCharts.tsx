// The Cohorts area's two charts: the cohort × period heatmap of one measure (numbers in the cells; periods not yet
// fully observed drawn grey with a "*", never as a drop) and the retention curves (pooled per split group, or the
// pooled curve with the latest cohorts). Both through PlotlyChart, with their tables and one-sentence summaries.
import { useCallback } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { CohortRow, CohortsResult } from '../../../../shared/monitor-cohorts';
import { escapeHtml } from '../../../charts/nps-figures';
import { PlotlyChart } from '../../../charts/PlotlyChart';
import { divergingScale, segmentColor, segmentDash, segmentSymbol } from '../../../charts/palette';
import type { ChartTheme } from '../../../charts/plotly';
import { cellText, curvesTable, heatmapSummary, heatmapTable, isShare, MEASURE_LABELS, MEASURE_MEANINGS, retentionCurves, valuesOf, type Measure } from './figures';

const SEQUENTIAL_LIGHT: [number, string][] = [
  [0, '#F2F6FC'],
  [0.5, '#7FA7D9'],
  [1, '#1B4F9C'],
];
const SEQUENTIAL_DARK: [number, string][] = [
  [0, '#1E2430'],
  [0.5, '#3D6BB3'],
  [1, '#9CC3F5'],
];

export function CohortHeatmap({ result, rows, measure, title }: { result: CohortsResult; rows: CohortRow[]; measure: Measure; title: string }) {
  const periods = rows.reduce((n, c) => Math.max(n, c.retention.length), 0);
  const figure = useCallback(
    (t: ChartTheme) => {
      const x = Array.from({ length: periods }, (_, p) => `${result.unit[0].toUpperCase()}${p}`);
      const y = rows.map((c) => `${escapeHtml(c.label)} (${c.size.toLocaleString('en-US')})`);
      const full: (number | null)[][] = [];
      const partial: (number | null)[][] = [];
      const fullText: string[][] = [];
      const partialText: string[][] = [];
      // NPS cells say how many answers they rest on (in the hover); other measures, the cohort's customers.
      const bases: number[][] = [];
      for (const c of rows) {
        bases.push(x.map((_, p) => (measure === 'nps' ? (c.nps?.n[p] ?? 0) : c.size)));
        const v = valuesOf(c, measure);
        full.push(x.map((_, p) => (p < v.length && !c.incomplete[p] ? v[p] : null)));
        partial.push(x.map((_, p) => (p < v.length && c.incomplete[p] ? v[p] : null)));
        fullText.push(x.map((_, p) => (p < v.length && !c.incomplete[p] ? cellText(v[p], measure) : '')));
        partialText.push(x.map((_, p) => (p < v.length && c.incomplete[p] ? `${cellText(v[p], measure)}*` : '')));
      }
      // Shares: the scale ends at the highest fully observed value after period 0 (period 0 is 100% by definition).
      const later = full.flatMap((r) => r.slice(isShare(measure) ? 1 : 0)).filter((v): v is number => v !== null);
      const top = later.length ? later.reduce((a, b) => Math.max(a, b), 0) : 1;
      const scale =
        measure === 'nps' ? { colorscale: divergingScale(t.dark), zmid: 0, zmin: -100, zmax: 100 } : { colorscale: t.dark ? SEQUENTIAL_DARK : SEQUENTIAL_LIGHT, zmin: 0, zmax: Math.max(top, 1e-9) };
      const common = { type: 'heatmap', x, y, xgap: 2, ygap: 2, texttemplate: '%{text}', textfont: { size: periods > 18 ? 10 : 12 }, hoverongaps: false } as const;
      const data: Data[] = [
        {
          ...common,
          z: full,
          text: fullText,
          ...scale,
          customdata: bases,
          hovertemplate: `%{y}<br>%{x}: %{text} (${measure === 'nps' ? 'n = %{customdata} answers' : 'of %{customdata} customers'})<extra></extra>`,
          colorbar: { thickness: 12, outlinewidth: 0, tickfont: { size: 12, color: t.muted }, title: { text: `${MEASURE_LABELS[measure]}${isShare(measure) ? ' (%)' : ''}`, font: { size: 12, color: t.muted } } },
        } as unknown as Data,
        {
          ...common,
          z: partial,
          text: partialText,
          colorscale: [
            [0, t.dark ? '#3A3F4B' : '#E3E5E8'],
            [1, t.dark ? '#3A3F4B' : '#E3E5E8'],
          ],
          showscale: false,
          textfont: { ...common.textfont, color: t.muted },
          hovertemplate: `%{y}<br>%{x}: %{text} (not yet fully observed)<extra></extra>`,
        } as unknown as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 210, r: 16, t: 12, b: 48 },
          xaxis: { side: 'top', gridcolor: 'rgba(0,0,0,0)', tickfont: { size: 12, color: t.text }, fixedrange: true },
          yaxis: { autorange: 'reversed', gridcolor: 'rgba(0,0,0,0)', tickfont: { size: 12, color: t.text }, fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [result, rows, measure, periods],
  );
  return (
    <PlotlyChart
      title={title}
      exportName={title}
      figure={figure}
      height={Math.max(220, 90 + rows.length * 26)}
      table={heatmapTable(result, rows, measure)}
      summary={heatmapSummary(result, rows, measure)}
      caption={`Each cell: ${MEASURE_MEANINGS[measure](result.unit)}. Grey cells marked * are ${result.unit}s not yet fully observed (they end after ${result.observedThrough}); they are not a drop.`}
    />
  );
}

export function RetentionCurves({ result }: { result: CohortsResult }) {
  const curves = retentionCurves(result);
  const figure = useCallback(
    (t: ChartTheme) => {
      const data: Data[] = curves.map((c, i) => {
        const pooled = !result.split && i === 0;
        return {
          type: 'scatter',
          mode: 'lines+markers',
          name: escapeHtml(c.name),
          x: c.y.map((_, p) => p),
          y: c.y,
          connectgaps: false,
          line: { color: pooled ? t.text : segmentColor(result.split ? i : i - 1), width: pooled ? 4 : 2, dash: pooled ? 'solid' : segmentDash(result.split ? i : i - 1) },
          marker: { size: pooled ? 8 : 6, symbol: segmentSymbol(result.split ? i : i - 1) },
          hovertemplate: `${escapeHtml(c.name)}<br>${result.unit} %{x}: %{y:.1f}%<extra></extra>`,
        } as Data;
      });
      return {
        data,
        layout: {
          margin: { l: 60, r: 16, t: 12, b: 56 },
          xaxis: { title: { text: `${result.unit[0].toUpperCase()}${result.unit.slice(1)}s since the first event`, font: { size: 13, color: t.muted } }, dtick: result.periods > 26 ? 4 : 1, fixedrange: true },
          yaxis: { title: { text: 'Retention (%)', font: { size: 13, color: t.muted } }, rangemode: 'tozero', fixedrange: true },
          legend: { orientation: 'h', y: -0.25, font: { size: 12, color: t.text } },
        } as Partial<Layout>,
      };
    },
    [curves, result],
  );
  const title = result.split ? `Retention by ${result.split.kind === 'segmentation' ? 'segment' : result.split.name}` : 'Retention curves';
  return (
    <PlotlyChart
      title={title}
      exportName={title}
      figure={figure}
      height={380}
      table={curvesTable(result, curves)}
      summary={result.summary}
      caption={
        result.split
          ? 'Each line pools a group’s cohorts, weighted by size, over the periods they have fully observed.'
          : 'The thick line pools all cohorts (weighted by size); thin lines are the latest cohorts of 10 or more customers. Only fully observed periods are drawn.'
      }
    />
  );
}
