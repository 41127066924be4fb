// The Segments view's figures, each a PlotlyChart: k sweep (small multiples: stability and the four indices), PCA scatter (WebGL when the
// window has it), profile heatmap (z-scores, diverging at 0), segment sizes, and the migration Sankey.
import { useCallback, useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { KRecommendation, KScore, MigrationMatrix, ProjectionPoints, SegmentCard } from '../../../shared/segments';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { divergingScale, segmentColor, segmentSymbol } from '../../charts/palette';
import { hasWebGL, type ChartTheme } from '../../charts/plotly';
import { formatCount, formatPct } from '../../lib/format';
import { sortedScores } from './model';
import { maxOf } from '../../../shared/extent';
import { heatmapSummary, heatmapTable, kSweepSummary, kSweepTable, migrationSummary, migrationTable, projectionSummary, projectionTable, sizesSummary, sizesTable } from '../../charts/segment-tables';

// ------------------------------------------------------------------ k sweep

type SweepKey = 'inertia' | 'silhouette' | 'calinskiHarabasz' | 'daviesBouldin' | 'minStability';
const SWEEP_PANELS: { key: SweepKey; title: string; better: string }[] = [
  { key: 'minStability', title: 'Least stable segment', better: 'bootstrap Jaccard; ≥ 0.75 stable' },
  { key: 'silhouette', title: 'Silhouette', better: 'higher is better' },
  { key: 'calinskiHarabasz', title: 'Calinski–Harabasz', better: 'higher is better' },
  { key: 'daviesBouldin', title: 'Davies–Bouldin', better: 'lower is better' },
  { key: 'inertia', title: 'Inertia (elbow)', better: 'look for the bend' },
];
/** Hennig's "stable" level, the recommendation's first filter (main/analysis/segment/recommend.ts). */
const STABLE_LINE = 0.75;

export function KSweepChart({ scores, recommendation, name }: { scores: KScore[]; recommendation: KRecommendation | null; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const rows = sortedScores(scores);
      const ks = rows.map((r) => r.k);
      const rec = recommendation?.k ?? null;
      // Results saved before the sweep measured stability have no stability panel.
      const panels = SWEEP_PANELS.filter((p) => p.key !== 'minStability' || rows.some((r) => r.minStability !== undefined));
      // Five panels in one row are too narrow at 1366 px: with stability, the two that decide (stability, then
      // silhouette) share the top row and the three other indices the bottom one.
      const twoRows = panels.length > 4;
      const domains = (i: number): { x: [number, number]; y: [number, number] } =>
        i < 2 ? { x: i === 0 ? [0, 0.44] : [0.56, 1], y: [0.6, 1] } : { x: ([[0, 0.27], [0.365, 0.635], [0.73, 1]] as [number, number][])[i - 2], y: [0, 0.34] };
      const data: Data[] = [];
      const layout: Partial<Layout> & Record<string, unknown> = {
        ...(twoRows ? {} : { grid: { rows: 1, columns: panels.length, pattern: 'independent', xgap: 0.16 } }),
        showlegend: false,
        margin: { l: 52, r: 16, t: 48, b: 44 },
        annotations: [],
        shapes: [],
      };
      const annotations: Partial<Layout['annotations'][number]>[] = [];
      const shapes: Partial<Layout['shapes'][number]>[] = [];
      panels.forEach((panel, i) => {
        const axis = i === 0 ? '' : String(i + 1);
        const ys = rows.map((r) => r[panel.key] ?? null);
        data.push({
          type: 'scatter',
          mode: 'lines+markers',
          x: ks,
          y: ys,
          xaxis: `x${axis}`,
          yaxis: `y${axis}`,
          line: { color: t.muted, width: 2 },
          marker: { size: ks.map((k) => (k === rec ? 13 : 7)), color: ks.map((k) => (k === rec ? t.accent : t.muted)) },
          hovertemplate: `k = %{x}<br>${panel.title}: %{y:.4g}<extra></extra>`,
        } as Data);
        const place = twoRows ? domains(i) : null;
        layout[`xaxis${axis}`] = {
          dtick: 1,
          gridcolor: t.grid,
          linecolor: t.line,
          tickfont: { size: 12, color: t.muted },
          title: { text: 'k', font: { size: 12, color: t.muted } },
          ...(place ? { domain: place.x, anchor: `y${axis}` } : {}),
        };
        layout[`yaxis${axis}`] = {
          gridcolor: t.grid,
          linecolor: t.line,
          zerolinecolor: t.line,
          tickfont: { size: 12, color: t.muted },
          automargin: true,
          ...(place ? { domain: place.y, anchor: `x${axis}` } : {}),
        };
        annotations.push({
          text: `<b>${panel.title}</b><br><span style="font-size:12px">${panel.better}</span>`,
          xref: `x${axis} domain` as 'x',
          yref: `y${axis} domain` as 'y',
          x: 0,
          y: 1.04,
          xanchor: 'left',
          yanchor: 'bottom',
          showarrow: false,
          align: 'left',
          font: { size: 14, color: t.text },
        });
        if (panel.key === 'minStability') {
          layout[`yaxis${axis}`] = { ...(layout[`yaxis${axis}`] as object), range: [0, 1.02] };
          shapes.push({
            type: 'line',
            xref: `x${axis} domain` as 'x',
            yref: `y${axis}` as 'y',
            x0: 0,
            x1: 1,
            y0: STABLE_LINE,
            y1: STABLE_LINE,
            line: { color: t.muted, width: 1, dash: 'dash' },
          });
        }
        if (rec !== null) {
          shapes.push({
            type: 'line',
            xref: `x${axis}` as 'x',
            yref: `y${axis} domain` as 'y',
            x0: rec,
            x1: rec,
            y0: 0,
            y1: 1,
            line: { color: t.accent, width: 1.5, dash: 'dot' },
          });
        }
      });
      layout.annotations = annotations as Layout['annotations'];
      layout.shapes = shapes as Layout['shapes'];
      return { data, layout: layout as Partial<Layout> };
    },
    [scores, recommendation],
  );
  return (
    <PlotlyChart
      title="Choosing k"
      exportName={`${name} k sweep`}
      figure={figure}
      height={scores.some((r) => r.minStability !== undefined) ? 600 : 300}
      table={kSweepTable(scores, recommendation)}
      summary={kSweepSummary(scores, recommendation)}
      caption={
        recommendation
          ? `Dotted line and large dot: the recommended k = ${recommendation.k}.${scores.some((r) => r.minStability !== undefined) ? ' Dashed line: Jaccard 0.75, the level at which a segment counts as stable; the least stable segment of each k is plotted.' : ''}`
          : undefined
      }
    />
  );
}

