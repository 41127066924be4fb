// The Waves area's charts and the numbers under them: one column's two distributions (the reference wave's decile
// bins, or category shares) side by side, and the NPS change raw vs at the reference wave's mix. Each figure has its
// table and a one-sentence summary built from the same data (PlotlyChart requires both). Pure, no React.
import type { Data, Layout } from 'plotly.js';
import type { DriftColumn, DriftNps } from '../../../../shared/monitor-drift';
import type { ChartTableData } from '../../../charts/chart-table';
import type { ChartTheme } from '../../../charts/plotly';
import { segmentColor } from '../../../charts/palette';

const REF = segmentColor(0);
const CUR = segmentColor(1);
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed1 = (x: number) => `${x > 0 ? '+' : x < 0 ? '\u2212' : ''}${Math.abs(x).toFixed(1)}`;

export function binsFigure(c: DriftColumn, t: ChartTheme): { data: Data[]; layout: Partial<Layout> } {
  const labels = c.bins.map((b) => b.label);
  const bar = (name: string, values: number[], color: string, pattern: '' | '/'): Data => ({
    type: 'bar',
    name,
    x: labels,
    y: values.map((v) => v * 100),
    marker: { color, line: { width: 0 }, pattern: { shape: pattern, fillmode: 'overlay', fgcolor: t.paper, fgopacity: 0.6, size: 7, solidity: 0.3 } },
    hovertemplate: `${name}: %{y:.1f}%<extra>%{x}</extra>`,
  });
  return {
    data: [bar('Reference wave', c.bins.map((b) => b.reference), REF, ''), bar('Current wave', c.bins.map((b) => b.current), CUR, '/')],
    layout: {
      barmode: 'group',
      xaxis: { title: { text: c.type === 'numeric' ? `${c.name} (bins: the reference wave’s deciles)` : c.name }, type: 'category' },
      yaxis: { title: { text: 'Share of values (%)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: 1.12, x: 0 },
      margin: { t: 36 },
    },
  };
}

export function binsTable(c: DriftColumn): ChartTableData {
  return {
    columns: [
      { label: c.type === 'numeric' ? 'Bin' : 'Category', kind: 'text' },
      { label: 'Reference (%)', kind: 'percent' },
      { label: 'Current (%)', kind: 'percent' },
      { label: 'Change (points)', kind: 'signed' },
    ],
    rows: c.bins.map((b) => [b.label, b.reference * 100, b.current * 100, (b.current - b.reference) * 100]),
  };
}

export function binsSummary(c: DriftColumn): string {
  if (c.bins.length === 0) return `No values of ${c.name} to show.`;
  const biggest = c.bins.reduce((a, b) => (Math.abs(b.current - b.reference) > Math.abs(a.current - a.reference) ? b : a));
  return `The largest change of ${c.name} is in “${biggest.label}”: ${pct1(biggest.reference)} of the reference wave’s values, ${pct1(biggest.current)} of the current wave’s.`;
}

export function npsChangeFigure(n: DriftNps, t: ChartTheme): { data: Data[]; layout: Partial<Layout> } {
  const adjusted = n.mixAdjustedChange ?? 0;
  // The value is in the category label, so no text sits on the bars or their interval.
  const labels = [`Raw change: ${signed1(n.change)}`, `At the reference mix of ${n.mix}: ${signed1(adjusted)}`];
  const lo = Math.min(0, n.changeCi[0], adjusted);
  const hi = Math.max(0, n.changeCi[1], adjusted);
  const pad = Math.max(1, (hi - lo) * 0.08);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: labels,
        x: [n.change, adjusted],
        marker: { color: [REF, CUR] },
        error_x: { type: 'data', symmetric: false, array: [n.changeCi[1] - n.change, 0], arrayminus: [n.change - n.changeCi[0], 0], color: t.text, thickness: 1.5 },
        hovertemplate: '%{y}<extra></extra>',
      },
    ],
    layout: {
      xaxis: { title: { text: 'NPS change (points)' }, zeroline: true, zerolinewidth: 2, range: [lo - pad, hi + pad] },
      yaxis: { automargin: true, autorange: 'reversed' },
      margin: { l: 24, r: 24, t: 16 },
      showlegend: false,
    },
  };
}

export function npsChangeTable(n: DriftNps): ChartTableData {
  return {
    columns: [
      { label: 'Change', kind: 'text' },
      { label: 'NPS points', kind: 'signed' },
      { label: 'CI low', kind: 'signed' },
      { label: 'CI high', kind: 'signed' },
    ],
    rows: [
      ['Raw change', n.change, n.changeCi[0], n.changeCi[1]],
      [`At the reference mix of ${n.mix}`, n.mixAdjustedChange, null, null],
    ],
  };
}

export function npsChangeSummary(n: DriftNps): string {
  const mixed = n.mixAdjustedChange === null ? '' : `; at the reference wave’s mix of ${n.mix} it is ${signed1(n.mixAdjustedChange)}`;
  return `NPS moved ${signed1(n.change)} points (${n.reference.toFixed(1)} → ${n.current.toFixed(1)}; ${Math.round(n.level * 100)}% CI ${signed1(n.changeCi[0])} to ${signed1(n.changeCi[1])})${mixed}.`;
}

export function mixFigure(n: DriftNps, t: ChartTheme): { data: Data[]; layout: Partial<Layout> } {
  const labels = n.groups.map((g) => g.group);
  const bar = (name: string, values: number[], color: string, pattern: '' | '/'): Data => ({
    type: 'bar',
    name,
    x: labels,
    y: values.map((v) => v * 100),
    marker: { color, line: { width: 0 }, pattern: { shape: pattern, fillmode: 'overlay', fgcolor: t.paper, fgopacity: 0.6, size: 7, solidity: 0.3 } },
    hovertemplate: `${name}: %{y:.1f}%<extra>%{x}</extra>`,
  });
  return {
    data: [bar('Reference wave', n.groups.map((g) => g.referenceShare), REF, ''), bar('Current wave', n.groups.map((g) => g.currentShare), CUR, '/')],
    layout: {
      barmode: 'group',
      xaxis: { title: { text: n.mix ?? '' }, type: 'category' },
      yaxis: { title: { text: 'Share of answers (%)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: 1.12, x: 0 },
      margin: { t: 36 },
    },
  };
}

export function mixTable(n: DriftNps): ChartTableData {
  return {
    columns: [
      { label: n.mix ?? 'Group', kind: 'text' },
      { label: 'Share before (%)', kind: 'percent' },
      { label: 'Share now (%)', kind: 'percent' },
      { label: 'NPS before', kind: 'signed' },
      { label: 'NPS now', kind: 'signed' },
      { label: 'NPS change', kind: 'signed' },
      { label: 'Answers before', kind: 'count' },
      { label: 'Answers now', kind: 'count' },
    ],
    rows: n.groups.map((g) => [g.group, g.referenceShare * 100, g.currentShare * 100, g.reference, g.current, g.change, g.referenceN, g.currentN]),
  };
}

export function mixSummary(n: DriftNps): string {
  const moved = n.groups.reduce((a, b) => (Math.abs(b.currentShare - b.referenceShare) > Math.abs(a.currentShare - a.referenceShare) ? b : a), n.groups[0]);
  return moved
    ? `The biggest shift in ${n.mix} is “${moved.group}”: ${pct1(moved.referenceShare)} of answers before, ${pct1(moved.currentShare)} now.`
    : `No groups of ${n.mix}.`;
}
