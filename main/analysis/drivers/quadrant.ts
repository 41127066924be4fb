// The importance × performance quadrant. Importance is a driver's share of R²; performance is its mean placed on
// 0–1 of its observed range (min → 0, max → 1). For a "higher is worse" driver (its coefficient points away from
// the better outcome, e.g. waiting time) performance is flipped to 1 − scaled, so "high performance" always means
// "doing well" and the quadrant names stay true. Cuts are the means across drivers (mean share = 100 / p); a value
// exactly on a cut counts as high.
import type { Quadrant } from '../../../shared/nps';

export function scaledMean(values: Float64Array): { mean: number; scaled: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / values.length;
  return { mean, scaled: max > min ? (mean - min) / (max - min) : 0.5 };
}

export function quadrantOf(share: number, performance: number, cuts: { share: number; performance: number }): Quadrant {
  const important = share >= cuts.share;
  const performing = performance >= cuts.performance;
  if (important) return performing ? 'key strength' : 'improve first';
  return performing ? 'maintain' : 'low priority';
}
