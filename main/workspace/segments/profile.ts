// Per-segment statistics of each feature in original units: counts, means, variances (numeric) and level
// counts (categorical), plus the standardised difference and test of every encoded feature against the rest.
// The z of a feature is (segment mean − overall mean) / overall SD (sample SD), the same number the heatmap
// shows; the test compares the segment with the REST of the customers (Welch for numbers, two-proportion z for
// one-hot levels).
import { twoProportionTest, welchTest } from '../../analysis/segment-stats';
import type { LoadedColumn } from './columns';

export interface EncodedStat {
  /** Column name, and the level for a one-hot indicator. */
  feature: string;
  level: string | null;
  z: number;
  pValue: number;
  segmentValue: number;
  overallValue: number;
  /** A numeric column holding only 0 and 1 (yes/no): its means are shares of customers, and names read as such. */
  binary?: boolean;
}

export interface SegmentProfile {
  /** Per segment: per encoded feature (matrix order), the statistic. */
  stats: EncodedStat[][];
  /** Per segment: original-unit centroid (numeric mean; categorical most common level). */
  centroids: Record<string, number | string>[];
}

interface Acc {
  n: Float64Array;
  sum: Float64Array;
  ss: Float64Array;
}

/** Mean/variance per segment with shifted sums (shift = first value) so large offsets keep precision. */
function numericAcc(values: Float64Array, included: Int32Array, labels: Int32Array, k: number): { seg: Acc; shift: number; binary: boolean } {
  const seg: Acc = { n: new Float64Array(k), sum: new Float64Array(k), ss: new Float64Array(k) };
  let shift = Number.NaN;
  let binary = true;
  for (let r = 0; r < included.length; r++) {
    const v = values[included[r]];
    if (Number.isNaN(v)) continue;
    if (v !== 0 && v !== 1) binary = false;
    if (Number.isNaN(shift)) shift = v;
    const x = v - shift;
    const s = labels[r];
    seg.n[s]++;
    seg.sum[s] += x;
    seg.ss[s] += x * x;
  }
  return { seg, shift: Number.isNaN(shift) ? 0 : shift, binary: binary && !Number.isNaN(shift) };
}

function moments(n: number, sum: number, ss: number, shift: number): { n: number; mean: number; variance: number } {
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN };
  const m = sum / n;
  return { n, mean: m + shift, variance: n > 1 ? Math.max(0, (ss - n * m * m) / (n - 1)) : Number.NaN };
}

export function profileSegments(cols: LoadedColumn[], included: Int32Array, labels: Int32Array, k: number): SegmentProfile {
  const stats: EncodedStat[][] = Array.from({ length: k }, () => []);
  const centroids: Record<string, number | string>[] = Array.from({ length: k }, () => ({}));
  for (const col of cols) {
    const name = col.column.name;
    if (col.kind === 'numeric') {
      const { seg, shift, binary } = numericAcc(col.values, included, labels, k);
      let N = 0;
      let S = 0;
      let SS = 0;
      for (let s = 0; s < k; s++) {
        N += seg.n[s];
        S += seg.sum[s];
        SS += seg.ss[s];
      }
      const all = moments(N, S, SS, shift);
      const sd = Math.sqrt(all.variance);
      for (let s = 0; s < k; s++) {
        const mine = moments(seg.n[s], seg.sum[s], seg.ss[s], shift);
        const rest = moments(N - seg.n[s], S - seg.sum[s], SS - seg.ss[s], shift);
        const z = sd > 0 ? (mine.mean - all.mean) / sd : 0;
        stats[s].push({ feature: name, level: null, z: Number.isFinite(z) ? z : 0, pValue: welchTest(mine, rest).p, segmentValue: mine.mean, overallValue: all.mean, ...(binary ? { binary } : {}) });
        centroids[s][name] = mine.mean;
      }
    } else {
      const L = col.levels.length;
      const counts = new Float64Array(k * L);
      const segN = new Float64Array(k);
      for (let r = 0; r < included.length; r++) {
        const code = col.codes[included[r]];
        if (code < 0) continue;
        counts[labels[r] * L + code]++;
        segN[labels[r]]++;
      }
      let N = 0;
      for (let s = 0; s < k; s++) N += segN[s];
      for (let l = 0; l < L; l++) {
        let total = 0;
        for (let s = 0; s < k; s++) total += counts[s * L + l];
        const pAll = N > 0 ? total / N : Number.NaN;
        const sd = Math.sqrt(pAll * (1 - pAll));
        for (let s = 0; s < k; s++) {
          const x = counts[s * L + l];
          const p = segN[s] > 0 ? x / segN[s] : Number.NaN;
          const z = sd > 0 ? (p - pAll) / sd : 0;
          const test = twoProportionTest(x, segN[s], total - x, N - segN[s]);
          stats[s].push({ feature: name, level: col.levels[l], z: Number.isFinite(z) ? z : 0, pValue: test.p, segmentValue: p, overallValue: pAll });
        }
      }
      for (let s = 0; s < k; s++) {
        let best = -1;
        for (let l = 0; l < L; l++) if (counts[s * L + l] > 0 && (best < 0 || counts[s * L + l] > counts[s * L + best])) best = l;
        centroids[s][name] = best < 0 ? '' : col.levels[best];
      }
    }
  }
  return { stats, centroids };
}
