// One column in two waves: the test, the distance, PSI, missing shares, category changes and the drill-down bins.
// Whether it drifted is decided afterwards over all columns (./judge.ts), since small waves use BH over the columns.
// Pure functions, no I/O.
import type { DriftBin, DriftColumn, DriftThresholds, WaveColumnCounts } from '../../../../shared/monitor-drift';
import { binCounts, chiSquareTwoWaves, decileEdges, jensenShannon, normalisedWasserstein, psi } from './distances';
import { ks2samp } from './ks';
import { sortedFloat64 } from './sort';

/** Categories shown in the drill-down; the rest are pooled into "(other)". */
export const MAX_BINS_SHOWN = 20;
/** New / vanished categories listed by name (the count is in the bins). */
export const MAX_LEVELS_LISTED = 20;

export type ColumnComparison = Omit<DriftColumn, 'drifted' | 'adjustedPValue' | 'psiBand'>;

function counts(rows: number, present: number): WaveColumnCounts {
  return { rows, missing: rows - present, missingShare: rows === 0 ? 0 : (rows - present) / rows };
}

/** Present values, ascending; with `inPlace`, `values` may be reordered (it is then the caller's to give up). */
export function presentSorted(values: Float64Array, inPlace = false): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  if (n === values.length) return sortedFloat64(values, inPlace);
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[k++] = values[i];
  return sortedFloat64(out, true);
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

function numericBins(edges: number[], ref: number[], cur: number[], refN: number, curN: number): DriftBin[] {
  return ref.map((r, i) => ({
    label: i === 0 ? `≤ ${fmt(edges[0])}` : i === edges.length ? `> ${fmt(edges[edges.length - 1])}` : `${fmt(edges[i - 1])}–${fmt(edges[i])}`,
    reference: r / refN,
    current: cur[i] / curN,
  }));
}

/** A numeric column: ascending present values of each wave (both non-empty) and the waves' row counts. */
export function compareNumeric(name: string, ref: Float64Array, cur: Float64Array, refRows: number, curRows: number): ColumnComparison {
  const ks = ks2samp(ref, cur);
  const edges = decileEdges(ref);
  const refBins = edges.length > 0 ? binCounts(ref, edges) : [ref.length];
  const curBins = edges.length > 0 ? binCounts(cur, edges) : [cur.length];
  // A constant reference has no inner edge: split at its value so a current wave that moved away still shows.
  const shownEdges = edges.length > 0 ? edges : [ref[0]];
  const shownRef = edges.length > 0 ? refBins : binCounts(ref, shownEdges);
  const shownCur = edges.length > 0 ? curBins : binCounts(cur, shownEdges);
  const refCounts = counts(refRows, ref.length);
  const curCounts = counts(curRows, cur.length);
  return {
    name,
    type: 'numeric',
    test: 'ks',
    statistic: ks.statistic,
    pValue: ks.pValue,
    psi: edges.length > 0 ? psi(refBins, curBins) : psi(shownRef, shownCur),
    distance: normalisedWasserstein(ref, cur),
    distanceKind: 'wasserstein',
    reference: refCounts,
    current: curCounts,
    missingChange: curCounts.missingShare - refCounts.missingShare,
    newCategories: [],
    vanishedCategories: [],
    bins: numericBins(shownEdges, shownRef, shownCur, ref.length, cur.length),
  };
}

/** A categorical column: counts per level (same level order in both waves) and the waves' row counts. */
export function compareCategorical(name: string, levels: readonly string[], ref: readonly number[], cur: readonly number[], refRows: number, curRows: number): ColumnComparison {
  const refN = ref.reduce((s, v) => s + v, 0);
  const curN = cur.reduce((s, v) => s + v, 0);
  const chi = chiSquareTwoWaves(ref, cur);
  const present = levels.map((_, i) => i).filter((i) => ref[i] + cur[i] > 0);
  const refKept = present.map((i) => ref[i]);
  const curKept = present.map((i) => cur[i]);
  const order = [...present].sort((a, b) => ref[b] - ref[a] || cur[b] - cur[a] || (levels[a] < levels[b] ? -1 : 1));
  const shown = order.slice(0, MAX_BINS_SHOWN);
  const rest = order.slice(MAX_BINS_SHOWN);
  const bins: DriftBin[] = shown.map((i) => ({ label: levels[i], reference: ref[i] / refN, current: cur[i] / curN }));
  if (rest.length > 0) {
    bins.push({
      label: `(other: ${rest.length} categories)`,
      reference: rest.reduce((s, i) => s + ref[i], 0) / refN,
      current: rest.reduce((s, i) => s + cur[i], 0) / curN,
    });
  }
  const refCounts = counts(refRows, refN);
  const curCounts = counts(curRows, curN);
  return {
    name,
    type: 'categorical',
    test: 'chi-square',
    statistic: chi.statistic,
    pValue: chi.pValue,
    df: chi.df,
    psi: psi(refKept, curKept),
    distance: jensenShannon(refKept, curKept),
    distanceKind: 'jensen-shannon',
    reference: refCounts,
    current: curCounts,
    missingChange: curCounts.missingShare - refCounts.missingShare,
    newCategories: present.filter((i) => ref[i] === 0).map((i) => levels[i]).slice(0, MAX_LEVELS_LISTED),
    vanishedCategories: present.filter((i) => cur[i] === 0).map((i) => levels[i]).slice(0, MAX_LEVELS_LISTED),
    bins,
  };
}

export function psiBand(value: number, t: DriftThresholds): 'stable' | 'moderate' | 'major' {
  return value < t.psiModerate ? 'stable' : value <= t.psiMajor ? 'moderate' : 'major';
}
