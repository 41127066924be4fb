// Exact path-dependent TreeSHAP against brute-force Shapley values: every subset S of the features is enumerated and
// the game v(S) = baseMargin + Σ_trees E[f(x) | x_S] with the path-dependent expectation (follow x at splits on S,
// else average the children by cover) is evaluated directly (tests/fixtures/predict/gbdt/helpers.ts); φ_j then
// follows from the Shapley formula. ≤ 6 features for the fitted models (64 subsets), 14 for the deep-path case; a
// 32-feature path is checked against Owen's integral of the multilinear extension, expanded exactly (helpers.ts).
// Also: a two-feature tree worked by hand, additivity on a 100-tree model, both algorithms (tables and the
// textbook recursion) agreeing, and the refusals.
import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';
import { predictRawMargin, type GbdtTree, type TreeEnsemble } from '../../../main/analysis/predict/gbdt/model';
import { expectedMargin, meanAbsShap, treeShap, type ShapCover } from '../../../main/analysis/predict/treeshap';
import { createRng } from '../../../main/analysis/random';
import { bruteForceShap, owenShap } from '../../fixtures/predict/gbdt/helpers';

function data(n: number, nf: number, seed: number): { X: Float64Array[]; y: Uint8Array } {
  const rng = createRng(seed);
  const X = Array.from({ length: nf }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < nf; f++) X[f][i] = f === 2 ? rng.int(0, 3) : rng.normal();
    const logit = X[0][i] - 0.7 * X[1][i] * X[2][i] + 0.5 * Math.abs(X[3 % nf][i]);
    if (rng.next() < 0.15) X[1][i] = NaN;
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y };
}

function rowOf(X: Float64Array[], i: number): number[] {
  return X.map((c) => c[i]);
}

function expectMatchesBruteForce(model: TreeEnsemble, X: Float64Array[], rows: number[], cover: ShapCover, method: 'table' | 'recursive'): number {
  const shap = treeShap(model, X, { rows, cover, method });
  let worst = 0;
  rows.forEach((i, r) => {
    const ref = bruteForceShap(model, rowOf(X, i), cover);
    expect(Math.abs(shap.base - ref.base)).toBeLessThan(1e-12);
    for (let j = 0; j < model.nFeatures; j++) worst = Math.max(worst, Math.abs(shap.values[r * model.nFeatures + j] - ref.phi[j]));
  });
  expect(worst).toBeLessThan(1e-9);
  return worst;
}

describe('TreeSHAP by hand', () => {
  // Root x0 <= 0 (cover 100) → left (40): x1 <= 0 → leaf 1 (10) | leaf 2 (30); right: leaf 3 (60).
  const tree: GbdtTree = {
    feature: [0, 1, -1, -1, -1],
    threshold: [0, 0, 0, 0, 0],
    missingLeft: [0, 0, 0, 0, 0],
    left: [1, 2, -1, -1, -1],
    right: [4, 3, -1, -1, -1],
    value: [0, 0, 1, 2, 3],
    count: [100, 40, 10, 30, 60],
    hessian: [100, 40, 10, 30, 60],
  };
  const model: TreeEnsemble = { nFeatures: 2, baseMargin: 0.5, trees: [tree] };

  it('x = (−1, −1): v(∅) = 2.5, v({0}) = 1.75, v({1}) = 2.2, v({0,1}) = 1 → φ = (−0.975, −0.525)', () => {
    // E = 0.4·(0.25·1 + 0.75·2) + 0.6·3 = 2.5; φ0 = ½[(1.75 − 2.5) + (1 − 2.2)], φ1 = ½[(2.2 − 2.5) + (1 − 1.75)].
    for (const method of ['table', 'recursive'] as const) {
      const shap = treeShap(model, [Float64Array.of(-1), Float64Array.of(-1)], { method });
      expect(shap.base).toBeCloseTo(3, 15);
      expect(shap.values[0]).toBeCloseTo(-0.975, 15);
      expect(shap.values[1]).toBeCloseTo(-0.525, 15);
    }
    expect(expectedMargin(model)).toBeCloseTo(3, 15);
  });

  it('x = (+1, NaN): x1 still gets credit though the row never meets its split (missing goes right, to leaf 2)', () => {
    // v(∅) = 2.5, v({0}) = 3, v({1}) = 0.4·2 + 0.6·3 = 2.6, v({0,1}) = 3
    // → φ0 = ½[(3 − 2.5) + (3 − 2.6)] = 0.45, φ1 = ½[(2.6 − 2.5) + (3 − 3)] = 0.05.
    const shap = treeShap(model, [Float64Array.of(1), Float64Array.of(NaN)]);
    expect(shap.values[0]).toBeCloseTo(0.45, 15);
    expect(shap.values[1]).toBeCloseTo(0.05, 15);
  });

  it('mean |SHAP| per feature', () => {
    const shap = treeShap(model, [Float64Array.of(-1, 1), Float64Array.of(-1, NaN)]);
    const mean = Array.from(meanAbsShap(shap));
    expect(mean[0]).toBeCloseTo((0.975 + 0.45) / 2, 14);
    expect(mean[1]).toBeCloseTo((0.525 + 0.05) / 2, 14);
  });
});

