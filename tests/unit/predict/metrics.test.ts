// Validation metrics against scikit-learn 1.2.1 (numpy 1.24.2, scipy 1.10.1): tests/fixtures/predict/metrics.json,
// written by /usr/bin/python3 tests/fixtures/predict/make_metrics.py. The labels and probabilities are generated
// there (numpy default_rng(2024)) and stored in the JSON; the references are sklearn's roc_auc_score,
// average_precision_score, log_loss (eps='auto'), brier_score_loss, roc_curve(drop_intermediate=False),
// precision_recall_curve and calibration_curve(n_bins=10, strategy='uniform'), and an independent DeLong written in
// the script from the 1988 paper's placement-value definitions (O(m·n) pairwise kernel ψ), which the app's
// Sun & Xu (2014) midrank algorithm must reproduce. Cases: 'smooth' (400 rows, no ties, two correlated models for
// the paired test), 'ties' (250 rows rounded to one decimal: ties, and probabilities exactly on the bin edges),
// 'tiny' (12 hand-written rows), 'extreme' (probabilities 0, 1 and 1e-17: log-loss clipping).
// ECE and the no-skill baseline are checked on hand-computed cases (numbers worked out in the comments).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delongAuc, delongPaired } from '../../../main/analysis/predict/delong';
import {
  averagePrecision,
  brierScore,
  logLoss,
  noSkillBaseline,
  precisionRecallCurve,
  reliability,
  rocAuc,
  rocCurve,
} from '../../../main/analysis/predict/metrics';

interface Interval {
  auc: number;
  variance: number;
  se: number;
  ci: [number, number];
  ciPlain: [number, number];
}
interface Case {
  y: number[];
  p: number[];
  p2?: number[];
  auc: number;
  auc2?: number;
  averagePrecision: number;
  logLoss: number;
  brier: number;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
  calibration: { observed: number[]; predicted: number[] };
  delong: Interval;
  paired?: { auc1: number; auc2: number; difference: number; variance: number; z: number; p: number; ci: [number, number]; correlation: number };
}
const REF = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'predict', 'metrics.json'), 'utf8')) as Record<
  'smooth' | 'ties' | 'tiny' | 'extreme',
  Case
> & { sklearn: string };

