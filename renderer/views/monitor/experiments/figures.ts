// Pure helpers for the Experiments area (unit-tested): how estimates and differences read in each kind's units,
// the per-arm chart's table and summary, and the comparison rows. No React, no Plotly.
import type { ExperimentComparison, ExperimentKind, ExperimentResult } from '../../../../shared/monitor-experiment';
import type { ChartTableData } from '../../../charts/chart-table';

const MINUS = '\u2212';
const signed = (s: string, v: number) => (v > 0 ? `+${s}` : v < 0 ? `${MINUS}${s.replace('-', '')}` : s);

/** An arm's estimate: "12.3%" for a rate, "+23.4" for an NPS, "45.67" for a mean. */
export function formatEstimate(kind: ExperimentKind, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (kind === 'binary') return `${(100 * v).toFixed(1)}%`;
  if (kind === 'nps') return signed(Math.abs(v).toFixed(1), v);
  return v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).replace('-', MINUS);
}

/** A difference: "+2.1 pts" for a rate or an NPS, "+3.29" for a mean. */
export function formatDiff(kind: ExperimentKind, v: number | null, unit = true): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const x = kind === 'binary' ? 100 * v : v;
  const digits = kind === 'mean' ? (Math.abs(x) >= 100 ? 1 : 2) : 1;
  return `${signed(Math.abs(x).toFixed(digits), Number(x.toFixed(digits)))}${unit && kind !== 'mean' ? ' pts' : ''}`;
}

export const formatRange = (kind: ExperimentKind, ci: [number, number] | null): string => (ci ? `${formatDiff(kind, ci[0], false)} to ${formatDiff(kind, ci[1], false)}` : '—');

export function formatLift(c: ExperimentComparison): string {
  if (c.relativeLift === null) return '—';
  const pct = (x: number) => signed(`${Math.abs(100 * x).toFixed(1)}%`, Number((100 * x).toFixed(1)));
  return c.relativeLiftCi ? `${pct(c.relativeLift)} (${pct(c.relativeLiftCi[0])} to ${pct(c.relativeLiftCi[1])})` : pct(c.relativeLift);
}

/** An arm as the chart and its table name it: the control says so unless its name already does. */
export const armLabel = (a: { arm: string; isControl: boolean }) => (a.isControl && a.arm.trim().toLowerCase() !== 'control' ? `${a.arm} (control)` : a.arm);

/** The per-arm chart's values on its axis: a rate in percent, NPS and means as they are. */
export const axisValue = (kind: ExperimentKind, v: number) => (kind === 'binary' ? 100 * v : v);

export function armsTable(r: ExperimentResult): ChartTableData {
  const pctKind = r.kind === 'binary';
  return {
    columns: [
      { label: 'Arm', kind: 'text' },
      { label: 'n', kind: 'count' },
      { label: pctKind ? 'Rate' : r.kind === 'nps' ? 'NPS' : 'Mean', kind: pctKind ? 'percent' : r.kind === 'nps' ? 'signed' : 'number' },
      { label: `${Math.round(100 * r.level)}% CI low`, kind: pctKind ? 'percent' : r.kind === 'nps' ? 'signed' : 'number' },
      { label: `${Math.round(100 * r.level)}% CI high`, kind: pctKind ? 'percent' : r.kind === 'nps' ? 'signed' : 'number' },
    ],
    rows: r.arms.map((a) => [
      armLabel(a),
      a.n,
      a.estimate === null ? null : axisValue(r.kind, a.estimate),
      a.ci ? axisValue(r.kind, a.ci[0]) : null,
      a.ci ? axisValue(r.kind, a.ci[1]) : null,
    ]),
  };
}

export function armsSummary(r: ExperimentResult): string {
  return `${r.outcomeLabel[0].toUpperCase()}${r.outcomeLabel.slice(1)} per arm: ${r.arms.map((a) => `${a.arm} ${formatEstimate(r.kind, a.estimate)} (n = ${a.n.toLocaleString('en-US')})`).join('; ')}.`;
}

export function verdictColor(status: ExperimentResult['verdict']['status']): string {
  return status === 'better' ? 'teal' : status === 'worse' ? 'red' : status === 'withheld' ? 'red' : status === 'mixed' ? 'yellow' : 'gray';
}

/** Effects by segment as the forest chart's table: one row per segment and arm with the difference and its interval. */
export function segmentsTable(r: ExperimentResult): ChartTableData {
  const kind = r.kind === 'mean' ? 'number' : 'signed';
  const scale = (v: number | null) => (v === null ? null : r.kind === 'binary' ? 100 * v : v);
  return {
    columns: [
      { label: 'Segment', kind: 'text' },
      { label: 'Arm', kind: 'text' },
      { label: r.kind === 'binary' ? 'Difference (points)' : 'Difference', kind },
      { label: 'CI low', kind },
      { label: 'CI high', kind },
      { label: 'p', kind: 'p' },
    ],
    rows: r.segments!.rows.flatMap((s) => s.comparisons.map((c) => [s.segment, c.arm, scale(c.difference), scale(c.ci?.[0] ?? null), scale(c.ci?.[1] ?? null), c.pValue])),
    note: 'Exploratory: segments were not part of the design.',
  };
}

export function segmentsSummary(r: ExperimentResult): string {
  const parts = r.segments!.rows.flatMap((s) => s.comparisons.map((c) => `${s.segment}${r.comparisons.length > 1 ? ` (${c.arm})` : ''} ${formatDiff(r.kind, c.difference)}`));
  return `Difference from “${r.control}” by ${r.segments!.by}: ${parts.join('; ')}.`;
}
