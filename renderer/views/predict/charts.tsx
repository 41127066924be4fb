// The prediction charts, each a PlotlyChart with its numbers as a table and a one-sentence summary
// (charts/predict-tables.ts): the reliability diagram, cumulative gains against random, permutation importance with
// its intervals, partial dependence (a line for numbers, bars for values) and one customer's signed contributions.
import { useCallback, useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { CustomerExplanation, FeatureImportance, LiftDecile, PartialDependence, ReliabilityPoint } from '../../../shared/predict';
import { maxOf, minOf } from '../../../shared/extent';
import { PlotlyChart } from '../../charts/PlotlyChart';
import type { ChartTheme } from '../../charts/plotly';
import { labelsRight } from '../../charts/traces';
import {
  binLabel,
  contributionSummary,
  contributionTable,
  dependenceSummary,
  dependenceTable,
  gainsSummary,
  gainsTable,
  importanceSummary,
  importanceTable,
  pct1,
  reliabilitySummary,
  reliabilityTable,
  sortedContributions,
} from '../../charts/predict-tables';

/** Raises the risk / lowers it: vermilion and blue (told apart under the common colour-vision deficiencies), and by side. */
const up = (t: ChartTheme) => (t.dark ? '#E8743B' : '#C2470A');
const down = (t: ChartTheme) => t.accent;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const axisTitle = (text: string, t: ChartTheme) => ({ text, font: { size: 13, color: t.muted } });

export function ReliabilityChart({ points, ece, name }: { points: ReliabilityPoint[]; ece: number; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const filled = points.filter((b) => b.count > 0 && b.meanPredicted !== null && b.observedRate !== null);
      const most = Math.max(1, maxOf(filled.map((b) => b.count)));
      const data: Data[] = [
        { type: 'scatter', mode: 'lines', name: 'Perfect calibration', x: [0, 1], y: [0, 1], line: { color: t.muted, width: 1.5, dash: 'dash' }, hoverinfo: 'skip' } as Data,
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: 'This model (test rows)',
          x: filled.map((b) => b.meanPredicted),
          y: filled.map((b) => b.observedRate),
          line: { color: t.accent, width: 2.5 },
          // Marker area follows the rows in the bin: a point resting on few rows looks lighter.
          marker: { color: t.accent, size: filled.map((b) => 8 + 14 * Math.sqrt(b.count / most)), line: { color: t.paper, width: 1 } },
          hovertext: filled.map(
            (b) => `<b>${binLabel(b.lower, b.upper)}</b> · ${b.count.toLocaleString('en-US')} rows<br>mean predicted ${pct1(b.meanPredicted!)} · observed ${pct1(b.observedRate!)}`,
          ),
          hoverinfo: 'text',
        } as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 64, r: 24, t: 36, b: 56 },
          xaxis: { range: [0, 1], tickformat: '.0%', title: axisTitle('Mean predicted probability in the bin', t), zeroline: false },
          yaxis: { range: [0, 1], tickformat: '.0%', title: axisTitle('Observed share of positives', t), zeroline: false },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
          showlegend: true,
        } as Partial<Layout>,
      };
    },
    [points],
  );
  return (
    <PlotlyChart
      title="Reliability: predicted against observed"
      exportName={`${name} reliability`}
      figure={figure}
      height={440}
      table={reliabilityTable(points)}
      summary={reliabilitySummary(points, ece)}
      caption="Test customers grouped by predicted probability (bins of 10 points; bigger dots hold more customers): on the dashed diagonal a probability means what it says; below it the model over-states the risk, above it under-states it."
    />
  );
}

export function GainsChart({ lift, name }: { lift: LiftDecile[]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const x = [0, ...lift.map((d) => d.group / lift.length)];
      const data: Data[] = [
        { type: 'scatter', mode: 'lines', name: 'Random order', x: [0, 1], y: [0, 1], line: { color: t.muted, width: 1.5, dash: 'dash' }, hoverinfo: 'skip' } as Data,
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: 'Ranked by the model',
          x,
          y: [0, ...lift.map((d) => d.gain)],
          line: { color: t.accent, width: 2.5 },
          marker: { color: t.accent, size: 8, symbol: 'circle' },
          hovertext: ['', ...lift.map((d) => `top ${Math.round((d.group / lift.length) * 100)}% of customers: ${pct1(d.gain)} of the positives (cumulative lift ${d.cumulativeLift.toFixed(2)}×)`)],
          hoverinfo: 'text',
        } as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 64, r: 24, t: 36, b: 56 },
          xaxis: { range: [0, 1], tickformat: '.0%', dtick: 0.1, title: axisTitle('Share of test customers contacted, highest risk first', t), zeroline: false },
          yaxis: { range: [0, 1.02], tickformat: '.0%', title: axisTitle('Share of all positives found', t), zeroline: false },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
          showlegend: true,
        } as Partial<Layout>,
      };
    },
    [lift],
  );
  return (
    <PlotlyChart
      title="Cumulative gains: model against random"
      exportName={`${name} cumulative gains`}
      figure={figure}
      height={420}
      table={gainsTable(lift)}
      summary={gainsSummary(lift)}
      caption="Test customers sorted by predicted probability, highest first: how many of the positives the first 10%, 20%, … contain. The dashed diagonal is contacting customers in random order."
    />
  );
}

