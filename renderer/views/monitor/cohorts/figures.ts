// The numbers the Cohorts area draws, from a CohortsResult: the cohort × period matrix of one measure (retention,
// repeat purchase, revenue per customer, cumulative revenue, NPS) for the heatmap and its table, the curves (pooled
// per split group, or per cohort), and one-sentence summaries. Pure: no React, no Plotly.
import type { CohortRow, CohortsResult } from '../../../../shared/monitor-cohorts';
import type { ChartTableData, TableColumn } from '../../../charts/chart-table';

export type Measure = 'retention' | 'repeat' | 'revenue' | 'revenueCumulative' | 'nps';

export const MEASURE_LABELS: Record<Measure, string> = {
  retention: 'Retention',
  repeat: 'Repeat purchase',
  revenue: 'Revenue per customer',
  revenueCumulative: 'Cumulative revenue per customer',
  nps: 'NPS',
};

/** The measure switch's labels (short enough for five in a row at 1366 px). */
export const MEASURE_SHORT: Record<Measure, string> = {
  retention: 'Retention',
  repeat: 'Repeat',
  revenue: 'Revenue',
  revenueCumulative: 'Cumulative revenue',
  nps: 'NPS',
};

/** What a cell means, for captions and the table's note. */
export const MEASURE_MEANINGS: Record<Measure, (unit: string) => string> = {
  retention: (u) => `share of the cohort with at least one event in ${u} p since their first (${u} 0 is 100% by definition)`,
  repeat: (u) => `share of the cohort with two or more events by the end of ${u} p (cumulative)`,
  revenue: (u) => `the cohort's revenue in ${u} p divided by all its customers (active or not)`,
  revenueCumulative: (u) => `the cohort's revenue up to the end of ${u} p divided by all its customers`,
  nps: (u) => `NPS of the 0–10 scores the cohort gave in ${u} p (promoters 9–10 minus detractors 0–6)`,
};

export function measuresOf(r: CohortsResult): Measure[] {
  const out: Measure[] = ['retention', 'repeat'];
  if (r.cohorts.some((c) => c.revenue)) out.push('revenue', 'revenueCumulative');
  if (r.cohorts.some((c) => c.nps)) out.push('nps');
  return out;
}

export const isShare = (m: Measure) => m === 'retention' || m === 'repeat';

/** The measure's values of one cohort, one per period observed so far (null: no value, e.g. no NPS answer). */
export function valuesOf(row: CohortRow, m: Measure): (number | null)[] {
  switch (m) {
    case 'retention':
      return row.retention.map((x) => 100 * x);
    case 'repeat':
      return row.repeat.map((x) => 100 * x);
    case 'revenue':
      return row.revenue?.perCustomer ?? [];
    case 'revenueCumulative':
      return row.revenue?.cumulative ?? [];
    case 'nps':
      return row.nps?.nps ?? [];
  }
}

/** The split groups in result order (null: no split). */
export function groupsOf(r: CohortsResult): (string | null)[] {
  return r.groups.map((g) => g.group);
}

export const rowsOfGroup = (r: CohortsResult, group: string | null) => r.cohorts.filter((c) => c.group === group);