describe('TreeSHAP equals brute-force Shapley values to 1e-9', () => {
  const { X, y } = data(2000, 6, 11);
  const model = fitGbdt(X, y, { maxIter: 12, maxLeafNodes: 16, learningRate: 0.3, minSamplesLeaf: 10, earlyStopping: false });
  const rows = Array.from({ length: 40 }, (_, k) => k * 37);

  it('the fitted trees do split on the same feature twice along a path (the case UNWIND exists for)', () => {
    const repeats = model.trees.some((t) => {
      const walk = (node: number, seen: number[]): boolean =>
        t.feature[node] >= 0 && (seen.includes(t.feature[node]) || walk(t.left[node], [...seen, t.feature[node]]) || walk(t.right[node], [...seen, t.feature[node]]));
      return walk(0, []);
    });
    expect(repeats).toBe(true);
  });

  for (const cover of ['count', 'hessian'] as const) {
    for (const method of ['table', 'recursive'] as const) {
      it(`${cover} cover, ${method}`, () => {
        expectMatchesBruteForce(model, X, rows, cover, method);
      });
    }
  }

  it('a 14-feature chain (a leaf deeper than the tables hold is computed on the fly) and repeated splits', () => {
    // Node k (k < 14) splits feature k at 0; its left child is a leaf, its right child the next split; the last right
    // child is a leaf. Then feature 0 is split again at 1 under node 13 to repeat it on the deepest path.
    const nf = 14;
    const t: GbdtTree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], count: [], hessian: [] };
    const add = (feature: number, threshold: number, value: number, count: number) => {
      t.feature.push(feature);
      t.threshold.push(threshold);
      t.missingLeft.push(feature % 2);
      t.left.push(-1);
      t.right.push(-1);
      t.value.push(value);
      t.count.push(count);
      t.hessian.push(count / 4);
      return t.feature.length - 1;
    };
    let cover = 1 << 16;
    let parent = add(0, 0, 0, cover);
    for (let k = 0; k < nf; k++) {
      const leftCover = Math.floor(cover / 3) + k;
      const leaf = add(-1, 0, Math.sin(k + 1), leftCover);
      cover -= leftCover;
      const next = k + 1 < nf ? add(k + 1, 0, 0, cover) : add(0, 1, 0, cover);
      t.left[parent] = leaf;
      t.right[parent] = next;
      parent = next;
    }
    const a = add(-1, 0, 0.25, Math.floor(cover / 2));
    const b = add(-1, 0, -0.75, cover - Math.floor(cover / 2));
    t.left[parent] = a;
    t.right[parent] = b;
    const chain: TreeEnsemble = { nFeatures: nf, baseMargin: 0, trees: [t] };
    const rng = createRng(9);
    const Xc = Array.from({ length: nf }, () => Float64Array.from({ length: 12 }, () => (rng.next() < 0.1 ? NaN : rng.normal() + 0.8)));
    for (const method of ['table', 'recursive'] as const) expectMatchesBruteForce(chain, Xc, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'count', method);
  });
});

