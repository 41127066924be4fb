// Experiment statistics against references. How each expected value was made:
// - reference.json: tests/fixtures/monitor/experiment/make_reference.py (scipy 1.10, statsmodels 0.13):
//   Wilson (proportion_confint method='wilson'), Newcombe (confint_proportions_2indep method='newcomb'), pooled z
//   (proportions_ztest), Welch (scipy ttest_ind equal_var=False; interval d ± t.ppf(0.975, df)·se), SRM
//   (scipy.stats.chisquare), CUPED (numpy cov/var), planning (NormalIndPower.solve_power with proportion_effectsize),
//   Cochran's Q p (scipy chi2.sf).
// - NPS difference, relative lift and Holm: written out by hand below from the cited formulas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArms, estimateArm, newcombeInterval, pooledZ, relativeLift } from '../../../main/analysis/monitor/experiment/estimates';
import { chiSquareGoodnessOfFit } from '../../../main/analysis/monitor/experiment/srm';
import { cupedAdjust } from '../../../main/analysis/monitor/experiment/cuped';
import { cochranQ } from '../../../main/analysis/monitor/experiment/heterogeneity';
import { cohensH, effectFor, powerOf, rateAtH, sampleSizeFor } from '../../../main/analysis/monitor/experiment/plan';
import { planExperiment } from '../../../main/analysis/monitor/experiment/planner';
import { holm } from '../../../main/analysis/nps/compare';
import { zForLevel } from '../../../main/analysis/nps/distributions';

