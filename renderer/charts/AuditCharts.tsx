// Fairness audit charts: each group's rate as a ratio of its reference group's on a log axis with the 0.8–1.25 band
// shaded (flagged groups highlighted, adjusted p on hover), calibration by score decile with one line per group, and
// the proxy heatmap (Cramér's V of each feature with each protected attribute, flagged cells outlined). Each is a
// PlotlyChart, so each loads plotly lazily and exports a PNG.
import { useCallback, type ReactNode } from 'react';
import type { Data, Layout, Shape } from 'plotly.js';
import type { AuditMetric, AuditResult, CalibrationBin, ProxyAssociation } from '../../shared/audit';
import { PlotlyChart } from './PlotlyChart';
import type { ChartTheme } from './plotly';
import { segmentColor, segmentDash, segmentSymbol } from './palette';
import { FAIR_BAND, calibrationAxes, calibrationSeries, disparityRows, escapeHtml, proxyMatrix, ratioAxis, type DisparityRow } from './audit-figures';
import { maxOf } from '../../shared/extent';
import { calibrationSummary, calibrationTable, disparitySummary, disparityTable, proxySummary, proxyTable } from './audit-tables';

const pct = (v: number | null) => (v === null ? 'undefined' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const pText = (p: number | null) => (p === null ? 'no test' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const count = (n: number) => n.toLocaleString('en-US');

/** Flag colour (vermilion, distinct from the blue of unflagged groups for the common colour-vision deficiencies). */
const FLAG = '#D55E00';

// ------------------------------------------------------------------ disparity

interface DisparityProps {
  result: AuditResult;
  metric: AuditMetric;
  metricLabel: string;
  attributes: string[];
  actions?: ReactNode;
}

export function DisparityChart({ result, metric, metricLabel, attributes, actions }: DisparityProps) {
  const { rows, undefinedRatio } = disparityRows(result, metric, attributes);
  const figure = useCallback(
    (t: ChartTheme) => {
      const points = rows.filter((r): r is Extract<DisparityRow, { kind: 'group' }> => r.kind === 'group');
      const axis = ratioAxis(points.map((p) => p.disparity.ratio!));
      const x = (r: number) => (r <= 0 ? axis.floor : r);
      const calm = t.dark ? '#8C9EFF' : '#3B5BDB';
      const labels = rows.map((r) => (r.kind === 'header' ? `<b>${escapeHtml(r.label)}</b>` : escapeHtml(r.label)));
      const labelOf = new Map(rows.map((r, i) => [r, labels[i]]));
      const hover = (p: Extract<DisparityRow, { kind: 'group' }>) => {
        const d = p.disparity;
        return [
          `<b>${escapeHtml(d.group)}</b> (${escapeHtml(d.attribute)}, n ${count(p.n)}${p.small ? ', small group' : ''})`,
          ...(p.unreliable ? [`<i>too few people behind the rate: not judged</i>`] : []),
          `${escapeHtml(metricLabel)} ${pct(p.rate)} vs ${pct(p.referenceRate)} for ${escapeHtml(d.reference)}`,
          `ratio ${d.ratio!.toFixed(3)} · difference ${d.difference === null ? '—' : `${(d.difference * 100).toFixed(1)} pp`}`,
          `${d.test === 'fisher' ? "Fisher's exact" : d.test === 'chi-square' ? 'chi-square' : 'no'} test: p ${pText(d.pValue)} · adjusted p ${pText(d.pAdjusted)}`,
          d.flag ? '<b>flagged</b>' : 'not flagged',
        ].join('<br>');
      };
      // Three series: flagged, not flagged, and (grey, open) comparisons resting on too few people — never judged.
      const series = (kind: 'flag' | 'calm' | 'thin'): Data => {
        const list = points.filter((p) => (kind === 'thin' ? p.unreliable : !p.unreliable && p.disparity.flag === (kind === 'flag')));
        const flag = kind === 'flag';
        const colour = flag ? FLAG : kind === 'thin' ? t.muted : calm;
        return {
          type: 'scatter',
          mode: 'text+markers',
          name: flag ? 'Flagged' : kind === 'thin' ? 'Too few people' : 'Not flagged',
          showlegend: list.length > 0,
          x: list.map((p) => x(p.disparity.ratio!)),
          y: list.map((p) => labelOf.get(p)!),
          marker: {
            color: colour,
            size: flag ? 16 : 12,
            // Shape as well as colour: flagged groups are squares, the others circles (a ratio of 0: a left triangle).
            symbol: list.map((p) => `${p.disparity.ratio! <= 0 ? 'triangle-left' : flag ? 'square' : 'circle'}${kind === 'thin' ? '-open' : ''}`),
            line: { color: kind === 'thin' ? colour : t.paper, width: flag ? 2 : kind === 'thin' ? 2 : 1 },
          },
          text: list.map((p) => (flag ? `  <b>${p.disparity.ratio! <= 0 ? '0' : p.disparity.ratio!.toFixed(2)}×</b>` : `  ${p.disparity.ratio! <= 0 ? '0' : p.disparity.ratio!.toFixed(2)}×`)),
          textposition: 'middle right',
          textfont: { size: 14, color: flag ? FLAG : kind === 'thin' ? t.muted : t.text },
          cliponaxis: false,
          hovertext: list.map(hover),
          hoverinfo: 'text',
        } as Data;
      };
      const refs = rows.filter((r): r is Extract<DisparityRow, { kind: 'reference' }> => r.kind === 'reference');
      const headers = rows.filter((r) => r.kind === 'header');
      const data: Data[] = [
        // Header rows carry no point; an invisible marker keeps their category on the axis.
        ...(headers.length
          ? [{ type: 'scatter', mode: 'markers', x: headers.map(() => 1), y: headers.map((h) => labelOf.get(h)!), marker: { opacity: 0 }, hoverinfo: 'skip', showlegend: false } as Data]
          : []),
        {
          type: 'scatter',
          mode: 'markers',
          name: 'Reference group (= 1)',
          x: refs.map(() => 1),
          y: refs.map((r) => labelOf.get(r)!),
          marker: { symbol: 'diamond-open', size: 14, color: t.muted, line: { width: 2.5 } },
          hovertext: refs.map((r) => `<b>${escapeHtml(r.group)}</b>: reference group of ${escapeHtml(r.attribute)} (n ${count(r.n)})<br>${escapeHtml(metricLabel)} ${pct(r.rate)}`),
          hoverinfo: 'text',
        } as Data,
        series('thin'),
        series('calm'),
        series('flag'),
      ];
      const shapes: Partial<Shape>[] = [
        {
          type: 'rect',
          xref: 'x',
          yref: 'paper',
          x0: FAIR_BAND[0],
          x1: FAIR_BAND[1],
          y0: 0,
          y1: 1,
          fillcolor: t.dark ? 'rgba(32,201,151,0.14)' : 'rgba(18,184,134,0.14)',
          line: { width: 0 },
          layer: 'below',
          showlegend: true,
          name: 'Band 0.8–1.25',
        } as Partial<Shape>,
        { type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: t.muted, width: 1.5, dash: 'dot' }, layer: 'below' },
      ];
      return {
        data,
        layout: {
          // The ratio scale on top, where the eye starts on a tall chart; the legend at the foot.
          margin: { l: 16, r: 64, t: 64, b: 48 },
          xaxis: {
            type: 'log',
            side: 'top',
            range: axis.range,
            tickvals: axis.tickvals,
            ticktext: axis.ticktext,
            title: { text: `${metricLabel}: group ÷ reference group (log scale)`, font: { size: 13, color: t.muted }, standoff: 8 },
            zeroline: false,
          },
          yaxis: { type: 'category', autorange: 'reversed', tickfont: { size: 14, color: t.text }, gridcolor: t.grid, categoryorder: 'array', categoryarray: labels },
          shapes,
          legend: { orientation: 'h', x: 0, y: 0, yanchor: 'top', font: { size: 13, color: t.text } },
          showlegend: true,
        } as Partial<Layout>,
      };
    },
    [rows, metricLabel],
  );
  if (rows.length === 0) return null;
  const flagged = rows.filter((r) => r.kind === 'group' && r.disparity.flag).length;
  return (
    <PlotlyChart
      title={`Disparity: ${metricLabel} against the reference group`}
      exportName={`${result.spec.dataset} ${metricLabel} disparity`}
      figure={figure}
      height={Math.max(300, 130 + rows.length * 34)}
      actions={actions}
      table={disparityTable(rows, undefinedRatio, metricLabel)}
      summary={disparitySummary(rows, metricLabel)}
      caption={
        <>
          Each group’s {metricLabel.toLowerCase()} divided by its reference group’s (◇ at 1), on a log scale so half and double sit equally far from 1.
          The shaded band is 0.8–1.25; a group is flagged ({flagged === 0 ? 'none here' : `${flagged} here`}, orange squares with the ratio in bold) when it lies outside the band and the
          difference is significant after the adjustment for multiple comparisons (stated with the table below). Grey open circles rest on fewer than{' '}
          {result.spec.minGroupSize ?? 30} people (the group’s or the reference’s rate): shown, but never judged.
          {undefinedRatio.length > 0 &&
            ` Not drawn (ratio undefined): ${undefinedRatio.map((d) => `${d.group}${d.note ? ` — ${d.note}` : ''}`).join('; ')}.`}
        </>
      }
    />
  );
}

// ------------------------------------------------------------------ calibration

export function CalibrationChart({ bins, attribute, name, actions }: { bins: CalibrationBin[]; attribute: string; name: string; actions?: ReactNode }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const series = calibrationSeries(bins, attribute);
      const axes = calibrationAxes(bins.filter((b) => b.attribute === attribute));
      const data: Data[] = [];
      if (axes.probability) {
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: 'Perfect calibration',
          x: axes.x,
          y: axes.x,
          line: { color: t.muted, width: 1.5, dash: 'dash' },
          hoverinfo: 'skip',
        } as Data);
      }
      series.forEach((s, i) => {
        const color = segmentColor(i);
        // A group with few rows per decile (median under 30) zig-zags on noise: its deciles are dots with their
        // intervals, not a line at full weight, and the legend says so.
        const perDecile = [...s.bins.map((b) => b.n)].sort((a, b) => a - b)[Math.floor(s.bins.length / 2)] ?? 0;
        const sparse = perDecile < SPARSE_DECILE;
        data.push({
          type: 'scatter',
          mode: sparse ? 'markers' : 'lines+markers',
          name: sparse ? `${s.group} (few rows per decile)` : s.group,
          opacity: sparse ? 0.75 : 1,
          x: s.bins.map((b) => b.meanScore),
          y: s.bins.map((b) => b.observed.value),
          // Shape and dash as well as colour, so the groups part without telling hues apart.
          line: { color, width: 2.5, dash: segmentDash(i) },
          marker: { color, size: 10, symbol: segmentSymbol(i), line: { color: t.paper, width: 1 } },
          error_y: {
            type: 'data',
            symmetric: false,
            array: s.bins.map((b) => (b.observed.ci && b.observed.value !== null ? b.observed.ci[1] - b.observed.value : 0)),
            arrayminus: s.bins.map((b) => (b.observed.ci && b.observed.value !== null ? b.observed.value - b.observed.ci[0] : 0)),
            color,
            thickness: 1,
            width: 3,
          },
          hovertext: s.bins.map(
            (b) =>
              `<b>${escapeHtml(s.group)}</b>, decile ${b.decile} (scores ${fmtScore(b.lower)}–${fmtScore(b.upper)})<br>mean score ${fmtScore(b.meanScore)} · observed ${pct(b.observed.value)} (${count(b.observed.numerator)} of ${count(b.n)})`,
          ),
          hoverinfo: 'text',
        } as Data);
      });
      return {
        data,
        layout: {
          margin: { l: 64, r: 24, t: 40, b: 56 },
          xaxis: { range: axes.x, title: { text: 'Mean score in the decile', font: { size: 13, color: t.muted } }, zeroline: false },
          yaxis: { range: axes.y, tickformat: '.0%', title: { text: 'Observed positive rate (label)', font: { size: 13, color: t.muted } }, zeroline: false },
          // Above the plot, never on the data (small groups' intervals reach every corner).
          legend: {
            title: { text: `${attribute}:`, font: { size: 13, color: t.muted } },
            orientation: 'h',
            x: 0,
            xanchor: 'left',
            y: 1.02,
            yanchor: 'bottom',
          },
          showlegend: true,
        } as Partial<Layout>,
      };
    },
    [bins, attribute],
  );
  const probability = calibrationAxes(bins.filter((b) => b.attribute === attribute)).probability;
  return (
    <PlotlyChart
      title={`Calibration by ${attribute}`}
      exportName={`${name} calibration by ${attribute}`}
      figure={figure}
      height={460}
      actions={actions}
      table={calibrationTable(bins, attribute)}
      summary={calibrationSummary(bins, attribute, probability)}
      caption={
        probability
          ? 'Each point is a score decile of one group: its mean score against how often the label was actually positive (bars: 95% Wilson intervals). On the dashed diagonal the score means what it says; a line below it over-states the risk for that group, above it under-states it.'
          : 'Each point is a score decile of one group: its mean score against how often the label was actually positive (bars: 95% Wilson intervals). The score is not a probability (outside 0–1), so compare the groups’ lines with each other: at the same score, the same observed rate is fair.'
      }
    />
  );
}

