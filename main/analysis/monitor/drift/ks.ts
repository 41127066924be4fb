// The two-sample Kolmogorov–Smirnov test, two-sided, as scipy.stats.ks_2samp with its default method 'auto':
// exact when both samples have at most 10,000 values, otherwise the asymptotic p-value kstwo.sf(D, round(n·m/(n+m))).
// Exact: the Hodges lattice-path counts (scipy's _compute_prob_outside_square for equal sizes, the "inside
// method" of _stats_pythran._compute_outer_prob_inside_method otherwise, after Viehmann 2021); as in scipy the
// statistic is snapped to the lattice (h / lcm(n, m)) first, and an exact count that fails falls back to asymptotic.
// Pure functions, no I/O; inputs are ascending arrays without NaN.
import { kolmogorovSf } from './kolmogorov';

export const KS_EXACT_MAX_N = 10000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Round half to even, as numpy.round. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** sup |F1 − F2| over the pooled values, as scipy computes it (the larger of the two one-sided suprema). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    // Step past every copy of the next value in both samples, then compare the two ECDFs there.
    const v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const minSide = Math.min(1, Math.max(0, -minS));
  return minSide > maxS ? minSide : maxS;
}

function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k--;
  }
  return 2 * P;
}

function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) for (let t = maxj - minj; t < maxj - minj + (lastlen - curlen) && t < lenA; t++) A[t] = 1;
  }
  return A[maxj - minj - 1];
}

/** Two-sided two-sample KS test of ascending samples a and b (both non-empty). */
export function ks2samp(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('ks2samp needs two non-empty samples');
  let d = ksStatistic(a, b);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (Number.isFinite(prob) && prob >= 0 && prob <= 1) return { statistic: d, pValue: prob, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  const p = kolmogorovSf(roundHalfEven(en), d);
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method: 'asymp' };
}
