// Relative weights against references: the published output of the rwa R package (README:
// rwa(mtcars, "mpg", c("cyl", "disp", "hp", "gear"))) at its printed precision, and full-precision values from an
// independent R implementation of the published algorithms (tests/fixtures/drivers/make_fixtures.R: base R
// eigen/svd/lm/glm) to 1e-6 — in practice they agree to ~1e-12. The weights sum to r2 exactly and r2 is R's OLS R².
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, inOrder, numbers, readCsv, REFERENCE, run, type LinearReference, type LogisticReference } from './helpers';

const mtcars = readCsv(join(FIXTURES, 'mtcars.csv'));
const planted = readCsv(join(FIXTURES, 'planted.csv'));

function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

function expectClose(actual: number[], expected: number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `index ${i}: ${a} vs ${expected[i]}`).toBeLessThan(tol));
}

function checkLinear(cols: Map<string, Float64Array | string[]>, target: string, ref: LinearReference) {
  const r = run(ref.drivers, ref.drivers.map((d) => numbers(cols, d)), numbers(cols, target));
  const ds = inOrder(r.drivers, ref.drivers);
  expect(r.n).toBe(ref.n);
  expectClose(ds.map((d) => d.weight), ref.weights, 1e-6);
  expectClose(ds.map((d) => d.weight), ref.weights, 1e-10);
  expect(Math.abs(r.r2 - ref.olsR2)).toBeLessThan(1e-10);
  // r2 is the sum of the weights, to the last bit.
  expect(sum(ds.map((d) => d.weight))).toBeCloseTo(r.r2, 12);
  expectClose(ds.map((d) => d.coefficient), ref.beta, 1e-10);
  expect(ds.map((d) => d.sign)).toEqual(ref.beta.map((b) => Math.sign(b)));
  expectClose(ds.map((d) => d.share), ref.weights.map((w) => (100 * w) / ref.r2), 1e-8);
  return r;
}

describe('linear relative weights (Johnson 2000)', () => {
  it('reproduces the rwa package README for mtcars: mpg ~ cyl, disp, hp, gear', () => {
    const names = ['cyl', 'disp', 'hp', 'gear'];
    const r = run(names, names.map((d) => numbers(mtcars, d)), numbers(mtcars, 'mpg'));
    const ds = inOrder(r.drivers, names);
    // Published (7 significant digits): R² 0.7791896; raw weights and rescaled %, signs - - - +.
    expect(r.r2).toBeCloseTo(0.7791896, 7);
    expectClose(ds.map((d) => d.weight), [0.2284797, 0.2221469, 0.2321744, 0.0963886], 5e-8);
    expectClose(ds.map((d) => d.share), [29.32274, 28.50999, 29.79691, 12.37037], 5e-6);
    expect(ds.map((d) => d.sign)).toEqual([-1, -1, -1, 1]);
    // Sorted by weight: hp, cyl, disp, gear.
    expect(r.drivers.map((d) => d.name)).toEqual(['hp', 'cyl', 'disp', 'gear']);
  });

  it('matches the R reference on mtcars (4 drivers)', () => {
    checkLinear(mtcars, 'mpg', REFERENCE.mtcars_mpg_4);
  });

  it('matches the R reference on mtcars with 6 collinear drivers, and names the collinearity', () => {
    const r = checkLinear(mtcars, 'mpg', REFERENCE.mtcars_mpg_6);
    // cyl–disp r = 0.90, disp–wt 0.89, ...; VIFs of disp 10.6 and cyl 10.0 (R reference) exceed 5.
    expect(r.warnings.some((w) => w.includes('"disp" and "cyl"') && w.includes('r = 0.90'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('"disp" is largely explained') && w.includes('VIF 10.6'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('"drat" is largely explained'))).toBe(false); // VIF 2.97
  });

  it('matches the R reference on the planted data after listwise deletion (c blank on 20 rows)', () => {
    const ref = REFERENCE.planted_linear;
    const r = checkLinear(planted, 'score', ref);
    expect(r.excludedRows).toBe(ref.excluded);
    expect(r.excludedRows).toBe(20);
    // Planted: score = 1.0 a + 0.6 b + 0.3 c + 0 d − 0.5 e.
    expect(r.drivers.map((d) => d.name)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(inOrder(r.drivers, ['e'])[0].sign).toBe(-1);
  });
});

function checkLogistic(cols: Map<string, Float64Array | string[]>, target: string, ref: LogisticReference, x?: Float64Array[], y?: Float64Array) {
  expect(ref.converged).toBe(true);
  const r = run(ref.drivers, x ?? ref.drivers.map((d) => numbers(cols, d)), y ?? numbers(cols, target), { model: 'logistic' });
  const ds = inOrder(r.drivers, ref.drivers);
  expect(r.n).toBe(ref.n);
  expectClose(ds.map((d) => d.weight), ref.weights, 1e-6);
  expectClose(ds.map((d) => d.weight), ref.weights, 1e-9);
  expect(Math.abs(r.r2 - ref.rsq)).toBeLessThan(1e-9);
  expect(sum(ds.map((d) => d.weight))).toBeCloseTo(r.r2, 12);
  expectClose(ds.map((d) => d.coefficient), ref.beta, 1e-9);
  return r;
}

describe('logistic relative weights (Tonidandel & LeBreton 2010)', () => {
  it('matches the R reference on mtcars: vs ~ mpg, hp, wt', () => {
    const r = checkLogistic(mtcars, 'vs', REFERENCE.mtcars_vs_logistic);
    expect(r.warnings.some((w) => w.includes('separation'))).toBe(false);
    // 32 rows, 14 with vs = 1: both small-n warnings apply.
    expect(r.warnings.some((w) => w.startsWith('Only 32 complete rows'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('Only 14 rows have the rarer outcome'))).toBe(true);
  });

  it('matches the R reference on the planted binary outcome', () => {
    const r = checkLogistic(planted, 'promoter', REFERENCE.planted_logistic);
    expect(r.excludedRows).toBe(20);
    expect(r.drivers.map((d) => d.name).slice(0, 2)).toEqual(['a', 'b']);
  });
});