/** Median rows per decile below which a group's calibration is drawn as dots, not a line. */
const SPARSE_DECILE = 30;

function fmtScore(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}

// ------------------------------------------------------------------ proxies

export function ProxyHeatmap({ proxies, attributes, threshold, name }: { proxies: ProxyAssociation[]; attributes: string[]; threshold: number; name: string }) {
  const matrix = proxyMatrix(proxies, attributes);
  const figure = useCallback(
    (t: ChartTheme) => {
      const m = proxyMatrix(proxies, attributes);
      const text = m.z.map((row) => row.map((v) => (v === null ? '' : v.toFixed(2))));
      const hover = m.cells.map((row) =>
        row.map((c) =>
          c
            ? `<b>${escapeHtml(c.feature)}</b> × ${escapeHtml(c.attribute)}<br>Cramér's V ${c.cramersV.toFixed(3)} · MI ${c.mutualInformation.toFixed(3)} bits (${(c.normalizedMi * 100).toFixed(1)}% of ${escapeHtml(c.attribute)}'s entropy)${c.flag ? '<br><b>flagged as a proxy</b>' : ''}`
            : 'not measured',
        ),
      );
      const zmax = Math.max(0.5, maxOf(m.z.flat().filter((v): v is number => v !== null)));
      const shapes: Partial<Shape>[] = m.flagged.map(({ row, column }) => ({
        type: 'rect',
        xref: 'x',
        yref: 'y',
        x0: column - 0.47,
        x1: column + 0.47,
        y0: row - 0.45,
        y1: row + 0.45,
        line: { color: FLAG, width: 3.5 },
        fillcolor: 'rgba(0,0,0,0)',
      }));
      const data: Data[] = [
        {
          type: 'heatmap',
          x: m.attributes.map((_, i) => i),
          y: m.features.map((_, i) => i),
          z: m.z,
          zmin: 0,
          zmax,
          colorscale: t.dark
            ? [
                [0, '#1F2229'],
                [1, '#8C9EFF'],
              ]
            : [
                [0, '#F5F7FF'],
                [0.5, '#91A7FF'],
                [1, '#364FC7'],
              ],
          text,
          texttemplate: '%{text}',
          textfont: { size: 14 },
          hovertext: hover,
          hoverinfo: 'text',
          xgap: 3,
          ygap: 3,
          colorbar: { title: { text: "Cramér's V", side: 'right' }, thickness: 14, outlinewidth: 0, tickfont: { size: 12, color: t.muted } },
        } as unknown as Data,
      ];
      return {
        data,
        layout: {
          margin: { l: 16, r: 16, t: 56, b: 16 },
          xaxis: { side: 'top', ticks: '', tickvals: m.attributes.map((_, i) => i), ticktext: m.attributes.map(escapeHtml), tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', zeroline: false },
          yaxis: { autorange: 'reversed', ticks: '', tickvals: m.features.map((_, i) => i), ticktext: m.features.map(escapeHtml), tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', zeroline: false },
          shapes,
        } as Partial<Layout>,
      };
    },
    [proxies, attributes],
  );
  if (matrix.features.length === 0) return null;
  return (
    <PlotlyChart
      title="Proxies: how much each feature reveals a protected attribute"
      exportName={`${name} proxy heatmap`}
      figure={figure}
      height={Math.max(260, 110 + matrix.features.length * 36)}
      table={proxyTable(matrix)}
      summary={proxySummary(matrix, threshold)}
      caption={`Cramér's V between each feature (numbers binned) or saved segmentation and each protected attribute: 0 = unrelated, 1 = one determines the other. Cells outlined in orange are above ${threshold} and flagged: using that feature treats the groups differently even when the attribute itself is left out.`}
    />
  );
}
