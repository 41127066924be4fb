// Tests of two proportions (a group vs its reference) on the 2×2 table
//          hit      rest
//   group   a        b        (a + b = the group's denominator)
//   ref     c        d        (c + d = the reference's denominator)
// Pure functions, no I/O.
//
// - Fisher's exact test, two-sided, when any expected cell (row total × column total / N) is below 5: the
//   p-value sums the hypergeometric probabilities of every table with the same margins that is no more likely
//   than the observed one, with scipy's relative tolerance (≤ p_obs · (1 + 1e−7)) so tables tied with the
//   observed one up to rounding count as tied. Probabilities are built by the ratio recurrence
//   P(x+1)/P(x) = (r1−x)(c1−x) / ((x+1)(r2−c1+x+1)) relative to the mode, so no factorials of large N are
//   formed and nothing overflows.
// - Otherwise Pearson's chi-square without continuity correction, 1 df: χ² = N(ad − bc)² / (r1·r2·c1·c2),
//   p = P(χ²₁ > χ²) — scipy's chi2_contingency(correction=False), and the square of the pooled two-proportion z.
import { chiSquareSurvival } from '../nps/distributions';

export interface ProportionTest {
  test: 'fisher' | 'chi-square';
  pValue: number;
}

/** scipy.stats.fisher_exact's tolerance for "as likely as the observed table". */
const FISHER_RELATIVE_TOLERANCE = 1 + 1e-7;

/** Two-sided Fisher exact p-value of [[a, b], [c, d]]. */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  if (lo === hi) return 1;
  // Relative probabilities over the support lo..hi, built outwards from the mode so the largest is 1.
  const size = hi - lo + 1;
  const rel = new Float64Array(size);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((r1 + 1) * (c1 + 1)) / (r1 + r2 + 2))));
  rel[mode - lo] = 1;
  for (let x = mode; x < hi; x++) {
    rel[x + 1 - lo] = (rel[x - lo] * ((r1 - x) * (c1 - x))) / ((x + 1) * (r2 - c1 + x + 1));
  }
  for (let x = mode; x > lo; x--) {
    // Inverse of the recurrence, from x down to x − 1.
    rel[x - 1 - lo] = (rel[x - lo] * (x * (r2 - c1 + x))) / ((r1 - x + 1) * (c1 - x + 1));
  }
  const observed = rel[a - lo] * FISHER_RELATIVE_TOLERANCE;
  let total = 0;
  let asExtreme = 0;
  for (let i = 0; i < size; i++) {
    total += rel[i];
    if (rel[i] <= observed) asExtreme += rel[i];
  }
  return Math.min(1, asExtreme / total);
}

/** Pearson's chi-square statistic of [[a, b], [c, d]] (no continuity correction); 0 when a margin is empty. */
export function chiSquare2x2(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const c2 = b + d;
  const denominator = r1 * r2 * c1 * c2;
  if (denominator === 0) return 0;
  const n = r1 + r2;
  const cross = a * d - b * c;
  return (n * cross * cross) / denominator;
}

/** The smallest expected cell count of [[a, b], [c, d]] under independence. */
export function smallestExpected(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  if (n === 0) return 0;
  return Math.min(a + b, c + d) * Math.min(a + c, b + d) / n;
}

/** Compare x1/n1 with x2/n2; null when either denominator is 0 (a rate that does not exist cannot be tested). */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const a = x1;
  const b = n1 - x1;
  const c = x2;
  const d = n2 - x2;
  if (smallestExpected(a, b, c, d) < 5) return { test: 'fisher', pValue: fisherExact(a, b, c, d) };
  return { test: 'chi-square', pValue: chiSquareSurvival(chiSquare2x2(a, b, c, d), 1) };
}