// ------------------------------------------------------------------ PCA scatter

interface ScatterProps {
  projection: ProjectionPoints;
  segments: SegmentCard[];
  totalRows: number;
  name: string;
}

export function ProjectionScatter({ projection, segments, totalRows, name }: ScatterProps) {
  const webgl = useMemo(() => hasWebGL(), []);
  const figure = useCallback(
    (t: ChartTheme) => {
      const n = projection.x.length;
      // Big enough for each segment's marker shape to read (colour is never the only cue).
      const size = n > 50_000 ? 4 : n > 5_000 ? 6 : 8;
      const byIndex = new Map<number, { x: number[]; y: number[] }>();
      for (let i = 0; i < n; i++) {
        const s = projection.segment[i];
        let b = byIndex.get(s);
        if (!b) byIndex.set(s, (b = { x: [], y: [] }));
        b.x.push(projection.x[i]);
        b.y.push(projection.y[i]);
      }
      const data: Data[] = segments.map((seg) => {
        const pts = byIndex.get(seg.index) ?? { x: [], y: [] };
        return {
          type: webgl ? 'scattergl' : 'scatter',
          mode: 'markers',
          name: escapeHtml(seg.name),
          x: pts.x,
          y: pts.y,
          marker: { color: segmentColor(seg.index), symbol: segmentSymbol(seg.index), size, opacity: n > 20_000 ? 0.55 : 0.75, line: { width: 0 } },
          hovertemplate: `${escapeHtml(seg.name)}<extra></extra>`,
        } as Data;
      });
      const [e1, e2] = projection.explained;
      return {
        data,
        layout: {
          margin: { l: 64, r: 24, t: 16, b: 56 },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 14, color: t.text }, itemsizing: 'constant' },
          xaxis: { title: { text: `Component 1 (${formatPct(e1 * 100)} of variance)` }, zeroline: false },
          yaxis: { title: { text: `Component 2 (${formatPct(e2 * 100)} of variance)` }, zeroline: false },
          hovermode: 'closest',
        } as Partial<Layout>,
      };
    },
    [projection, segments, webgl],
  );
  const drawn = formatCount(projection.n);
  const caption = projection.sampled
    ? `Each dot is a customer: a random sample of ${drawn} of ${formatCount(totalRows)} is drawn. `
    : `Each dot is a customer: all ${drawn} are drawn. `;
  const shapes = 'Each segment has its own colour and marker shape (see the legend). ';
  return (
    <PlotlyChart
      title="Customers on the two main directions of difference (PCA)"
      exportName={`${name} scatter`}
      figure={figure}
      height={520}
      table={projectionTable(projection, segments)}
      summary={projectionSummary(projection, segments)}
      caption={
        <>
          {caption}
          {shapes}
          Together the two components explain {formatPct((projection.explained[0] + projection.explained[1]) * 100)} of the variation in the
          features; segments that overlap here may still separate on other directions.
          {webgl ? '' : ' (Drawn without WebGL, which this window does not offer.)'}
        </>
      }
    />
  );
}

// ------------------------------------------------------------------ heatmap

