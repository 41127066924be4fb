// Calibration by score decile, per group: is a given score worth the same observed outcome in every group?
// Pure functions, no I/O.
//
// - Deciles over all audited rows with a score: cut points are numpy's default quantiles (linear
//   interpolation, Hyndman–Fan type 7) at 0, 0.1, …, 1. Bins are right-closed like pandas.qcut — decile d holds
//   lower < score ≤ upper, and decile 1 also holds its lower edge (the minimum). When tied scores make cut points
//   coincide, the deciles between them are empty and left out (a score sits in the first decile whose upper
//   edge reaches it), so the remaining deciles keep their numbers. Rows without a score (NaN) are left out.
// - Per group and decile: n, mean score, observed positive-label rate with its Wilson 95% interval.
// - Per group against the reference (for the verdict): the decile-stratified difference in observed rate,
//   Σ_d n_gd·(obs_gd − obs_rd) / Σ_d n_gd over deciles where both groups have rows, and the
//   Cochran–Mantel–Haenszel test of "same observed rate at the same score" (1 df, no continuity correction):
//   χ² = (Σ_d (a_d − E a_d))² / Σ_d Var a_d with E a_d = r1·c1/N and Var a_d = r1·r2·c1·c2 / (N²(N − 1)).
import type { CalibrationBin } from '../../../shared/audit';
import { chiSquareSurvival } from '../nps/distributions';
import { quantilesInPlace } from '../select';
import { rateOf } from './rates';

export const DECILES = 10;

/** The 11 cut points (min, 10th, …, 90th percentile, max) of the finite scores; null when there are none. */
export function decileEdges(score: Float64Array, n: number): number[] | null {
  const finite = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = score[i];
    if (Number.isFinite(s)) finite[m++] = s;
  }
  if (m === 0) return null;
  return quantilesInPlace(finite, 0, m, Array.from({ length: DECILES + 1 }, (_, k) => k / DECILES));
}

/** Decile index 0–9 per row (−1 without a score): the first decile whose upper edge is ≥ the score. */
export function decileCodes(score: Float64Array, n: number, edges: readonly number[]): Int8Array {
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const s = score[i];
    if (!Number.isFinite(s)) {
      out[i] = -1;
      continue;
    }
    let d = 0;
    while (d < DECILES - 1 && s > edges[d + 1]) d++;
    out[i] = d;
  }
  return out;
}

/** Per (group, decile): rows, score sum and positive labels, at [3·(10·code + decile)]. */
export function calibrationTallies(codes: Int32Array, levels: number, deciles: Int8Array, score: Float64Array, label: Uint8Array, n: number): Float64Array {
  const t = new Float64Array(levels * DECILES * 3);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const d = deciles[i];
    if (c < 0 || d < 0) continue;
    const o = 3 * (c * DECILES + d);
    t[o]++;
    t[o + 1] += score[i];
    t[o + 2] += label[i];
  }
  return t;
}

export function calibrationBins(attribute: string, groups: readonly { code: number; name: string }[], tallies: Float64Array, edges: readonly number[], minGroupSize: number): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (const g of groups) {
    for (let d = 0; d < DECILES; d++) {
      const o = 3 * (g.code * DECILES + d);
      const n = tallies[o];
      if (n === 0) continue;
      out.push({
        attribute,
        group: g.name,
        decile: d + 1,
        lower: edges[d],
        upper: edges[d + 1],
        n,
        meanScore: tallies[o + 1] / n,
        observed: rateOf(tallies[o + 2], n, 'no rows in this decile', minGroupSize),
      });
    }
  }
  return out;
}

export interface CalibrationGap {
  /** Decile-weighted difference in observed positive rate, group − reference (null without a shared decile). */
  difference: number | null;
  pValue: number | null;
  /** Rows of the group in deciles shared with the reference. */
  n: number;
}

/** The group's observed rates against the reference's at the same score decile, with the CMH test. */
export function calibrationGap(tallies: Float64Array, group: number, reference: number): CalibrationGap {
  let weighted = 0;
  let weight = 0;
  let deviation = 0;
  let variance = 0;
  for (let d = 0; d < DECILES; d++) {
    const g = 3 * (group * DECILES + d);
    const r = 3 * (reference * DECILES + d);
    const r1 = tallies[g];
    const r2 = tallies[r];
    if (r1 === 0 || r2 === 0) continue;
    const a = tallies[g + 2];
    const c = tallies[r + 2];
    weighted += r1 * (a / r1 - c / r2);
    weight += r1;
    const total = r1 + r2;
    const c1 = a + c;
    const c2 = total - c1;
    deviation += a - (r1 * c1) / total;
    if (total > 1) variance += (r1 * r2 * c1 * c2) / (total * total * (total - 1));
  }
  if (weight === 0) return { difference: null, pValue: null, n: 0 };
  const pValue = variance > 0 ? chiSquareSurvival((deviation * deviation) / variance, 1) : 1;
  return { difference: weighted / weight, pValue, n: weight };
}