const near = (actual: number, expected: number, tol: number, what = '') =>
  expect(Math.abs(actual - expected), `${what} ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe.each(['smooth', 'ties', 'tiny', 'extreme'] as const)('metrics on the %s case vs scikit-learn', (name) => {
  const c = REF[name];
  const y = Uint8Array.from(c.y);
  const p = Float64Array.from(c.p);

  it('ROC AUC, average precision, log loss and Brier score equal sklearn to 1e-12', () => {
    near(rocAuc(y, p), c.auc, 1e-12, 'auc');
    near(averagePrecision(y, p), c.averagePrecision, 1e-12, 'ap');
    near(logLoss(y, p), c.logLoss, 1e-12, 'log loss');
    near(brierScore(y, p), c.brier, 1e-12, 'brier');
  });

  it('ROC and precision–recall curves have sklearn’s points at every distinct threshold', () => {
    const roc = rocCurve(y, p);
    expect(roc.length).toBe(c.roc.fpr.length);
    roc.forEach((pt, k) => {
      near(pt.x, c.roc.fpr[k], 1e-15, `fpr ${k}`);
      near(pt.y, c.roc.tpr[k], 1e-15, `tpr ${k}`);
      if (k > 0) expect(pt.threshold).toBe(c.roc.thresholds[k - 1]);
    });
    // sklearn stops the PR curve at the first threshold reaching full recall; ours continues to the lowest score.
    const pr = precisionRecallCurve(y, p).slice(0, c.pr.recall.length);
    pr.forEach((pt, k) => {
      near(pt.x, c.pr.recall[k], 1e-15, `recall ${k}`);
      near(pt.y, c.pr.precision[k], 1e-15, `precision ${k}`);
      expect(pt.threshold).toBe(c.pr.thresholds[k]);
    });
  });

  it('reliability bins equal sklearn calibration_curve (uniform, 10 bins) on the non-empty bins', () => {
    const r = reliability(y, p);
    const filled = r.bins.filter((b) => b.count > 0);
    expect(filled.length).toBe(c.calibration.observed.length);
    filled.forEach((b, k) => {
      near(b.observedRate!, c.calibration.observed[k], 1e-12, `observed ${k}`);
      near(b.meanPredicted!, c.calibration.predicted[k], 1e-12, `predicted ${k}`);
    });
    expect(r.bins.reduce((s, b) => s + b.count, 0)).toBe(y.length);
  });

  it('DeLong variance and both intervals equal the 1988 placement-value computation to 1e-12', () => {
    const d = delongAuc(y, p);
    near(d.auc, c.delong.auc, 1e-12, 'auc');
    near(d.variance, c.delong.variance, 1e-12, 'variance');
    near(d.se, c.delong.se, 1e-12, 'se');
    near(d.ci[0], c.delong.ci[0], 1e-12, 'ci low');
    near(d.ci[1], c.delong.ci[1], 1e-12, 'ci high');
    near(d.ciPlain[0], c.delong.ciPlain[0], 1e-12, 'plain low');
    near(d.ciPlain[1], c.delong.ciPlain[1], 1e-12, 'plain high');
    // The logit interval is asymmetric around the AUC and stays inside (0, 1).
    expect(d.ci[0]).toBeGreaterThan(0);
    expect(d.ci[1]).toBeLessThan(1);
    expect(d.ci[0]).toBeLessThan(d.auc);
    expect(d.ci[1]).toBeGreaterThan(d.auc);
  });
});

describe('DeLong paired test', () => {
  const c = REF.smooth;
  const y = Uint8Array.from(c.y);
  const p1 = Float64Array.from(c.p);
  const p2 = Float64Array.from(c.p2!);
  const ref = c.paired!;

  it('matches the independent computation (difference, variance, z, p, CI, correlation) to 1e-12', () => {
    const t = delongPaired(y, p1, p2);
    near(t.auc1, ref.auc1, 1e-12);
    near(t.auc2, c.auc2!, 1e-12, 'auc2 vs sklearn');
    near(t.difference, ref.difference, 1e-12);
    near(t.variance, ref.variance, 1e-12);
    near(t.z, ref.z, 1e-10, 'z');
    near(t.p, ref.p, 1e-10, 'p');
    near(t.ci[0], ref.ci[0], 1e-12);
    near(t.ci[1], ref.ci[1], 1e-12);
    near(t.correlation, ref.correlation, 1e-10);
    // 0.758 vs 0.714 on 400 rows is not a significant difference (p ≈ 0.103).
    expect(t.p).toBeGreaterThan(0.05);
  });

  it('is antisymmetric and has nothing to test for identical rankings', () => {
    const a = delongPaired(y, p1, p2);
    const b = delongPaired(y, p2, p1);
    expect(b.difference).toBe(-a.difference);
    near(b.z, -a.z, 1e-12);
    expect(b.p).toBe(a.p);
    // A monotone transform (log-odds) ranks identically: same AUC, zero variance of the difference.
    const same = delongPaired(y, p1, p1.map((v) => Math.log(v / (1 - v))));
    expect(same.difference).toBe(0);
    expect(same.z).toBe(0);
    expect(same.p).toBe(1);
  });
});

describe('metrics: hand-computed cases and edge cases', () => {
  it('ECE and MCE on ten rows', () => {
    // Bins: [0,.1] {0.05 → y 0}: gap .05; (.1,.2] {.15, .15 → y 0, 1}: obs .5, gap .35;
    // (.3,.4] {.35 ×4 → y 0,1,0,0}: obs .25, gap .10; (.8,.9] {.85 → 1}: gap .15; (.9,1] {.95 ×2 → 1, 1}: gap .05.
    // ECE = .1·.05 + .2·.35 + .4·.10 + .1·.15 + .2·.05 = .14; MCE = .35.
    const p = Float64Array.of(0.05, 0.15, 0.15, 0.35, 0.35, 0.35, 0.35, 0.85, 0.95, 0.95);
    const y = Uint8Array.of(0, 0, 1, 0, 1, 0, 0, 1, 1, 1);
    const r = reliability(y, p);
    near(r.ece, 0.14, 1e-15, 'ece');
    near(r.mce, 0.35, 1e-15, 'mce');
    expect(r.bins.map((b) => b.count)).toEqual([1, 2, 0, 4, 0, 0, 0, 0, 1, 2]);
    expect(r.bins[2]).toEqual({ lower: 0.2, upper: 0.30000000000000004, count: 0, meanPredicted: null, observedRate: null });
    // A value on an edge belongs to the bin below it (sklearn's searchsorted side='left'); 0 and 1 are in the end bins.
    const edges = reliability(Uint8Array.of(0, 1, 0, 1), Float64Array.of(0, 0.1, 0.2, 1));
    expect(edges.bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    // Perfectly calibrated bins: ECE 0.
    near(reliability(Uint8Array.of(0, 1, 0, 0), Float64Array.of(0.25, 0.25, 0.25, 0.25)).ece, 0, 1e-16);
  });

  it('the no-skill baseline predicts the training prevalence', () => {
    // y = 1,0,0,0 and π = .25: Brier = (.75² + 3·.25²)/4 = .1875 = π(1 − π); log loss = −(ln .25 + 3 ln .75)/4.
    const b = noSkillBaseline(Uint8Array.of(1, 0, 0, 0), 0.25);
    expect(b.auc).toBe(0.5);
    expect(b.averagePrecision).toBe(0.25);
    near(b.brier, 0.1875, 1e-16);
    near(b.logLoss, -(Math.log(0.25) + 3 * Math.log(0.75)) / 4, 1e-15);
    // sklearn gives a constant score AUC ½ and AP = prevalence too.
    expect(rocAuc(Uint8Array.of(1, 0, 0, 0), new Float64Array(4).fill(0.25))).toBe(0.5);
    expect(averagePrecision(Uint8Array.of(1, 0, 0, 0), new Float64Array(4).fill(0.25))).toBe(0.25);
  });

  it('a perfect ranking has AUC 1 and a degenerate interval; an inverted one 0', () => {
    const y = Uint8Array.of(0, 0, 1, 1);
    const d = delongAuc(y, Float64Array.of(0.1, 0.2, 0.8, 0.9));
    expect(d.auc).toBe(1);
    expect(d.ci).toEqual([1, 1]);
    expect(rocAuc(y, Float64Array.of(0.9, 0.8, 0.2, 0.1))).toBe(0);
  });

  it('refuses input it cannot score', () => {
    expect(() => rocAuc(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.3))).toThrow(/no negative rows/);
    expect(() => rocAuc(Uint8Array.of(1, 0), Float64Array.of(0.2))).toThrow(/1 values for 2 labels/);
    expect(() => rocAuc(Uint8Array.of(1, 0), Float64Array.of(0.2, Number.NaN))).toThrow(/must be finite; row 1/);
    expect(() => logLoss(Uint8Array.of(1, 0), Float64Array.of(1.2, 0.3))).toThrow(/must lie in \[0, 1\]; row 0 is 1.2/);
    expect(() => brierScore(Uint8Array.of(1, 3), Float64Array.of(0.2, 0.3))).toThrow(/must be 0 or 1; row 1 is 3/);
    expect(() => delongAuc(Uint8Array.of(1, 0), Float64Array.of(0.2, 0.1), 95)).toThrow(/confidence level/);
    expect(() => noSkillBaseline(Uint8Array.of(1, 0), 0)).toThrow(/prevalence/);
    expect(() => reliability(Uint8Array.of(1, 0), Float64Array.of(0.2, 0.1), 0)).toThrow(/positive integer/);
  });
});
