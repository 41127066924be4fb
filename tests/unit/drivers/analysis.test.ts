// The pure key-driver analysis on hand-computed cases: orthogonal drivers (weights = squared correlations), the
// closed form for two correlated drivers, signs, the quadrant, warnings and errors, listwise deletion.
import { describe, expect, it } from 'vitest';
import { analyzeDrivers } from '../../../main/analysis/drivers/analyze';
import { quadrantOf, scaledMean } from '../../../main/analysis/drivers/quadrant';
import { createRng } from '../../../main/analysis/random';
import { inOrder, run } from './helpers';

const f64 = (values: number[]) => Float64Array.from(values);
/** The warnings beyond "no bootstrap was asked for" (run() defaults to no resamples). */
const substantive = (warnings: string[]) => warnings.filter((w) => !w.startsWith('No bootstrap resamples'));

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('hand-computed weights', () => {
  it('orthogonal drivers: each weight is the squared correlation (100/156 and 16/156)', () => {
    // x1 and x2 are balanced ±1 contrasts, uncorrelated. Σx1(y − ȳ) = 14 − 4 = 10, Σx2(y − ȳ) = 11 − 7 = 4,
    // Σx² = 8, Σ(y − ȳ)² = 60 − 8 × 2.25² = 19.5, so r1² = 100/156 and r2² = 16/156; R² = 116/156.
    const x1 = f64([1, 1, 1, 1, -1, -1, -1, -1]);
    const x2 = f64([1, 1, -1, -1, 1, 1, -1, -1]);
    const y = f64([5, 3, 4, 2, 1, 2, 0, 1]);
    const r = run(['x1', 'x2'], [x1, x2], y);
    const [a, b] = inOrder(r.drivers, ['x1', 'x2']);
    expect(a.weight).toBeCloseTo(100 / 156, 14);
    expect(b.weight).toBeCloseTo(16 / 156, 14);
    expect(r.r2).toBeCloseTo(116 / 156, 14);
    expect(a.share).toBeCloseTo(10000 / 116, 12);
    // Orthogonal drivers: the standardised betas are the correlations.
    expect(a.coefficient).toBeCloseTo(10 / Math.sqrt(156), 14);
    expect(b.coefficient).toBeCloseTo(4 / Math.sqrt(156), 14);
  });

  it('two correlated drivers follow the closed form of Λ* = R^(1/2) for a 2 × 2 correlation matrix', () => {
    const rng = createRng(11);
    const n = 200;
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x1[i] = rng.normal();
      x2[i] = 0.6 * x1[i] + rng.normal();
      y[i] = 0.5 * x1[i] - 0.8 * x2[i] + rng.normal();
    }
    // R = [[1, r], [r, 1]] has eigenvalues 1 ± r with vectors (1, ±1)/√2, so R^(1/2) = [[a, b], [b, a]] with
    // a = (√(1+r) + √(1−r))/2, b = (√(1+r) − √(1−r))/2, and β* = R^(−1/2) r_xy.
    const r = pearson(x1, x2);
    const r1 = pearson(x1, y);
    const r2 = pearson(x2, y);
    const a = (Math.sqrt(1 + r) + Math.sqrt(1 - r)) / 2;
    const b = (Math.sqrt(1 + r) - Math.sqrt(1 - r)) / 2;
    const det = a * a - b * b;
    const bz1 = (a * r1 - b * r2) / det;
    const bz2 = (-b * r1 + a * r2) / det;
    const w1 = a * a * bz1 * bz1 + b * b * bz2 * bz2;
    const w2 = b * b * bz1 * bz1 + a * a * bz2 * bz2;
    const result = run(['x1', 'x2'], [x1, x2], y);
    const [d1, d2] = inOrder(result.drivers, ['x1', 'x2']);
    expect(d1.weight).toBeCloseTo(w1, 12);
    expect(d2.weight).toBeCloseTo(w2, 12);
    // OLS R² of two predictors: (r1² + r2² − 2 r r1 r2) / (1 − r²); OLS betas (r1 − r r2)/(1 − r²), (r2 − r r1)/(1 − r²).
    expect(result.r2).toBeCloseTo((r1 * r1 + r2 * r2 - 2 * r * r1 * r2) / (1 - r * r), 12);
    expect(d1.coefficient).toBeCloseTo((r1 - r * r2) / (1 - r * r), 12);
    expect(d2.coefficient).toBeCloseTo((r2 - r * r1) / (1 - r * r), 12);
    expect(d1.sign).toBe(1);
    expect(d2.sign).toBe(-1);
  });

  it('lists drivers most important first, and their weights added in that order give r2 exactly', () => {
    const rng = createRng(5);
    const n = 300;
    const xs = [0.2, 0.9, 0.5].map(() => new Float64Array(n));
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs.forEach((x) => (x[i] = rng.normal()));
      y[i] = 0.2 * xs[0][i] + 0.9 * xs[1][i] + 0.5 * xs[2][i] + rng.normal();
    }
    const r = run(['small', 'big', 'middle'], xs, y);
    expect(r.drivers.map((d) => d.name)).toEqual(['big', 'middle', 'small']);
    expect(r.drivers.reduce((s, d) => s + d.weight, 0)).toBe(r.r2);
    expect(r.drivers.reduce((s, d) => s + d.share, 0)).toBeCloseTo(100, 12);
  });
});