const ref = JSON.parse(readFileSync(join(__dirname, '../../fixtures/monitor/experiment/reference.json'), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
const moments = (xs: number[]) => {
  const n = xs.length;
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  return { kind: 'mean' as const, n, mean, variance: xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) };
};

describe('binary outcome', () => {
  it('Wilson interval of one arm matches statsmodels to 1e-9', () => {
    for (const r of ref.wilson) {
      const e = estimateArm({ kind: 'binary', n: r.n, successes: r.x }, r.level);
      expect(e.estimate).toBe(r.x / r.n);
      expect(Math.abs(e.ci![0] - r.ci[0])).toBeLessThan(1e-9);
      expect(Math.abs(e.ci![1] - r.ci[1])).toBeLessThan(1e-9);
    }
  });
  it('Newcombe interval and pooled z test match statsmodels to 1e-9', () => {
    for (const r of ref.newcombe) {
      const ci = newcombeInterval(r.x1, r.n1, r.x2, r.n2, zForLevel(r.level));
      expect(Math.abs(ci[0] - r.ci[0])).toBeLessThan(1e-9);
      expect(Math.abs(ci[1] - r.ci[1])).toBeLessThan(1e-9);
      const z = pooledZ(r.x1, r.n1, r.x2, r.n2);
      expect(Math.abs(z.z - r.z)).toBeLessThan(1e-9);
      expect(rel(z.p, r.p)).toBeLessThan(1e-9);
      const d = compareArms({ kind: 'binary', n: r.n1, successes: r.x1 }, { kind: 'binary', n: r.n2, successes: r.x2 }, r.level)!;
      expect(d.difference).toBeCloseTo(r.x1 / r.n1 - r.x2 / r.n2, 15);
      expect(d.ci).toEqual(ci);
    }
  });
});

describe('mean outcome', () => {
  it('Welch test, df and interval match scipy ttest_ind(equal_var=False) to 1e-9', () => {
    const w = ref.welch;
    const d = compareArms(moments(w.a), moments(w.b), 0.95)!;
    expect(Math.abs(d.statistic - w.t)).toBeLessThan(1e-9);
    expect(Math.abs(d.df! - w.df)).toBeLessThan(1e-9);
    expect(rel(d.pValue, w.p)).toBeLessThan(1e-8);
    expect(Math.abs(d.difference - w.difference)).toBeLessThan(1e-9);
    expect(Math.abs(d.ci[0] - w.ci[0])).toBeLessThan(1e-8);
    expect(Math.abs(d.ci[1] - w.ci[1])).toBeLessThan(1e-8);
  });
  it("one arm's t interval matches scipy.stats.t.interval", () => {
    const e = estimateArm(moments(ref.welch.a), 0.95);
    // tQuantile inverts the t CDF by bisection to ~1e-10 of the quantile: 2e-9 on an interval end near 50.
    expect(rel(e.ci![0], ref.welch.ciA[0])).toBeLessThan(1e-10);
    expect(rel(e.ci![1], ref.welch.ciA[1])).toBeLessThan(1e-10);
  });
});

describe('NPS outcome (adjusted Wald, by hand)', () => {
  it('difference, interval and z follow Rocks (2016) with the variances added', () => {
    // Treatment 50 promoters, 30 passives, 20 detractors (NPS 30); control 40 / 30 / 30 (NPS 10).
    // Adjusted: n' = 103; treatment p'P = 50.75/103, p'D = 20.75/103; control p'P = 40.75/103, p'D = 30.75/103.
    const tP = 50.75 / 103, tD = 20.75 / 103, cP = 40.75 / 103, cD = 30.75 / 103;
    const varT = (tP + tD - (tP - tD) ** 2) / 103;
    const varC = (cP + cD - (cP - cD) ** 2) / 103;
    const centre = tP - tD - (cP - cD); // 20/103
    const se = Math.sqrt(varT + varC);
    const d = compareArms({ kind: 'nps', counts: { promoters: 50, passives: 30, detractors: 20 } }, { kind: 'nps', counts: { promoters: 40, passives: 30, detractors: 30 } }, 0.95)!;
    expect(d.difference).toBeCloseTo(20, 12);
    expect(d.statistic).toBeCloseTo(centre / se, 12);
    expect(d.ci[0]).toBeCloseTo(100 * (centre - 1.959963984540054 * se), 9);
    expect(d.ci[1]).toBeCloseTo(100 * (centre + 1.959963984540054 * se), 9);
    expect(d.se).toBeCloseTo(100 * se, 12);
    // Numbers written out: varT = (71.5/103 − (30/103)²)/103 = 0.0059396..., centre = 0.194174757...
    expect(varT).toBeCloseTo((71.5 / 103 - (30 / 103) ** 2) / 103, 15);
    expect(centre).toBeCloseTo(0.1941747572815534, 14);
  });
});

describe('relative lift (delta method)', () => {
  it('is T/C − 1 with Var ≈ Var(T)/C² + T²·Var(C)/C⁴', () => {
    // Treatment 120/1000 = 0.12, control 100/1000 = 0.10: lift 0.2;
    // Var(T) = 0.12·0.88/1000 = 1.056e-4, Var(C) = 0.1·0.9/1000 = 9e-5;
    // Var(R) = 1.056e-4/0.01 + 0.0144·9e-5/1e-4 = 0.01056 + 0.01296 = 0.02352, se = 0.153362...
    const t = estimateArm({ kind: 'binary', n: 1000, successes: 120 }, 0.95);
    const c = estimateArm({ kind: 'binary', n: 1000, successes: 100 }, 0.95);
    const r = relativeLift(t, c, 0.95)!;
    expect(r.lift).toBeCloseTo(0.2, 12);
    const se = Math.sqrt(0.02352);
    expect(r.ci[0]).toBeCloseTo(0.2 - 1.959963984540054 * se, 10);
    expect(r.ci[1]).toBeCloseTo(0.2 + 1.959963984540054 * se, 10);
  });
  it('is left out when the control is not positive', () => {
    const t = estimateArm({ kind: 'nps', counts: { promoters: 10, passives: 5, detractors: 5 } }, 0.95);
    const c = estimateArm({ kind: 'nps', counts: { promoters: 5, passives: 5, detractors: 10 } }, 0.95);
    expect(relativeLift(t, c, 0.95)).toBeNull();
  });
});

describe('sample-ratio mismatch', () => {
  it('chi-square goodness of fit matches scipy.stats.chisquare; the planted 52/48 of 10,000 is below 0.001', () => {
    for (const r of ref.srm) {
      const g = chiSquareGoodnessOfFit(r.observed, r.shares);
      expect(Math.abs(g.statistic - r.statistic)).toBeLessThan(1e-9);
      expect(rel(g.pValue, r.p)).toBeLessThan(1e-9);
    }
    const planted = chiSquareGoodnessOfFit([5200, 4800], [50, 50]);
    expect(planted.statistic).toBe(16); // 2 × 200² / 5000
    expect(planted.pValue).toBeLessThan(0.001);
    expect(chiSquareGoodnessOfFit([5050, 4950], [1, 1]).pValue).toBeGreaterThan(0.001);
  });
});

describe('CUPED', () => {
  it('theta, the adjusted values and the variance reduction match numpy', () => {
    const c = ref.cuped;
    const r = cupedAdjust(Float64Array.from(c.y), Float64Array.from(c.x));
    expect(rel(r.theta, c.theta)).toBeLessThan(1e-12);
    for (let i = 0; i < 5; i++) expect(Math.abs(r.adjusted[i] - c.adjustedFirst[i])).toBeLessThan(1e-9);
    expect(Math.abs(r.varianceReduction - c.varianceReduction)).toBeLessThan(1e-12);
    // With the least-squares theta the reduction is corr(x, y)².
    expect(Math.abs(r.varianceReduction - c.corr2)).toBeLessThan(1e-12);
  });
  it('a constant covariate changes nothing', () => {
    const r = cupedAdjust(Float64Array.from([1, 2, 3]), Float64Array.from([5, 5, 5]));
    expect(r.theta).toBe(0);
    expect(Array.from(r.adjusted)).toEqual([1, 2, 3]);
  });
});

describe('Holm (by hand)', () => {
  it('multiplies the i-th smallest by (m − i + 1) and keeps the running maximum', () => {
    // p = 0.01, 0.04, 0.03 → sorted 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 = 0.04 → max-so-far 0.06.
    const a = holm([0.01, 0.04, 0.03]);
    expect(a[0]).toBeCloseTo(0.03, 15);
    expect(a[1]).toBeCloseTo(0.06, 15);
    expect(a[2]).toBeCloseTo(0.06, 15);
  });
});

describe("Cochran's Q", () => {
  it('matches the hand case (d = 1, 3; se 1, 1 → Q = 2, I² = 0.5) and scipy chi2.sf', () => {
    for (const r of ref.cochran) {
      const q = cochranQ(r.d, r.se)!;
      expect(Math.abs(q.q - r.q)).toBeLessThan(1e-9);
      expect(q.df).toBe(r.df);
      expect(rel(q.pValue, r.p)).toBeLessThan(1e-9);
      expect(Math.abs(q.pooled - r.pooled)).toBeLessThan(1e-12);
    }
    expect(cochranQ([1, 3], [1, 1])!.iSquared).toBeCloseTo(0.5, 15);
    expect(cochranQ([1], [1])).toBeNull();
  });
});

describe('planning calculator', () => {
  it('sample size per arm matches statsmodels NormalIndPower.solve_power', () => {
    for (const r of ref.plan) {
      const res = planExperiment(r.kind === 'binary' ? { kind: 'binary', baseline: r.baseline, mde: r.mde, alpha: r.alpha, power: r.power } : { kind: 'mean', sd: r.sd, mde: r.mde, alpha: r.alpha, power: r.power });
      if (r.kind === 'binary') expect(Math.abs(res.effectSize - r.h)).toBeLessThan(1e-12);
      expect(rel(res.nExact, r.n)).toBeLessThan(1e-6);
      expect(res.nPerArm).toBe(Math.ceil(r.n));
      // Our own solution reaches the power exactly.
      expect(Math.abs(powerOf(res.effectSize, res.nExact, r.alpha) - r.power)).toBeLessThan(1e-10);
    }
  });
  it('the reverse (effect for a given n) matches statsmodels', () => {
    for (const r of ref.planReverse) {
      const e = effectFor(r.n, r.alpha, r.power);
      expect(rel(e, r.effect)).toBeLessThan(1e-5); // statsmodels' own solver stops at power ≈ 1e-6 off the target
      expect(Math.abs(powerOf(e, r.n, r.alpha) - r.power)).toBeLessThan(1e-10);
      const res = planExperiment({ kind: 'binary', baseline: 0.1, n: r.n, alpha: r.alpha, power: r.power });
      expect(rel(res.baseline! + res.mde, r.rateFrom10)).toBeLessThan(1e-5);
      expect(cohensH(0.1, rateAtH(0.1, e)!)).toBeCloseTo(e, 12);
    }
    expect(sampleSizeFor(0, 0.05, 0.8)).toBe(Number.POSITIVE_INFINITY);
  });
  it('refuses a question without one of mde and n, or with an impossible rate', () => {
    expect(() => planExperiment({ kind: 'binary', baseline: 0.1 })).toThrow(/--mde.*--n/);
    expect(() => planExperiment({ kind: 'binary', baseline: 0.95, mde: 0.1 })).toThrow(/between 0 and 1/);
    expect(() => planExperiment({ kind: 'mean', mde: 1 })).toThrow(/--sd/);
  });
});
