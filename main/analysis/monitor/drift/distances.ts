// Distances and tests between two waves of one column. Pure functions, no I/O. Conventions (docs/monitor-drift.md):
// - Wasserstein-1 distance as scipy.stats.wasserstein_distance (area between the two ECDFs), NORMALISED by the
//   reference wave's standard deviation (population, ddof 0), as Evidently does, so 0.1 means "the mass moved a
//   tenth of a reference SD on average". A constant reference column is normalised by the pooled SD of both waves
//   instead; when that is 0 too both waves hold one and the same value and the distance is 0.
// - PSI = Σ (c − r)·ln(c / r) over bins; numeric bins are cut at the reference wave's deciles (type-7 quantiles,
//   repeated edges dropped), right-closed like pandas.cut, with the outer bins open so current values beyond the
//   reference range still count; categorical bins are the levels of both waves. An empty bin's share is floored
//   at 0.0001 (Evidently's choice), since ln(0) is undefined.
// - Jensen–Shannon DISTANCE (the square root of the divergence) with base-2 logarithms, as
//   scipy.spatial.distance.jensenshannon(p, q, base=2): 0 = same shares, 1 = no level in common.
// - Chi-square test of the 2 × levels table as scipy.stats.chi2_contingency (Pearson, with Yates' continuity
//   correction when df = 1, which is scipy's default); levels absent from both waves are not in the table.
// - Benjamini–Hochberg adjusted p-values (step-up, capped at 1).
import { chiSquareSurvival } from '../../nps/distributions';
import { quantileSorted } from '../../stats-basic';

export const PSI_EMPTY_SHARE = 0.0001;

/** scipy.stats.wasserstein_distance of two ascending samples. */
export function wasserstein(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(a[0], b[0]);
  while (i < n1 || j < n2) {
    const v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
    total += Math.abs(i / n1 - j / n2) * (v - prev);
    prev = v;
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
  }
  return total;
}

/** Population SD (ddof 0), two passes. */
export function populationSd(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / n);
}

/** Wasserstein distance over the reference SD (pooled SD when the reference is constant; 0 when both are). */
export function normalisedWasserstein(ref: Float64Array, cur: Float64Array): number {
  const w = wasserstein(ref, cur);
  let sd = populationSd(ref);
  if (!(sd > 0)) {
    const pooled = new Float64Array(ref.length + cur.length);
    pooled.set(ref);
    pooled.set(cur, ref.length);
    sd = populationSd(pooled);
  }
  return sd > 0 ? w / sd : 0;
}

/** Inner bin edges: the reference's 10th…90th percentiles, repeated values dropped. */
export function decileEdges(sortedRef: Float64Array): number[] {
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) {
    const q = quantileSorted(sortedRef, k / 10);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Counts per bin of an ascending sample: bin i holds edges[i−1] < v ≤ edges[i] (outer bins open). */
export function binCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  // The values are sorted, so each bin's count is the distance between two upper bounds: a binary search per edge
  // instead of a pass over a million values (two per numeric column of a drift run).
  const counts = new Array<number>(edges.length + 1).fill(0);
  let below = 0;
  for (let k = 0; k < edges.length; k++) {
    const upTo = upperBound(sorted, edges[k], below);
    counts[k] = upTo - below;
    below = upTo;
  }
  counts[edges.length] = sorted.length - below;
  return counts;
}

/** The first index at or after `from` whose value is above `edge` (sorted.length if none). */
function upperBound(sorted: Float64Array, edge: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > edge) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** PSI of two count vectors over the same bins (shares from counts; empty shares floored). */
export function psi(refCounts: readonly number[], curCounts: readonly number[]): number {
  const rt = refCounts.reduce((s, v) => s + v, 0);
  const ct = curCounts.reduce((s, v) => s + v, 0);
  let total = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i] / rt || PSI_EMPTY_SHARE;
    const c = curCounts[i] / ct || PSI_EMPTY_SHARE;
    total += (c - r) * Math.log(c / r);
  }
  return total;
}

const relEntr = (x: number, y: number) => (x > 0 ? x * Math.log(x / y) : 0);

/** scipy.spatial.distance.jensenshannon(p, q, base=2) of two count (or share) vectors. */
export function jensenShannon(pCounts: readonly number[], qCounts: readonly number[]): number {
  const ps = pCounts.reduce((s, v) => s + v, 0);
  const qs = qCounts.reduce((s, v) => s + v, 0);
  let js = 0;
  for (let i = 0; i < pCounts.length; i++) {
    const p = pCounts[i] / ps;
    const q = qCounts[i] / qs;
    const m = (p + q) / 2;
    js += relEntr(p, m) + relEntr(q, m);
  }
  js /= Math.log(2);
  return Math.sqrt(Math.max(0, js / 2));
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

/** scipy.stats.chi2_contingency of the 2 × k table [ref; cur] (levels with no count in either are dropped). */
export function chiSquareTwoWaves(refCounts: readonly number[], curCounts: readonly number[]): ChiSquareResult {
  const keep: number[] = [];
  for (let i = 0; i < refCounts.length; i++) if (refCounts[i] + curCounts[i] > 0) keep.push(i);
  const rows = [keep.map((i) => refCounts[i]), keep.map((i) => curCounts[i])];
  const rowTotals = rows.map((r) => r.reduce((s, v) => s + v, 0));
  const total = rowTotals[0] + rowTotals[1];
  const k = keep.length;
  const df = k - 1;
  if (df <= 0 || rowTotals[0] === 0 || rowTotals[1] === 0) return { statistic: 0, df: Math.max(0, df), pValue: 1 };
  let statistic = 0;
  for (let j = 0; j < k; j++) {
    const colTotal = rows[0][j] + rows[1][j];
    for (let r = 0; r < 2; r++) {
      const expected = (rowTotals[r] * colTotal) / total;
      let observed = rows[r][j];
      if (df === 1) {
        // Yates: move each observed count half a unit (at most the whole gap) towards its expectation.
        const diff = expected - observed;
        observed += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/** Benjamini–Hochberg adjusted p-values, in the order given (NaN entries stay NaN and do not count). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => [p, i] as const).filter(([p]) => Number.isFinite(p));
  const m = idx.length;
  idx.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out = pValues.map(() => Number.NaN);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = idx[r];
    running = Math.min(running, (p * m) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
