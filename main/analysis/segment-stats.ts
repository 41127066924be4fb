// Tests and intervals for segment cards. Pure functions, no I/O.
//
// Methods (stated so every number on a card can be explained):
// - Welch's t-test (unequal variances, Welch–Satterthwaite df), two-sided p from the Student t distribution
//   through the regularized incomplete beta function (continued fraction, Numerical Recipes §6.4) — exact to
//   ~1e-10, no large-n approximation needed.
// - Two-proportion z-test with the pooled proportion, two-sided p from the normal distribution.
// - Wilson score interval for a rate (95%: z = 1.959964).
// - NPS interval: adjusted Wald (Rocks 2016, "Confidence intervals for the Net Promoter Score"): add 3
//   pseudo-respondents (¾ promoter, ¾ detractor, 1½ passive), then NPS ± z·sqrt((p⁺ + p⁻ − (p⁺ − p⁻)²)/n).
import { summarize } from './nps/summary';

export const Z95 = 1.959963984540054;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only on one side of the mean; use the symmetry relation otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of a Student t statistic with df degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  if (!(df > 0)) return Number.NaN;
  return Math.min(1, incompleteBeta(df / (df + t * t), df / 2, 0.5));
}

/** Complementary error function (Numerical Recipes erfcc Chebyshev fit, |relative error| < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export interface Moments {
  n: number;
  mean: number;
  /** Sample variance (n − 1). */
  variance: number;
}

/** Welch's t-test of two groups given their moments; NaN p when either group has < 2 values or no variance. */
export function welchTest(a: Moments, b: Moments): { t: number; df: number; p: number } {
  if (a.n < 2 || b.n < 2) return { t: Number.NaN, df: Number.NaN, p: Number.NaN };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) {
    // Both groups constant: equal means are no evidence of a difference, different means are certain.
    const same = a.mean === b.mean;
    return { t: same ? 0 : Number.POSITIVE_INFINITY, df: a.n + b.n - 2, p: same ? 1 : 0 };
  }
  const t = (a.mean - b.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { t, df, p: studentTwoSidedP(t, df) };
}

/** Two-proportion z-test (pooled), successes x of n in each group. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } {
  if (n1 === 0 || n2 === 0) return { z: Number.NaN, p: Number.NaN };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const diff = x1 / n1 - x2 / n2;
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = diff / se;
  return { z, p: normalTwoSidedP(z) };
}

/** Wilson score interval for x successes out of n; null when n = 0 (a rate without a denominator is undefined). */
export function wilsonInterval(x: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * NPS (−100…100) of counts, with the adjusted-Wald interval (95% by default): the NPS module's one
 * implementation (nps/summary.ts), so segment cards, journey stages and the NPS view always agree.
 */
export function npsWithInterval(promoters: number, passives: number, detractors: number, z = Z95): { nps: number | null; n: number; ci: [number, number] | null } {
  const s = summarize({ promoters, passives, detractors }, z);
  return { nps: s.nps, n: s.n, ci: s.ci };
}
