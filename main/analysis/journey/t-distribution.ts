// Student t quantiles and the 95% t interval of a mean. Pure functions, no I/O.
//
// The quantile inverts the t CDF, F(t) = 1 − ½·I_{df/(df+t²)}(df/2, ½) for t ≥ 0, by bisection on t using the
// regularized incomplete beta of segment-stats.ts (exact to ~1e-10). Bisection is slow next to a closed-form
// approximation, but it is called once per stage / step / group, and it is exact for every df, including the
// small ones (n = 2, 3) that a journey stage with few ratings produces.
import { incompleteBeta } from '../segment-stats';
import type { MeanCi } from '../../../shared/journeys';

/** Upper-tail probability P(T > t) for t ≥ 0. */
function upperTail(t: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The p-quantile of Student's t with df > 0 degrees of freedom (NaN outside 0 < p < 1 or df ≤ 0). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const tail = 1 - p;
  // Bracket: grow the upper end until its tail is below the target.
  let lo = 0;
  let hi = 2;
  while (upperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (upperTail(mid, df) > tail) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-13 * hi) break;
  }
  return 0.5 * (lo + hi);
}

const t975Cache = new Map<number, number>();

/** t_{0.975, df}, cached (the same few df recur across stages and groups). */
export function t975(df: number): number {
  let q = t975Cache.get(df);
  if (q === undefined) {
    q = tQuantile(0.975, df);
    if (t975Cache.size < 10_000) t975Cache.set(df, q);
  }
  return q;
}

/**
 * Running sums of one group's ratings, shifted by a common constant K (sum of x − K and of (x − K)²) so the
 * variance does not lose its digits to a large mean, and so groups that share K can be added together.
 */
export interface ShiftedSums {
  n: number;
  sum: number;
  sumSq: number;
}

/** Mean with its 95% t interval from shifted sums; null when n = 0, interval null when n < 2. */
export function meanCiFromSums(n: number, sum: number, sumSq: number, shift: number): MeanCi | null {
  if (n <= 0) return null;
  const mean = shift + sum / n;
  if (n < 2) return { mean, n, ci: null };
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const half = t975(n - 1) * Math.sqrt(variance / n);
  return { mean, n, ci: [mean - half, mean + half] };
}