describe('a path with 32 distinct features (beyond a 30-bit pattern: the recursion takes over)', () => {
  it('equals the Owen-integral Shapley values to 1e-9 and adds up', () => {
    const nf = 32;
    const t: GbdtTree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], count: [], hessian: [] };
    const add = (feature: number, value: number, count: number) => {
      t.feature.push(feature);
      t.threshold.push(0.1 * feature - 1);
      t.missingLeft.push(feature % 3 === 0 ? 1 : 0);
      t.left.push(-1);
      t.right.push(-1);
      t.value.push(value);
      t.count.push(count);
      t.hessian.push(count);
      return t.feature.length - 1;
    };
    // Node k splits feature k; its left child is a leaf taking 1/8 of the cover, its right child splits feature k + 1.
    let cover = 2 ** 40;
    let parent = add(0, 0, cover);
    for (let k = 0; k < nf; k++) {
      const leftCover = cover / 8;
      const leaf = add(-1, Math.cos(k), leftCover);
      cover -= leftCover;
      const next = k + 1 < nf ? add(k + 1, 0, cover) : add(-1, -0.5, cover);
      t.left[parent] = leaf;
      t.right[parent] = next;
      parent = next;
    }
    const model: TreeEnsemble = { nFeatures: nf, baseMargin: 0.1, trees: [t] };
    const rng = createRng(21);
    const X = Array.from({ length: nf }, (_, f) => Float64Array.from({ length: 6 }, (_, i) => (i === 5 && f % 5 === 0 ? NaN : rng.normal() + 2)));
    const shap = treeShap(model, X);
    const margin = predictRawMargin(model, X);
    for (let r = 0; r < 6; r++) {
      const ref = owenShap(t, 'count', rowOf(X, r), nf);
      let sum = shap.base;
      for (let j = 0; j < nf; j++) {
        expect(Math.abs(shap.values[r * nf + j] - ref[j]), `row ${r} feature ${j}`).toBeLessThan(1e-9);
        sum += shap.values[r * nf + j];
      }
      // Algorithm 2 divides by (i + 1)·o and (d − i)·z while unwinding, so rounding grows with the number of unique
      // features on a path: ~2e-11 here at 32, ~1e-14 on the 31-leaf models below (bounded there at 1e-12).
      expect(Math.abs(sum - margin[r])).toBeLessThan(1e-10);
    }
  });
});

describe('additivity and consistency on a 100-tree model', () => {
  const { X, y } = data(5000, 8, 12);
  const model = fitGbdt(X, y, { maxIter: 100, earlyStopping: false });
  const shap = treeShap(model, X);

  it('base + Σ contributions = the model margin for every row (to 1e-12)', () => {
    const margin = predictRawMargin(model, X);
    let worst = 0;
    for (let r = 0; r < shap.rows; r++) {
      let s = shap.base;
      for (let j = 0; j < shap.nFeatures; j++) s += shap.values[r * shap.nFeatures + j];
      worst = Math.max(worst, Math.abs(s - margin[r]));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('the base is the mean training margin under count cover', () => {
    const margin = predictRawMargin(model, X);
    let mean = 0;
    margin.forEach((m) => (mean += m));
    expect(shap.base).toBeCloseTo(mean / margin.length, 10);
  });

  it('explaining a few rows gives exactly those rows of the full result; the recursion agrees to 1e-12', () => {
    const rows = [4999, 0, 1234, 77];
    const some = treeShap(model, X, { rows });
    const rec = treeShap(model, X, { rows, method: 'recursive' });
    rows.forEach((i, r) => {
      const full = Array.from(shap.values.subarray(i * 8, i * 8 + 8));
      expect(Array.from(some.values.subarray(r * 8, r * 8 + 8))).toEqual(full);
      Array.from(rec.values.subarray(r * 8, r * 8 + 8)).forEach((v, j) => expect(Math.abs(v - full[j])).toBeLessThan(1e-12));
    });
  });
});

describe('refusals', () => {
  const tree: GbdtTree = { feature: [0, -1, -1], threshold: [0, 0, 0], missingLeft: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 1, 2], count: [10, 0, 10], hessian: [1, 0.5, 0.5] };
  it('a node without cover, a row out of range, a wrong matrix', () => {
    const model: TreeEnsemble = { nFeatures: 1, baseMargin: 0, trees: [tree] };
    expect(() => treeShap(model, [Float64Array.of(1)])).toThrow(/Tree 0, node 1: its count cover is 0; TreeSHAP needs a positive cover/);
    expect(() => treeShap(model, [Float64Array.of(1)], { cover: 'hessian', rows: [3] })).toThrow(/Row 3 is not a row of the data \(0..0\)/);
    expect(() => treeShap(model, [Float64Array.of(1), Float64Array.of(1)], { cover: 'hessian' })).toThrow(/The model uses 1 features but 2 columns/);
  });
});