export function cellText(v: number | null, m: Measure): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (isShare(m)) return `${Math.round(v)}%`;
  if (m === 'nps') return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(Math.round(v))}`;
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

export const periodName = (unit: string, p: number) => `${unit[0].toUpperCase()}${unit.slice(1)} ${p}`;

/** The heatmap's numbers as a table: one row per cohort, a column per period; cells not fully observed end in " *". */
export function heatmapTable(r: CohortsResult, rows: CohortRow[], m: Measure): ChartTableData {
  const periods = rows.reduce((n, c) => Math.max(n, c.retention.length), 0);
  const kind: TableColumn['kind'] = isShare(m) ? 'percent' : m === 'nps' ? 'signed' : 'number';
  const columns: TableColumn[] = [
    { label: 'Cohort', kind: 'text' },
    { label: 'Customers', kind: 'count' },
    ...Array.from({ length: periods }, (_, p) => ({ label: periodName(r.unit, p), kind, ...(kind === 'percent' ? { digits: 1 } : {}) })),
  ];
  const fmt = (v: number) => (kind === 'percent' ? `${v.toFixed(1)}%` : kind === 'signed' ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}` : v.toFixed(2));
  return {
    columns,
    rows: rows.map((c) => {
      const vals = valuesOf(c, m);
      return [
        c.label,
        c.size,
        ...Array.from({ length: periods }, (_, p) => {
          const v = p < vals.length ? vals[p] : null;
          if (v === null) return null;
          return c.incomplete[p] ? `${fmt(v)} *` : v;
        }),
      ];
    }),
    note: `${MEASURE_LABELS[m]}: ${MEASURE_MEANINGS[m](r.unit)}. * = ${r.unit} not yet fully observed (it ends after ${r.observedThrough}).`,
  };
}

/** "At month 1, fully observed cohorts kept between 13% (February 2025) and 25% (October 2025)." */
export function heatmapSummary(r: CohortsResult, rows: CohortRow[], m: Measure): string {
  const at = rows.length && rows.some((c) => c.retention.length > 1 && !c.incomplete[1]) ? 1 : 0;
  const cells = rows.filter((c) => at < c.retention.length && !c.incomplete[at]).map((c) => ({ c, v: valuesOf(c, m)[at] })).filter((x): x is { c: CohortRow; v: number } => x.v !== null);
  if (cells.length === 0) return `${rows.length} ${r.unit}ly cohorts; no ${r.unit} is fully observed yet.`;
  const lo = cells.reduce((a, b) => (b.v < a.v ? b : a));
  const hi = cells.reduce((a, b) => (b.v > a.v ? b : a));
  const what = MEASURE_LABELS[m].toLowerCase();
  if (lo === hi) return `${rows.length} ${r.unit}ly cohorts; ${what} at ${r.unit} ${at}: ${cellText(lo.v, m)} (${lo.c.label}).`;
  return `${rows.length} ${r.unit}ly cohorts; ${what} at ${r.unit} ${at} of fully observed cohorts ranges from ${cellText(lo.v, m)} (${lo.c.label}) to ${cellText(hi.v, m)} (${hi.c.label}).`;
}

export interface Curve {
  name: string;
  /** y per period (null: not fully observed, or no value). */
  y: (number | null)[];
}

/** Retention curves: pooled per split group; without a split, the pooled curve and the latest cohorts (fully observed periods only). */
export function retentionCurves(r: CohortsResult, maxCohorts = 8): Curve[] {
  if (r.split) return r.groups.map((g) => ({ name: String(g.group), y: g.retention.map((x) => (x === null ? null : 100 * x)) }));
  const pooled = r.groups[0];
  const recent = r.cohorts.filter((c) => c.size >= 10 && c.retention.length > 1).slice(-maxCohorts);
  return [
    ...(pooled ? [{ name: 'All cohorts (pooled)', y: pooled.retention.map((x) => (x === null ? null : 100 * x)) }] : []),
    ...recent.map((c) => ({ name: c.label, y: c.retention.map((x, p) => (c.incomplete[p] ? null : 100 * x)) })),
  ];
}

export function curvesTable(r: CohortsResult, curves: Curve[]): ChartTableData {
  const periods = curves.reduce((n, c) => Math.max(n, c.y.length), 0);
  return {
    columns: [{ label: r.unit[0].toUpperCase() + r.unit.slice(1), kind: 'count' }, ...curves.map((c) => ({ label: c.name, kind: 'percent' as const, digits: 1 }))],
    rows: Array.from({ length: periods }, (_, p) => [p, ...curves.map((c) => c.y[p] ?? null)]),
    note: 'Retention per period; only fully observed periods are drawn (pooled curves weight each cohort by its size).',
  };
}
