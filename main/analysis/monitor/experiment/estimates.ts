// One arm's estimate with its interval, and the difference of two arms with its interval and test. Pure, no I/O.
//
// Methods (each tested against scipy/statsmodels or by hand in tests/unit/monitor/experiment-stats.test.ts):
// - binary, one arm: Wilson score interval (statsmodels proportion_confint(method='wilson')).
// - binary, difference: Newcombe's hybrid score interval (Newcombe 1998, Statistics in Medicine 17, method 10),
//   built from the two Wilson intervals: L = d − √((p₁−l₁)² + (u₂−p₂)²), U = d + √((u₁−p₁)² + (p₂−l₂)²)
//   (statsmodels confint_proportions_2indep(method='newcomb')); its coverage stays near nominal for small counts
//   and rates near 0 or 1, where Wald's falls short. Test: the pooled two-proportion z test (statsmodels
//   proportions_ztest). The two come from different variances, so at the very edge of significance the interval
//   may touch 0 while p is just below alpha (or the reverse); the verdict follows p.
// - mean: per arm the t interval mean ± t(n−1)·s/√n; difference by Welch's unequal-variance t test with the
//   Welch–Satterthwaite df (scipy.stats.ttest_ind(equal_var=False)) and the interval d ± t(df)·SE.
// - nps: per arm the adjusted-Wald interval, difference with the adjusted-Wald variances added (Rocks 2016, The
//   American Statistician 70(4); the repo's one implementation in main/analysis/nps/summary.ts and compare.ts).
// - relative lift (difference / control) by the delta method on the ratio R = T/C:
//   Var(R) ≈ Var(T)/C² + T²·Var(C)/C⁴ (first-order Taylor expansion, independent arms), interval R − 1 ± z·√Var(R).
//   Symmetric, so for small arms it can reach below −100%; Fieller's interval would be exact for the ratio of two
//   normals but is unbounded when C's interval nears 0 — the lift is left out (null) when C ≤ 0 instead.
import { welchTest, wilsonInterval } from '../../segment-stats';
import { tQuantile } from '../../journey/t-distribution';
import { normalTwoSided, zForLevel } from '../../nps/distributions';
import { adjustedWald, summarize, totalOf, type NpsCounts } from '../../nps/summary';
import { compareNps } from '../../nps/compare';

export type ArmStats =
  | { kind: 'binary'; n: number; successes: number }
  | { kind: 'mean'; n: number; mean: number; variance: number }
  | { kind: 'nps'; counts: NpsCounts };

export interface Estimate {
  n: number;
  estimate: number | null;
  ci: [number, number] | null;
  /** Variance of the estimate (for the lift and the heterogeneity test); NaN when undefined. */
  variance: number;
}

export const armN = (s: ArmStats): number => (s.kind === 'nps' ? totalOf(s.counts) : s.n);

export function estimateArm(s: ArmStats, level: number): Estimate {
  const z = zForLevel(level);
  if (s.kind === 'binary') {
    if (s.n === 0) return { n: 0, estimate: null, ci: null, variance: Number.NaN };
    const p = s.successes / s.n;
    return { n: s.n, estimate: p, ci: wilsonInterval(s.successes, s.n, z), variance: (p * (1 - p)) / s.n };
  }
  if (s.kind === 'mean') {
    if (s.n === 0) return { n: 0, estimate: null, ci: null, variance: Number.NaN };
    if (s.n < 2) return { n: s.n, estimate: s.mean, ci: null, variance: Number.NaN };
    const se = Math.sqrt(s.variance / s.n);
    const t = tQuantile(0.5 + level / 2, s.n - 1);
    return { n: s.n, estimate: s.mean, ci: [s.mean - t * se, s.mean + t * se], variance: se * se };
  }
  const sum = summarize(s.counts, z);
  return { n: sum.n, estimate: sum.nps, ci: sum.ci, variance: 1e4 * adjustedWald(s.counts).variance };
}

export interface Difference {
  difference: number;
  ci: [number, number];
  /** Standard error of the difference (binary: unpooled Wald; mean: Welch; nps: adjusted Wald), for weights. */
  se: number;
  statistic: number;
  df?: number;
  pValue: number;
  method: string;
}

/** Pooled two-proportion z test, two-sided (statsmodels proportions_ztest). */
export function pooledZ(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: normalTwoSided(z) };
}

/** Newcombe's hybrid score interval for p₁ − p₂ at the z of the level. */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z: number): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonInterval(x1, n1, z)!;
  const [l2, u2] = wilsonInterval(x2, n2, z)!;
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)];
}

/** treatment − control; null when either arm has too few rows (binary/nps: none; mean: fewer than 2). */
export function compareArms(t: ArmStats, c: ArmStats, level: number): Difference | null {
  const z = zForLevel(level);
  if (t.kind === 'binary' && c.kind === 'binary') {
    if (t.n === 0 || c.n === 0) return null;
    const p1 = t.successes / t.n;
    const p2 = c.successes / c.n;
    const test = pooledZ(t.successes, t.n, c.successes, c.n);
    return {
      difference: p1 - p2,
      ci: newcombeInterval(t.successes, t.n, c.successes, c.n, z),
      se: Math.sqrt((p1 * (1 - p1)) / t.n + (p2 * (1 - p2)) / c.n),
      statistic: test.z,
      pValue: test.p,
      method: 'Newcombe hybrid score interval; pooled two-proportion z test',
    };
  }
  if (t.kind === 'mean' && c.kind === 'mean') {
    if (t.n < 2 || c.n < 2) return null;
    const w = welchTest({ n: t.n, mean: t.mean, variance: t.variance }, { n: c.n, mean: c.mean, variance: c.variance });
    const se = Math.sqrt(t.variance / t.n + c.variance / c.n);
    const d = t.mean - c.mean;
    const half = se > 0 ? tQuantile(0.5 + level / 2, w.df) * se : 0;
    return { difference: d, ci: [d - half, d + half], se, statistic: w.t, df: w.df, pValue: w.p, method: 'Welch t test and interval (unequal variances)' };
  }
  if (t.kind === 'nps' && c.kind === 'nps') {
    const r = compareNps(t.counts, c.counts, z);
    if (!r) return null;
    const se = 100 * Math.sqrt(adjustedWald(t.counts).variance + adjustedWald(c.counts).variance);
    return { difference: r.difference, ci: r.ci, se, statistic: r.z, pValue: r.pValue, method: 'adjusted-Wald difference of NPS (Rocks 2016), z test' };
  }
  throw new Error('compareArms: arms of different kinds');
}

/** Relative lift (T/C − 1) with its delta-method interval; null when the control's estimate is not positive. */
export function relativeLift(treatment: Estimate, control: Estimate, level: number): { lift: number; ci: [number, number] } | null {
  const T = treatment.estimate;
  const C = control.estimate;
  if (T === null || C === null || !(C > 0) || !Number.isFinite(treatment.variance) || !Number.isFinite(control.variance)) return null;
  const lift = T / C - 1;
  const se = Math.sqrt(treatment.variance / (C * C) + (T * T * control.variance) / C ** 4);
  const z = zForLevel(level);
  return { lift, ci: [lift - z * se, lift + z * se] };
}