export function ProfileHeatmap({ features, z, segments, name }: { features: string[]; z: number[][]; segments: SegmentCard[]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const maxAbs = Math.min(3, Math.max(0.5, maxOf(z.flat().map((v) => Math.abs(v)).filter(Number.isFinite))));
      const labels = segments.map((s) => `${s.index + 1} · ${escapeHtml(s.name)}`);
      const data: Data[] = [
        {
          type: 'heatmap',
          x: features.map(escapeHtml),
          y: labels,
          z,
          zmid: 0,
          zmin: -maxAbs,
          zmax: maxAbs,
          colorscale: divergingScale(t.dark),
          texttemplate: '%{z:.1f}',
          textfont: { size: features.length > 14 ? 11 : 14 },
          xgap: 2,
          ygap: 2,
          hovertemplate: '%{y}<br>%{x}: %{z:.2f} SD from average<extra></extra>',
          colorbar: { title: { text: 'SD from<br>average', font: { size: 12, color: t.muted } }, tickfont: { size: 12, color: t.muted }, thickness: 14, outlinewidth: 0 },
        } as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 200, r: 24, t: 16, b: 110 },
          xaxis: { tickangle: -35, gridcolor: 'rgba(0,0,0,0)', tickfont: { size: 13, color: t.text } },
          yaxis: { autorange: 'reversed', gridcolor: 'rgba(0,0,0,0)', tickfont: { size: 14, color: t.text } },
        } as Partial<Layout>,
      };
    },
    [features, z, segments],
  );
  return (
    <PlotlyChart
      title="Profile: how each segment differs from the average customer"
      exportName={`${name} profile heatmap`}
      figure={figure}
      height={Math.max(300, 140 + segments.length * 56)}
      table={heatmapTable(features, z, segments)}
      summary={heatmapSummary(features, z, segments)}
      caption="Each cell is the segment's average in standard deviations from the overall average: orange above, purple below, pale about average."
    />
  );
}

// ------------------------------------------------------------------ sizes

export function SizeBars({ segments, name }: { segments: SegmentCard[]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const ordered = [...segments].sort((a, b) => a.index - b.index);
      const data: Data[] = [
        {
          type: 'bar',
          orientation: 'h',
          y: ordered.map((s) => `${s.index + 1} · ${escapeHtml(s.name)}`),
          x: ordered.map((s) => s.size),
          marker: { color: ordered.map((s) => segmentColor(s.index)) },
          text: ordered.map((s) => `${formatCount(s.size)} · ${formatPct(s.share * 100)}`),
          textposition: 'outside',
          cliponaxis: false,
          textfont: { size: 14, color: t.text },
          hovertemplate: '%{y}: %{x:,} customers<extra></extra>',
        } as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 200, r: 120, t: 8, b: 40 },
          xaxis: { title: { text: 'Customers' }, rangemode: 'tozero' },
          yaxis: { autorange: 'reversed', tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
          bargap: 0.35,
        } as Partial<Layout>,
      };
    },
    [segments],
  );
  return <PlotlyChart title="Segment sizes" exportName={`${name} sizes`} figure={figure} height={Math.max(220, 60 + segments.length * 44)} table={sizesTable(segments)} summary={sizesSummary(segments)} />;
}

// ------------------------------------------------------------------ migration

export function MigrationSankey({ matrix }: { matrix: MigrationMatrix }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const nFrom = matrix.fromSegments.length;
      const source: number[] = [];
      const target: number[] = [];
      const value: number[] = [];
      const colors: string[] = [];
      matrix.counts.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c <= 0) return;
          source.push(i);
          target.push(nFrom + j);
          value.push(c);
          colors.push(hexAlpha(segmentColor(i), 0.35));
        }),
      );
      const data: Data[] = [
        {
          type: 'sankey',
          arrangement: 'fixed',
          node: {
            label: [...matrix.fromSegments, ...matrix.toSegments].map(escapeHtml),
            color: [...matrix.fromSegments.map((_, i) => segmentColor(i)), ...matrix.toSegments.map((_, j) => segmentColor(j))],
            pad: 18,
            thickness: 18,
            line: { width: 0 },
          },
          link: { source, target, value, color: colors },
          textfont: { size: 14, color: t.text },
        } as unknown as Data,
      ];
      return { data, layout: { margin: { l: 16, r: 16, t: 16, b: 16 } } as Partial<Layout> };
    },
    [matrix],
  );
  return (
    <PlotlyChart
      title="Where customers moved"
      exportName={`${matrix.from} to ${matrix.to}`}
      figure={figure}
      height={Math.max(320, 40 * Math.max(matrix.fromSegments.length, matrix.toSegments.length))}
      table={migrationTable(matrix)}
      summary={migrationSummary(matrix)}
      caption={`Left: ${matrix.from}. Right: ${matrix.to}. Band width: customers (${formatCount(matrix.matched)} matched by id).`}
    />
  );
}

function hexAlpha(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

/** Plotly renders hover text as HTML-ish markup: segment names are analyst text, so escape them. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
