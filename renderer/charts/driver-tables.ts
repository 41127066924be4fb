// The key-driver charts' numbers as tables and one-sentence summaries (unit-tested), from the same driver weights the
// bars and the quadrant are drawn from (DriverCharts.tsx). No React, no Plotly.
import type { DriverWeight, Quadrant } from '../../shared/nps';
import { type ChartTableData, listWords } from './chart-table';
import { againstOutcome, formatShare, levelLabel, QUADRANT_TITLES, signLabel } from './nps-figures';

export function weightsTable(drivers: DriverWeight[], level: number, lowerIsBetter: boolean): ChartTableData {
  const lv = levelLabel(level);
  return {
    columns: [
      { label: 'Driver', kind: 'text' },
      { label: 'Sign', kind: 'text' },
      { label: 'Share of R²', kind: 'percent' },
      { label: `${lv} CI from`, kind: 'percent' },
      { label: `${lv} CI to`, kind: 'percent' },
      { label: 'Raw weight', kind: 'number', digits: 3 },
      { label: 'Coefficient (std.)', kind: 'number', digits: 3 },
      { label: 'As it rises', kind: 'text' },
    ],
    rows: drivers.map((d) => [
      d.name,
      signLabel(d.sign),
      d.share,
      d.shareCi[0],
      d.shareCi[1],
      d.weight,
      d.coefficient,
      d.sign === 0 ? 'no clear direction' : againstOutcome(d.sign, lowerIsBetter) ? 'worse outcome' : 'better outcome',
    ]),
  };
}

/** "“Delivery” matters most: 41.0% of the R² of 0.42 the drivers explain together, then “Price” (22.0%) and …" */
export function weightsSummary(drivers: DriverWeight[], r2: number, lowerIsBetter: boolean): string {
  if (drivers.length === 0) return 'No drivers to show.';
  const byShare = [...drivers].sort((a, b) => b.share - a.share);
  const [top, ...rest] = byShare;
  const then = rest.slice(0, 2).map((d) => `“${d.name}” (${formatShare(d.share)})`);
  const against = drivers.filter((d) => againstOutcome(d.sign, lowerIsBetter)).length;
  return `“${top.name}” matters most: ${formatShare(top.share)} of the R² of ${r2.toFixed(2)} the drivers explain together${then.length ? `, then ${listWords(then)}` : ''}; ${
    against === 0 ? 'none goes' : against === 1 ? '1 driver goes' : `${against} drivers go`
  } with a worse outcome as it rises.`;
}

const QUADRANT_ORDER: Quadrant[] = ['improve first', 'key strength', 'maintain', 'low priority'];

export function quadrantTable(drivers: DriverWeight[]): ChartTableData {
  return {
    columns: [
      { label: 'Driver', kind: 'text' },
      { label: 'Quadrant', kind: 'text' },
      { label: 'Importance (share of R²)', kind: 'percent' },
      { label: 'Performance (mean)', kind: 'number', digits: 2 },
      { label: 'Performance (0–1 of its range)', kind: 'number', digits: 2 },
    ],
    rows: drivers.map((d) => [d.name, QUADRANT_TITLES[d.quadrant], d.share, d.performance, d.performanceScaled]),
  };
}

/** "Improve first: “Delivery” and “Support”; key strengths: “Price”; maintain: none; low priority: “App”." */
export function quadrantSummary(drivers: DriverWeight[]): string {
  if (drivers.length === 0) return 'No drivers to show.';
  const parts = QUADRANT_ORDER.map((q) => {
    const names = drivers.filter((d) => d.quadrant === q).map((d) => `“${d.name}”`);
    return `${QUADRANT_TITLES[q].toLowerCase()}: ${names.length ? listWords(names, 4) : 'none'}`;
  });
  const first = parts[0];
  return `${first.charAt(0).toUpperCase()}${first.slice(1)} (important, below-average performance); ${parts.slice(1).join('; ')}.`;
}
