// Platt scaling and isotonic calibration against scikit-learn 1.2.1 (scipy 1.10.1, numpy 1.24.2):
// tests/fixtures/predict/calibration.json, written by /usr/bin/python3 tests/fixtures/predict/make_calibration.py
// from scores and labels it generates (numpy default_rng(11)) and stores.
//   Platt: sklearn.calibration._sigmoid_calibration → (A, B) and _SigmoidCalibration.predict. sklearn stops its
//   fmin_bfgs at gtol 1e-5, so the script also polishes the same objective with numpy Newton steps ('optimum',
//   |gradient| ≤ 8e-15) and stores sklearnGap, sklearn's own distance from it: 5.4e-10 and 7.7e-10 on 'smooth' and
//   'ties', 4.5e-8 on 'separable'. We match the optimum to 1e-9 everywhere and sklearn to 1e-9 where sklearn itself
//   got that close (on 'separable' to 1e-7, sklearn's own accuracy there).
//   Isotonic: IsotonicRegression(out_of_bounds='clip') X_thresholds_, y_thresholds_ and predict() on the training
//   scores and on new ones (outside the range, on knots, between knots), to 1e-9.
// Cases: 'smooth' (300 continuous scores), 'ties' (200 scores rounded to 0.5, plus two pairs 4.4e-16 and 2.2e-16
// apart that sklearn merges), 'separable' (40 rows, classes perfectly separated).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCalibration, fitIsotonic, fitPlatt } from '../../../main/analysis/predict/calibration';

interface Case {
  score: number[];
  y: number[];
  new: number[];
  platt: { a: number; b: number; optimum: [number, number]; sklearnGap: number; predictNew: number[] };
  isotonic: { x: number[]; y: number[]; predictNew: number[]; predictTrain: number[] };
}
const REF = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'predict', 'calibration.json'), 'utf8')) as Record<
  'smooth' | 'ties' | 'separable',
  Case
>;

const near = (actual: number, expected: number, tol: number, what = '') =>
  expect(Math.abs(actual - expected), `${what} ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe.each(['smooth', 'ties', 'separable'] as const)('calibration on the %s case vs scikit-learn', (name) => {
  const c = REF[name];
  const score = Float64Array.from(c.score);
  const y = Uint8Array.from(c.y);

  it('Platt scaling finds the optimum of sklearn’s objective (to 1e-9) and sklearn’s A, B as far as sklearn converged', () => {
    const platt = fitPlatt(score, y);
    near(platt.a, c.platt.optimum[0], 1e-9, 'A vs optimum');
    near(platt.b, c.platt.optimum[1], 1e-9, 'B vs optimum');
    const sklearnTol = name === 'separable' ? 1e-7 : 1e-9;
    expect(c.platt.sklearnGap).toBeLessThan(sklearnTol);
    near(platt.a, c.platt.a, sklearnTol, 'A vs sklearn');
    near(platt.b, c.platt.b, sklearnTol, 'B vs sklearn');
    const p = applyCalibration(platt, Float64Array.from(c.new));
    c.platt.predictNew.forEach((v, k) => near(p[k], v, sklearnTol, `predict ${c.new[k]}`));
    expect(platt.a).toBeLessThan(0); // higher score → higher probability
    expect(platt.iterations).toBeLessThan(20);
  });

  it('isotonic regression has sklearn’s knots and predictions to 1e-9', () => {
    const iso = fitIsotonic(score, y);
    expect(iso.x.length).toBe(c.isotonic.x.length);
    c.isotonic.x.forEach((v, k) => expect(iso.x[k]).toBe(v));
    c.isotonic.y.forEach((v, k) => near(iso.y[k], v, 1e-9, `knot ${k}`));
    const onNew = applyCalibration(iso, Float64Array.from(c.new));
    c.isotonic.predictNew.forEach((v, k) => near(onNew[k], v, 1e-9, `predict ${c.new[k]}`));
    const onTrain = applyCalibration(iso, score);
    c.isotonic.predictTrain.forEach((v, k) => near(onTrain[k], v, 1e-9, `train row ${k}`));
    // Non-decreasing, within [0, 1].
    for (let k = 1; k < iso.y.length; k++) expect(iso.y[k]).toBeGreaterThanOrEqual(iso.y[k - 1]);
    expect(iso.y[0]).toBeGreaterThanOrEqual(0);
    expect(iso.y[iso.y.length - 1]).toBeLessThanOrEqual(1);
  });
});

describe('calibration: small cases by hand', () => {
  it('isotonic pools adjacent violators into their mean', () => {
    // Scores 1..6 with labels 1,0,0,1,0,1: PAV pools (1,0,0) → 1/3 and (1,0) → 1/2; the last stays 1.
    const iso = fitIsotonic(Float64Array.of(1, 2, 3, 4, 5, 6), Uint8Array.of(1, 0, 0, 1, 0, 1));
    // Interior points of flat runs are dropped: knots 1, 3 (end of the 1/3 run), 4, 5, 6.
    expect(Array.from(iso.x)).toEqual([1, 3, 4, 5, 6]);
    expect(Array.from(iso.y)).toEqual([1 / 3, 1 / 3, 0.5, 0.5, 1]);
    // Between knots 3 and 4: linear, 1/3 + (3.5 − 3)·(1/2 − 1/3) = 5/12; outside the range: clipped.
    const p = applyCalibration(iso, Float64Array.of(0, 2, 3.5, 5.5, 99));
    expect(p[0]).toBe(1 / 3);
    expect(p[1]).toBe(1 / 3);
    near(p[2], 5 / 12, 1e-15);
    near(p[3], 0.75, 1e-15);
    expect(p[4]).toBe(1);
  });

  it('tied scores are averaged before pooling', () => {
    // Score 1: labels 0, 1 → ½; score 2: 0 → pooled with ½: (½·2 + 0·1)/3 = 1/3; score 3: 1.
    const iso = fitIsotonic(Float64Array.of(2, 1, 3, 1), Uint8Array.of(0, 1, 1, 0));
    expect(Array.from(iso.y)).toEqual([1 / 3, 1 / 3, 1]);
  });

  it('Platt’s smoothed targets keep a perfectly separating score finite', () => {
    // Without the (N+1)/(N+2) targets the likelihood would grow without bound as A → −∞.
    const platt = fitPlatt(Float64Array.of(-2, -1, 1, 2), Uint8Array.of(0, 0, 1, 1));
    expect(Number.isFinite(platt.a)).toBe(true);
    const p = applyCalibration(platt, Float64Array.of(-2, 2));
    // The targets are 1/4 and 3/4; symmetric data → B = 0 and P(−2) = 1 − P(2).
    near(platt.b, 0, 1e-12);
    near(p[0] + p[1], 1, 1e-12);
    expect(p[1]).toBeLessThan(1);
  });

  it('refuses what cannot be calibrated', () => {
    expect(() => fitPlatt(Float64Array.of(1, 1, 1), Uint8Array.of(0, 1, 0))).toThrow(/scores that vary/);
    expect(() => fitIsotonic(Float64Array.of(1, 2), Uint8Array.of(1, 1))).toThrow(/no negative rows/);
    expect(() => fitPlatt(Float64Array.of(1, Number.NaN), Uint8Array.of(0, 1))).toThrow(/finite/);
    const constant = fitIsotonic(Float64Array.of(5, 5, 5, 5), Uint8Array.of(0, 1, 1, 1));
    expect(Array.from(applyCalibration(constant, Float64Array.of(-1, 5, 8)))).toEqual([0.75, 0.75, 0.75]);
  });
});