describe('data handling', () => {
  it('deletes rows listwise after the missing codes, and says which columns cost the rows', () => {
    const x1 = f64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const x2 = f64([0, 1, 3, 2, 5, 4, 0, 6, 8, Number.NaN]);
    const y = f64([1, 3, 2, 5, 4, 6, 8, Number.NaN, 9, 10]);
    // Rows 0 and 6 have x2 = 0 (a missing code), row 9 a blank x2, row 7 a blank target: 6 rows remain.
    const r = run(['x1', 'x2'], [x1, x2], y, { missingCodes: [0] });
    expect(r.n).toBe(6);
    expect(r.excludedRows).toBe(4);
    expect(r.warnings[0]).toBe('4 of 10 rows (40.0%) were left out because the target or a driver was missing (the target in 1, "x2" in 3): the weights describe the remaining rows only.');
    const kept = [1, 2, 3, 4, 5, 8];
    const direct = run(['x1', 'x2'], [f64(kept.map((i) => x1[i])), f64(kept.map((i) => x2[i]))], f64(kept.map((i) => y[i])));
    expect(r.drivers).toEqual(direct.drivers);
  });

  it('leaves a constant driver out with a warning', () => {
    const rng = createRng(2);
    const n = 100;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const flat = new Float64Array(n).fill(3);
    const y = Float64Array.from(a, (v, i) => v + 0.5 * b[i] + rng.normal());
    const r = run(['a', 'flat', 'b'], [a, flat, b], y);
    expect(r.drivers.map((d) => d.name)).toEqual(['a', 'b']);
    expect(r.warnings).toContain('"flat" has the same value (3) in every analysed row, so it cannot explain anything; it was left out.');
    expect(r.drivers).toEqual(run(['a', 'b'], [a, b], y).drivers);
  });

  it('refuses perfectly collinear drivers, naming them', () => {
    const a = f64([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = f64([3, 1, 4, 1, 5, 9, 2, 6]);
    const twice = Float64Array.from(a, (v) => 2 * v + 1);
    const y = f64([2, 3, 3, 5, 6, 9, 7, 9]);
    expect(() => run(['a', 'b', 'twice'], [a, b, twice], y)).toThrow(/"a", "twice" are perfectly collinear/);
    const sum = Float64Array.from(a, (v, i) => v + b[i]);
    expect(() => run(['a', 'b', 'sum'], [a, b, sum], y)).toThrow(/"a", "b", "sum" are perfectly collinear.*Drop one of them/);
  });

  it('refuses a constant target, a non-binary logistic target, a one-sided binary target and too few rows', () => {
    const a = f64([1, 2, 3, 4, 5]);
    const b = f64([2, 1, 2, 1, 3]);
    expect(() => run(['a', 'b'], [a, b], f64([4, 4, 4, 4, 4]))).toThrow('The target has the same value (4) in every analysed row');
    expect(() => run(['a', 'b'], [a, b], f64([0, 1, 2, 1, 0]), { model: 'logistic' })).toThrow('A logistic model needs a 0/1 target; found the value 2.');
    expect(() => run(['a', 'b'], [a, b], f64([1, 1, 1, 1, 1]), { model: 'logistic' })).toThrow('The target is 1 in every analysed row');
    expect(() => run(['a', 'b'], [a, b], f64([1, Number.NaN, Number.NaN, Number.NaN, 2]))).toThrow('Only 2 of 5 rows have the target and every driver present');
    const c = f64([5, 3, 1, 2, 4]);
    const d = f64([1, 1, 2, 3, 5]);
    expect(() => run(['a', 'b', 'c', 'd'], [a, b, c, d], f64([1, 2, 3, 5, 4]))).toThrow('Only 5 complete rows for 4 drivers: a key-driver model needs at least 6');
  });
});

describe('warnings', () => {
  function correlated(n: number, rho: number, seed: number) {
    const rng = createRng(seed);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const c = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = rng.normal();
      b[i] = rho * a[i] + Math.sqrt(1 - rho * rho) * rng.normal();
      c[i] = rng.normal();
      y[i] = a[i] + b[i] + c[i] + rng.normal();
    }
    return { a, b, c, y };
  }

  it('names a highly correlated pair and the drivers with VIF > 5', () => {
    const { a, b, c, y } = correlated(400, 0.95, 3);
    const r = run(['a', 'b', 'c'], [a, b, c], y);
    const rab = pearson(a, b);
    const vif = 1 / (1 - rab * rab); // with c nearly uncorrelated, VIF(a) ≈ VIF(b) ≈ 1/(1 − r²) ≈ 10
    expect(r.warnings.find((w) => w.startsWith('"a" and "b" are highly correlated'))).toContain(`r = ${rab.toFixed(2)}`);
    expect(r.warnings.some((w) => w.startsWith('"a" is largely explained by the other drivers (VIF'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('"b" is largely explained'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('"c" is largely explained'))).toBe(false);
    expect(vif).toBeGreaterThan(5);
    expect(r.warnings.some((w) => w.includes('rows'))).toBe(false);
  });

  it('no collinearity warning below r = 0.8 and VIF 5', () => {
    const { a, b, c, y } = correlated(400, 0.6, 4);
    expect(substantive(run(['a', 'b', 'c'], [a, b, c], y).warnings)).toEqual([]);
  });

  it('warns below 50 rows and below 10 rows per driver', () => {
    const { a, b, c, y } = correlated(25, 0.3, 5);
    const r = run(['a', 'b', 'c'], [a, b, c], y);
    expect(r.warnings).toContain('Only 25 complete rows: with fewer than 50 the weights and their intervals are unstable; treat them as a first look.');
    expect(r.warnings).toContain('25 rows for 3 drivers is fewer than 10 rows per driver: drop the least relevant drivers or collect more answers.');
    const big = correlated(60, 0.3, 6);
    expect(substantive(run(['a', 'b', 'c'], [big.a, big.b, big.c], big.y).warnings)).toEqual([]);
  });

  it('flags separation in a logistic model and still returns finite weights', () => {
    const rng = createRng(8);
    const n = 80;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const noise = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => (v > 0 ? 1 : 0)); // x alone predicts y perfectly
    const r = run(['x', 'noise'], [x, noise], y, { model: 'logistic', bootstrap: 20 });
    expect(r.warnings.some((w) => w.startsWith('The logistic regression shows separation'))).toBe(true);
    expect(r.drivers.every((d) => Number.isFinite(d.weight) && d.ci.every(Number.isFinite))).toBe(true);
    expect(r.drivers[0].name).toBe('x');
  });
});

describe('quadrant', () => {
  it('cuts at the mean share and mean scaled performance; a value on a cut counts as high', () => {
    const cuts = { share: 25, performance: 0.5 };
    expect(quadrantOf(40, 0.2, cuts)).toBe('improve first');
    expect(quadrantOf(40, 0.8, cuts)).toBe('key strength');
    expect(quadrantOf(10, 0.8, cuts)).toBe('maintain');
    expect(quadrantOf(10, 0.2, cuts)).toBe('low priority');
    expect(quadrantOf(25, 0.5, cuts)).toBe('key strength');
  });

  it('scales a mean to 0–1 of the observed range', () => {
    expect(scaledMean(f64([1, 2, 3, 5]))).toEqual({ mean: 2.75, scaled: 0.4375 });
    expect(scaledMean(f64([2, 2]))).toEqual({ mean: 2, scaled: 0.5 });
  });

  it('puts planted drivers where they belong, and flips a higher-is-worse driver', () => {
    // 1–5 ratings: "strong_high" and "strong_low" drive the score hard, "weak_high" and "weak_low" barely;
    // the *_high ones are rated mostly 4–5, the *_low ones mostly 1–2. "wait" lowers the score and is mostly low,
    // so flipped it performs well.
    const rng = createRng(21);
    const n = 2000;
    const rating = (high: boolean) => (high ? rng.weighted([1, 3, 4, 5], [0.05, 0.1, 0.35, 0.5]) : rng.weighted([1, 2, 3, 5], [0.5, 0.35, 0.1, 0.05]));
    const names = ['strong_high', 'strong_low', 'weak_high', 'weak_low', 'wait'];
    const x = names.map(() => new Float64Array(n));
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[0][i] = rating(true);
      x[1][i] = rating(false);
      x[2][i] = rating(true);
      x[3][i] = rating(false);
      x[4][i] = rating(false);
      y[i] = x[0][i] + x[1][i] + 0.1 * x[2][i] + 0.1 * x[3][i] - 0.9 * x[4][i] + rng.normal();
    }
    const r = run(names, x, y);
    const byName = Object.fromEntries(r.drivers.map((d) => [d.name, d]));
    expect(byName.strong_high.quadrant).toBe('key strength');
    expect(byName.strong_low.quadrant).toBe('improve first');
    expect(byName.weak_high.quadrant).toBe('maintain');
    expect(byName.weak_low.quadrant).toBe('low priority');
    // wait: negative coefficient, mean low → flipped performance high; important (≈ 0.9² of the variance share).
    const wait = byName.wait;
    const { mean, scaled } = scaledMean(x[4]);
    expect(wait.sign).toBe(-1);
    expect(wait.performance).toBe(mean);
    expect(wait.performanceScaled).toBeCloseTo(1 - scaled, 15);
    expect(wait.quadrant).toBe('key strength');
    expect(r.warnings).toContain('Higher is worse for "wait" (higher values go with a lower target): in the quadrant their performance is flipped (1 − scaled mean), so high performance still means doing well.');
    expect(wait.effect).toBe('Higher "wait" goes with a lower target (worse).');
    expect(byName.strong_low.effect).toBe('Lower "strong_low" goes with a lower target (worse).');
    expect(r.quadrantCuts.share).toBeCloseTo(20, 12);
    expect(r.quadrantCuts.performance).toBeCloseTo(r.drivers.reduce((s, d) => s + d.performanceScaled, 0) / 5, 15);
  });

  it('for a "worse is 1" target (detractor), flips the drivers with a positive coefficient instead', () => {
    const rng = createRng(9);
    const n = 1500;
    const good = new Float64Array(n);
    const bad = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      good[i] = rng.int(1, 5);
      bad[i] = rng.int(1, 5);
      const logit = -1.5 * (good[i] - 3) + 0.8 * (bad[i] - 3);
      y[i] = rng.chance(1 / (1 + Math.exp(-logit))) ? 1 : 0;
    }
    const r = run(['good', 'bad'], [good, bad], y, { model: 'logistic', targetHigherIsBetter: false });
    const [g, b] = inOrder(r.drivers, ['good', 'bad']);
    expect(g.sign).toBe(-1);
    expect(b.sign).toBe(1);
    expect(g.performanceScaled).toBeCloseTo(scaledMean(good).scaled, 15);
    expect(b.performanceScaled).toBeCloseTo(1 - scaledMean(bad).scaled, 15);
    expect(substantive(r.warnings)).toEqual(['Higher is worse for "bad" (higher values go with more of the outcome to avoid): in the quadrant their performance is flipped (1 − scaled mean), so high performance still means doing well.']);
    expect(b.effect).toBe('Higher "bad" goes with a higher target (worse).');
    expect(g.effect).toBe('Lower "good" goes with a higher target (worse).');
  });
});

