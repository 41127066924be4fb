// The prediction charts' numbers as tables and one-sentence summaries (unit-tested), from the same result fields the
// traces are drawn from (views/predict/charts.tsx): the reliability diagram, cumulative gains by decile, permutation
// importance, partial dependence and one customer's contributions. No React, no Plotly.
import type { CustomerExplanation, FeatureImportance, LiftDecile, PartialDependence, ReliabilityPoint } from '../../shared/predict';
import { type ChartTableData, listWords, signedNumber } from './chart-table';

/** A probability as whole percent ("27%"), never "0%" above 0 nor "100%" below 1. */
export function pctWhole(p: number): string {
  const v = p * 100;
  if (v > 0 && v < 0.5) return '<1%';
  if (v < 100 && v > 99.5) return '>99%';
  return `${Math.round(v)}%`;
}

/** A probability as percent with one decimal ("26.5%"). */
export function pct1(p: number): string {
  const v = p * 100;
  if (v > 0 && v < 0.05) return '<0.1%';
  if (v < 100 && v > 99.95) return '>99.9%';
  return `${v.toFixed(1)}%`;
}

/** "20–30%": a bin of predicted probabilities. */
export function binLabel(lower: number, upper: number): string {
  return `${Math.round(lower * 100)}–${Math.round(upper * 100)}%`;
}

// ------------------------------------------------------------------ reliability

export function reliabilityTable(points: ReliabilityPoint[]): ChartTableData {
  return {
    columns: [
      { label: 'Predicted probability', kind: 'text' },
      { label: 'Test rows', kind: 'count' },
      { label: 'Mean predicted', kind: 'percent' },
      { label: 'Observed rate', kind: 'percent' },
      { label: 'Observed − predicted (points)', kind: 'signed' },
    ],
    rows: points.map((b) => [
      binLabel(b.lower, b.upper),
      b.count,
      b.meanPredicted === null ? null : b.meanPredicted * 100,
      b.observedRate === null ? null : b.observedRate * 100,
      b.meanPredicted === null || b.observedRate === null ? null : (b.observedRate - b.meanPredicted) * 100,
    ]),
  };
}

/** "On the test rows the probabilities are 2.1 points from the observed rates on average (ECE); the largest gap …" */
export function reliabilitySummary(points: ReliabilityPoint[], ece: number): string {
  const filled = points.filter((b) => b.count > 0 && b.meanPredicted !== null && b.observedRate !== null);
  if (filled.length === 0) return 'No test rows to compare the probabilities with.';
  const worst = filled.reduce((w, b) => (Math.abs(b.observedRate! - b.meanPredicted!) > Math.abs(w.observedRate! - w.meanPredicted!) ? b : w));
  const gap = (worst.observedRate! - worst.meanPredicted!) * 100;
  return (
    `On the test rows the predicted probabilities are ${(ece * 100).toFixed(1)} points from the observed rates on average (expected calibration error, weighted by rows); ` +
    `the largest gap is at ${binLabel(worst.lower, worst.upper)} (${worst.count.toLocaleString('en-US')} rows): predicted ${pct1(worst.meanPredicted!)}, observed ${pct1(worst.observedRate!)}, ` +
    `${Math.abs(gap) < 0.05 ? 'no gap' : `${signedNumber(gap, 1)} points`}.`
  );
}

// ------------------------------------------------------------------ lift and gains

/** Group i (0-based) of `groups` equal groups, highest scores first, as the share of customers it spans: "0–10%". */
export function groupRange(i: number, groups: number): string {
  return `${Math.round((i / groups) * 100)}–${Math.round(((i + 1) / groups) * 100)}%`;
}

export function gainsTable(lift: LiftDecile[]): ChartTableData {
  return {
    columns: [
      { label: 'Customers ranked by risk (highest first)', kind: 'text' },
      { label: 'Rows', kind: 'count' },
      { label: 'Positives', kind: 'count' },
      { label: 'Positive rate', kind: 'percent' },
      { label: 'Lift (×)', kind: 'number', digits: 2 },
      { label: 'Cumulative gain', kind: 'percent' },
      { label: 'Cumulative lift (×)', kind: 'number', digits: 2 },
    ],
    rows: lift.map((d, i) => [
      groupRange(i, lift.length),
      d.rows,
      d.positives,
      d.rate * 100,
      d.lift,
      d.gain * 100,
      d.cumulativeLift,
    ]),
  };
}

/** "Contacting the 10% of test customers the model ranks highest finds 31% of the positives (lift 3.1×); the top 30% …" */
export function gainsSummary(lift: LiftDecile[]): string {
  if (lift.length === 0) return 'No test rows to rank.';
  const at = (k: number) => lift[Math.min(lift.length, k) - 1];
  const first = at(1);
  const third = lift.length >= 3 ? at(Math.round((lift.length * 3) / 10)) : null;
  const share = (d: LiftDecile) => Math.round((d.group / lift.length) * 100);
  return (
    `Contacting the ${share(first)}% of test customers the model ranks highest finds ${pctWhole(first.gain)} of the positives (lift ${first.cumulativeLift.toFixed(1)}×, against ${share(first)}% at random)` +
    (third ? `; the top ${share(third)}% finds ${pctWhole(third.gain)}.` : '.')
  );
}