export function ImportanceChart({ features, name }: { features: FeatureImportance[]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = features.map((f) => escapeHtml(f.name));
      const data: Data[] = [
        {
          type: 'bar',
          orientation: 'h',
          y: ys,
          x: features.map((f) => f.importance),
          marker: { color: t.accent, line: { width: 0 } },
          error_x: {
            type: 'data',
            symmetric: false,
            array: features.map((f) => Math.max(0, f.importanceCi[1] - f.importance)),
            arrayminus: features.map((f) => Math.max(0, f.importance - f.importanceCi[0])),
            color: t.text,
            thickness: 1.8,
            width: 6,
          },
          customdata: features.map((f) => [`${f.importanceCi[0].toFixed(3)}–${f.importanceCi[1].toFixed(3)}`, f.meanAbsContribution.toFixed(3)]),
          hovertemplate: '%{y}<br>AUC drop %{x:.3f} (95% CI %{customdata[0]})<br>mean |contribution| %{customdata[1]} log-odds<extra></extra>',
          showlegend: false,
        } as Data,
        labelsRight(
          t,
          ys,
          features.map((f) => Math.max(f.importance, f.importanceCi[1], 0)),
          features.map((f) => `  ${f.importance.toFixed(3)}`),
        ),
      ];
      const hi = Math.max(0.01, maxOf(features.map((f) => Math.max(f.importance, f.importanceCi[1]))));
      const lo = Math.min(0, minOf(features.map((f) => f.importanceCi[0])));
      return {
        data,
        layout: {
          bargap: 0.35,
          margin: { l: 16, r: 24, t: 16, b: 52 },
          xaxis: { range: [lo * 1.1, hi * 1.22], title: axisTitle('Drop in test AUC when the column is shuffled (95% interval)', t), fixedrange: true, zeroline: true },
          yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [features],
  );
  return (
    <PlotlyChart
      title="Which columns matter"
      exportName={`${name} importance`}
      figure={figure}
      height={Math.max(220, 90 + features.length * 40)}
      table={importanceTable(features)}
      summary={importanceSummary(features)}
      caption="Each column's values shuffled among the test customers, many times: how much the test AUC drops (bars) with its 95% interval (whiskers). A bar near 0 means the model hardly uses the column — or another column carries the same information."
    />
  );
}

export function DependenceChart({ pd, name }: { pd: PartialDependence; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const y = pd.probability;
      const levels = pd.kind === 'levels';
      const data: Data[] = [
        levels
          ? ({
              type: 'bar',
              x: pd.grid.map((g) => escapeHtml(String(g))),
              y,
              marker: { color: t.accent, line: { width: 0 } },
              text: y.map((p) => pct1(p)),
              textposition: 'outside',
              cliponaxis: false,
              hovertemplate: '%{x}: %{y:.1%}<extra></extra>',
            } as Data)
          : ({
              type: 'scatter',
              mode: 'lines+markers',
              x: pd.grid,
              y,
              line: { color: t.accent, width: 2.5 },
              marker: { color: t.accent, size: 6 },
              hovertemplate: `${escapeHtml(pd.feature)} %{x}: %{y:.1%}<extra></extra>`,
            } as Data),
      ];
      const top = Math.min(1, maxOf(y) * 1.2 + 0.02);
      return {
        data,
        layout: {
          margin: { l: 64, r: 16, t: 16, b: 56 },
          bargap: 0.4,
          xaxis: { type: levels ? 'category' : 'linear', title: axisTitle(pd.feature, t), zeroline: false, fixedrange: true },
          yaxis: { range: [0, top], tickformat: '.0%', title: axisTitle('Mean predicted probability', t), zeroline: false, fixedrange: true },
          showlegend: false,
        } as Partial<Layout>,
      };
    },
    [pd],
  );
  return (
    <PlotlyChart
      title={`Partial dependence: ${pd.feature}`}
      exportName={`${name} partial dependence ${pd.feature}`}
      figure={figure}
      height={320}
      table={dependenceTable(pd)}
      summary={dependenceSummary(pd)}
    />
  );
}

export function ContributionChart({ explanation }: { explanation: CustomerExplanation }) {
  const rows = useMemo(() => sortedContributions(explanation), [explanation]);
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = rows.map((c) => `${escapeHtml(c.feature)} = ${escapeHtml(c.value)}`);
      const data: Data[] = [
        {
          type: 'bar',
          orientation: 'h',
          y: ys,
          x: rows.map((c) => c.contribution),
          marker: { color: rows.map((c) => (c.contribution >= 0 ? up(t) : down(t))), line: { width: 0 } },
          text: rows.map((c) => `${c.contribution >= 0 ? '+' : '\u2212'}${Math.abs(c.contribution).toFixed(3)}`),
          textposition: 'outside',
          cliponaxis: false,
          hovertemplate: '%{y}: %{x:+.3f} log-odds<extra></extra>',
          showlegend: false,
        } as Data,
      ];
      const reach = Math.max(0.1, maxOf(rows.map((c) => Math.abs(c.contribution))));
      return {
        data,
        layout: {
          bargap: 0.3,
          margin: { l: 16, r: 24, t: 16, b: 52 },
          xaxis: { range: [-reach * 1.35, reach * 1.35], title: axisTitle('Contribution in log-odds: right raises the risk, left lowers it', t), zeroline: true, zerolinecolor: t.muted, fixedrange: true },
          yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [rows],
  );
  return (
    <PlotlyChart
      title={`What each column adds for customer ${explanation.id}`}
      exportName={`customer ${explanation.id} explanation`}
      figure={figure}
      height={Math.max(200, 80 + rows.length * 30)}
      table={contributionTable(explanation)}
      summary={contributionSummary(explanation)}
    />
  );
}