describe('progress and cancel', () => {
  it('without resamples each interval is the estimate, and says so', () => {
    const r = run(['x1', 'x2'], [f64([1, 2, 3, 4, 5, 6]), f64([2, 1, 2, 1, 2, 3])], f64([1, 2, 4, 3, 6, 5]));
    expect(r.warnings).toContain('No bootstrap resamples were asked for, so each interval is just the estimate.');
    for (const d of r.drivers) {
      expect(d.ci).toEqual([d.weight, d.weight]);
      expect(d.shareCi).toEqual([d.share, d.share]);
    }
  });

  it('reports bootstrap progress and stops when cancelled', () => {
    const a = f64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = f64([2, 1, 4, 3, 6, 5, 8, 7, 10, 9]);
    const y = f64([1, 3, 2, 5, 4, 6, 8, 7, 9, 10]);
    const seen: number[] = [];
    analyzeDrivers({ names: ['a', 'b'], x: [a, b], y, model: 'linear', targetHigherIsBetter: true, bootstrap: 30, seed: 1, level: 0.9, onProgress: (phase, done) => phase === 'bootstrap' && seen.push(done) });
    expect(seen).toEqual([10, 20, 30]);
    let calls = 0;
    expect(() =>
      analyzeDrivers({ names: ['a', 'b'], x: [a, b], y, model: 'linear', targetHigherIsBetter: true, bootstrap: 30, seed: 1, level: 0.9, isCancelled: () => ++calls > 5 }),
    ).toThrow('cancelled');
  });
});