// ------------------------------------------------------------------ importance

export function importanceTable(features: FeatureImportance[]): ChartTableData {
  return {
    columns: [
      { label: 'Column', kind: 'text' },
      { label: 'AUC drop when shuffled', kind: 'number', digits: 3 },
      { label: '95% CI from', kind: 'number', digits: 3 },
      { label: '95% CI to', kind: 'number', digits: 3 },
      { label: 'Mean |contribution| (log-odds)', kind: 'number', digits: 3 },
    ],
    rows: features.map((f) => [f.name, f.importance, f.importanceCi[0], f.importanceCi[1], f.meanAbsContribution]),
  };
}

/** "“tenure” matters most: shuffling it lowers the test AUC by 0.081 (95% CI 0.070–0.093), then …; 3 columns change it by less than 0.005." */
export function importanceSummary(features: FeatureImportance[]): string {
  if (features.length === 0) return 'No columns to rank.';
  const ranked = [...features].sort((a, b) => b.importance - a.importance);
  const [top, ...rest] = ranked;
  const then = rest.slice(0, 2).map((f) => `“${f.name}” (${f.importance.toFixed(3)})`);
  const idle = ranked.filter((f) => f.importanceCi[0] <= 0.005 && f.importance < 0.005).length;
  return (
    `“${top.name}” matters most: shuffling it lowers the test AUC by ${top.importance.toFixed(3)} (95% CI ${top.importanceCi[0].toFixed(3)}–${top.importanceCi[1].toFixed(3)})` +
    `${then.length ? `, then ${listWords(then)}` : ''}; ${idle === 0 ? 'every column changes it by 0.005 or more' : `${idle} ${idle === 1 ? 'column changes' : 'columns change'} it by less than 0.005`}.`
  );
}

// ------------------------------------------------------------------ partial dependence

export function dependenceTable(pd: PartialDependence): ChartTableData {
  return {
    columns: [
      { label: pd.feature, kind: pd.kind === 'number' ? 'number' : 'text', digits: 2 },
      { label: 'Mean predicted probability', kind: 'percent' },
    ],
    rows: pd.grid.map((g, i) => [g, pd.probability[i] * 100]),
  };
}

const gridText = (v: number | string) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : v);

/** Numbers: "from 48% at tenure 1 to 9% at 72 (highest 48% at 1)"; levels: "highest for “Month-to-month” (43%), lowest for “Two year” (3%)". */
export function dependenceSummary(pd: PartialDependence): string {
  const n = pd.grid.length;
  if (n === 0) return `No values of ${pd.feature} to vary.`;
  let hi = 0;
  let lo = 0;
  pd.probability.forEach((p, i) => {
    if (p > pd.probability[hi]) hi = i;
    if (p < pd.probability[lo]) lo = i;
  });
  const at = (i: number) => `${pctWhole(pd.probability[i])}`;
  if (pd.kind === 'levels') {
    return `With everything else as it is, the mean predicted probability is highest when ${pd.feature} is “${gridText(pd.grid[hi])}” (${at(hi)}) and lowest when it is “${gridText(pd.grid[lo])}” (${at(lo)}).`;
  }
  return (
    `With everything else as it is, setting ${pd.feature} from ${gridText(pd.grid[0])} to ${gridText(pd.grid[n - 1])} moves the mean predicted probability from ${at(0)} to ${at(n - 1)}` +
    ` (highest ${at(hi)} at ${gridText(pd.grid[hi])}, lowest ${at(lo)} at ${gridText(pd.grid[lo])}).`
  );
}

// ------------------------------------------------------------------ one customer

/** The contributions, largest effect first. */
export function sortedContributions(e: CustomerExplanation): CustomerExplanation['contributions'] {
  return [...e.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

export function contributionTable(e: CustomerExplanation): ChartTableData {
  const rows = sortedContributions(e).map((c) => [c.feature, c.value, c.contribution]);
  return {
    columns: [
      { label: 'Column', kind: 'text' },
      { label: 'This customer’s value', kind: 'text' },
      { label: 'Contribution (log-odds)', kind: 'signed', digits: 3 },
    ],
    rows,
    note: `Base ${signedNumber(e.base, 3)} + the contributions = ${signedNumber(e.logOdds, 3)} log-odds = ${pct1(e.probability)}. Sort by a column with its header.`,
  };
}

/** "Starting from −1.234 (the base), “Contract” = Month-to-month adds the most (+0.905); in all +0.35 log-odds, 59%." */
export function contributionSummary(e: CustomerExplanation): string {
  const [top] = sortedContributions(e);
  if (!top) return `Customer ${e.id}: ${pct1(e.probability)}, the base alone.`;
  const up = e.contributions.filter((c) => c.contribution > 0).length;
  const down = e.contributions.filter((c) => c.contribution < 0).length;
  return (
    `Customer ${e.id} starts from the base of ${signedNumber(e.base, 3)} log-odds; “${top.feature}” = ${top.value} moves it most (${signedNumber(top.contribution, 3)}); ` +
    `${up} ${up === 1 ? 'column raises' : 'columns raise'} and ${down} ${down === 1 ? 'lowers' : 'lower'} the risk, ending at ${signedNumber(e.logOdds, 3)} log-odds = ${pct1(e.probability)}.`
  );
}
