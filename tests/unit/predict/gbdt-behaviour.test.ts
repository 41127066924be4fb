// Behaviour of the gradient-boosting kernel that sklearn comparisons do not pin down: determinism, native missing
// values, early stopping, size limits, JSON round trip and refusals. Data are generated here with the seeded
// mulberry32 stream (main/analysis/random.ts); every expected number is either a rule (a count, a bound, equality of
// two fits) or computed by hand in the comment next to it.
import { describe, expect, it } from 'vitest';
import { fitGbdt, meanLogLoss, resolveGbdtParams, shouldStop } from '../../../main/analysis/predict/gbdt/boost';
import { stratifiedHoldout } from '../../../main/analysis/predict/gbdt/holdout';
import { predictProbability, predictRawMargin, type GbdtModel } from '../../../main/analysis/predict/gbdt/model';
import { createRng } from '../../../main/analysis/random';
import { treeShap } from '../../../main/analysis/predict/treeshap';

/** n rows × 4 features; feature 0 missing in 30% of rows, where the outcome is positive with probability pMissing. */
function planted(n: number, seed: number, pMissing: number): { X: Float64Array[]; y: Uint8Array; missing: Uint8Array } {
  const rng = createRng(seed);
  const X = [0, 1, 2, 3].map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  const missing = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 4; f++) X[f][i] = rng.normal();
    const logit = 0.8 * X[0][i] - 0.5 * X[1][i] - 1;
    if (rng.next() < 0.3) {
      X[0][i] = NaN;
      missing[i] = 1;
      y[i] = rng.next() < pMissing ? 1 : 0;
    } else y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y, missing };
}

function leaves(model: GbdtModel): number[][] {
  return model.trees.map((t) => t.feature.flatMap((f, node) => (f < 0 ? [node] : [])));
}

describe('determinism', () => {
  const { X, y } = planted(4000, 1, 0.9);

  it('two fits with the same seed give the same model, with and without early stopping', () => {
    for (const earlyStopping of [false, true]) {
      const a = fitGbdt(X, y, { maxIter: 30, seed: 7, earlyStopping });
      const b = fitGbdt(X, y, { maxIter: 30, seed: 7, earlyStopping });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a).toEqual(b);
    }
  });

  it('the seed matters where there is randomness (the early-stopping hold-out)', () => {
    const a = fitGbdt(X, y, { maxIter: 30, seed: 7, earlyStopping: true });
    const b = fitGbdt(X, y, { maxIter: 30, seed: 8, earlyStopping: true });
    expect(JSON.stringify(a.trees)).not.toBe(JSON.stringify(b.trees));
  });

  it('survives JSON: a parsed model predicts bit for bit the same margins', () => {
    const model = fitGbdt(X, y, { maxIter: 20, earlyStopping: false });
    const again = JSON.parse(JSON.stringify(model)) as GbdtModel;
    expect(Array.from(predictRawMargin(again, X))).toEqual(Array.from(predictRawMargin(model, X)));
  });
});

describe('row subsets (predict/types.ts RowSet) are used in place', () => {
  const { X, y } = planted(3000, 6, 0.9);
  const rows = Uint32Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 !== 1);
  const copy = X.map((c) => Float64Array.from(rows, (i) => c[i]));
  const yCopy = Uint8Array.from(rows, (i) => y[i]);

  it('fitting on rows equals fitting on a copy of those rows, with and without early stopping', () => {
    for (const earlyStopping of [false, true]) {
      const inPlace = fitGbdt(X, y, { maxIter: 15, earlyStopping, seed: 2 }, rows);
      const copied = fitGbdt(copy, yCopy, { maxIter: 15, earlyStopping, seed: 2 });
      expect(inPlace).toEqual(copied);
    }
  });

  it('predicting rows equals predicting a copy of them', () => {
    const model = fitGbdt(X, y, { maxIter: 10, earlyStopping: false });
    expect(Array.from(predictRawMargin(model, X, rows))).toEqual(Array.from(predictRawMargin(model, copy)));
    expect(Array.from(predictProbability(model, X, [5, 0]))).toEqual(Array.from(predictProbability(model, X)).filter((_, i) => i === 5 || i === 0).reverse());
  });

  it('refuses rows that are not strictly ascending indices of the data', () => {
    expect(() => fitGbdt(X, y, {}, Uint32Array.of(3, 2))).toThrow(/Rows must be strictly ascending; 2 follows 3/);
    expect(() => fitGbdt(X, y, {}, Uint32Array.of(1, 3000))).toThrow(/Row 3000 is not a row of the data \(0..2999\)/);
    expect(() => fitGbdt(X, y, {}, new Uint32Array(0))).toThrow(/No rows to fit on/);
    const model = fitGbdt(X, y, { maxIter: 1, earlyStopping: false });
    expect(() => predictRawMargin(model, X, [0, 1.5])).toThrow(/Row 1.5 is not a row of the data/);
  });
});

describe('native missing values', () => {
  it('learns that "missing" predicts the positive class, and sends missing the other way when it predicts the negative', () => {
    for (const pMissing of [0.9, 0.05]) {
      const train = planted(6000, 2, pMissing);
      const test = planted(3000, 3, pMissing);
      const model = fitGbdt(train.X, train.y, { maxIter: 60, earlyStopping: false });
      const p = predictProbability(model, test.X);
      let sum = 0;
      let k = 0;
      test.missing.forEach((m, i) => {
        if (m) {
          sum += p[i];
          k++;
        }
      });
      // The planted rate among missing rows is pMissing; the fitted mean probability must be close to it.
      expect(Math.abs(sum / k - pMissing), `pMissing ${pMissing}: fitted ${sum / k}`).toBeLessThan(0.05);
      // And the explanation names the missing value: feature 0's contribution has the planted sign on every missing row.
      const shap = treeShap(model, test.X, { rows: Array.from(test.missing.keys()).filter((i) => test.missing[i]).slice(0, 200) });
      for (let r = 0; r < shap.rows; r++) expect(Math.sign(shap.values[r * 4]), `row ${r}`).toBe(pMissing > 0.5 ? 1 : -1);
    }
  });

  it('a feature with no missing value in training sends a missing value to the larger child (sklearn rule)', () => {
    // x = 0..99, y = 1 for x >= 70 → one split at 69.5: 70 rows left, 30 right; a NaN at scoring goes left.
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const y = Uint8Array.from({ length: 100 }, (_, i) => (i >= 70 ? 1 : 0));
    const model = fitGbdt([x], y, { maxIter: 1, maxLeafNodes: 2, minSamplesLeaf: 1, earlyStopping: false });
    const t = model.trees[0];
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(69.5);
    expect(t.count).toEqual([100, 70, 30]);
    expect(t.missingLeft[0]).toBe(1);
    const margin = predictRawMargin(model, [Float64Array.of(NaN, 10)]);
    expect(margin[0]).toBe(margin[1]);
  });

  it('a split on missingness itself (all present values one side) is found and stored with a JSON-safe threshold', () => {
    // y = 1 exactly when x is missing: the best split is "present left, missing right".
    const x = Float64Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? NaN : i % 7));
    const y = Uint8Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const model = fitGbdt([x], y, { maxIter: 1, maxLeafNodes: 2, minSamplesLeaf: 1, earlyStopping: false });
    const t = model.trees[0];
    expect(t.count).toEqual([200, 150, 50]);
    expect(t.threshold[0]).toBe(Number.MAX_VALUE);
    expect(t.missingLeft[0]).toBe(0);
    expect(JSON.parse(JSON.stringify(t)).threshold[0]).toBe(Number.MAX_VALUE);
  });
});

describe('early stopping (sklearn semantics, scoring = loss)', () => {
  it('shouldStop on hand-made loss curves', () => {
    // n = 2: compare the last two scores (−loss) with the one before them, plus tol.
    expect(shouldStop([1, 0.9, 0.9, 0.9], 2, 0)).toBe(true); // no score beats −0.9
    expect(shouldStop([1, 0.9, 0.85, 0.9], 2, 0)).toBe(false); // −0.85 > −0.9
    expect(shouldStop([1, 0.9, 0.85, 0.84], 2, 0.1)).toBe(true); // must beat −0.9 + 0.1 = −0.8
    expect(shouldStop([1, 0.9], 2, 0)).toBe(false); // fewer than n + 1 scores
  });

  it('stops on noise, keeps every tree grown, records the losses it decided on', () => {
    const rng = createRng(5);
    const n = 3000;
    const X = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.normal()));
    const y = Uint8Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const model = fitGbdt(X, y, { maxIter: 200, earlyStopping: true, nIterNoChange: 5, seed: 3 });
    expect(model.nIter).toBeLessThan(200);
    expect(model.trees).toHaveLength(model.nIter);
    expect(model.validationRows).toBe(Math.ceil(0.1 * n));
    expect(model.trainRows).toBe(n - model.validationRows);
    const losses = model.validationLoss!;
    expect(losses).toHaveLength(model.nIter + 1);
    expect(model.trainLoss).toBeNull(); // not tracked: only the validation loss decides
    expect(shouldStop(losses, 5, 1e-7)).toBe(true);
    for (let k = 1; k < losses.length; k++) expect(shouldStop(losses.slice(0, k), 5, 1e-7)).toBe(false);
    // Index 0 is the base rate alone: −mean(y log p̄ + (1 − y) log(1 − p̄)) over the held-out rows, p̄ the training rate.
    const { train, validation } = stratifiedHoldout(y, 0.1, 3);
    let pos = 0;
    train.forEach((i) => (pos += y[i]));
    const pBar = pos / train.length;
    let byHand = 0;
    validation.forEach((i) => (byHand -= y[i] ? Math.log(pBar) : Math.log(1 - pBar)));
    expect(losses[0]).toBeCloseTo(byHand / validation.length, 12);
  });

  it("'auto' turns early stopping on above 10,000 rows, as sklearn", () => {
    expect(resolveGbdtParams({}, 10_000).earlyStopping).toBe(false);
    expect(resolveGbdtParams({}, 10_001).earlyStopping).toBe(true);
    expect(resolveGbdtParams({ earlyStopping: false }, 50_000).earlyStopping).toBe(false);
  });

  it('the hold-out is stratified: ceil(fraction·n) rows shared by largest remainder', () => {
    // 101 rows, 31 positives, 10%: ceil(10.1) = 11; exact shares 70·11/101 = 7.62 and 31·11/101 = 3.38 → 7 + 3 = 10,
    // the last row to the larger remainder (negatives): 8 negatives, 3 positives.
    const y = Uint8Array.from({ length: 101 }, (_, i) => (i < 31 ? 1 : 0));
    const { train, validation } = stratifiedHoldout(y, 0.1, 0);
    expect(validation.length).toBe(11);
    expect(Array.from(validation).filter((i) => y[i] === 1)).toHaveLength(3);
    expect(train.length + validation.length).toBe(101);
    expect(new Set([...train, ...validation]).size).toBe(101);
  });

  it('mean log loss by hand', () => {
    // y = 1 at margin 0: log 2; y = 0 at margin ln 3 (p = 0.75): −log 0.25 = log 4. Mean = (log 2 + log 4) / 2.
    expect(meanLogLoss(Uint8Array.of(1, 0), Float64Array.of(0, Math.log(3)))).toBeCloseTo((Math.log(2) + Math.log(4)) / 2, 14);
    // Large margins neither overflow nor lose the loss: y = 0 at margin 800 costs 800.
    expect(meanLogLoss(Uint8Array.of(0), Float64Array.of(800))).toBe(800);
  });
});

describe('tree size rules', () => {
  const { X, y } = planted(5000, 4, 0.9);

  it('at most maxLeafNodes leaves, and exactly that many when the data allow', () => {
    const model = fitGbdt(X, y, { maxIter: 10, maxLeafNodes: 15, earlyStopping: false });
    for (const l of leaves(model)) expect(l.length).toBe(15);
  });

  it('maxDepth bounds every path; minSamplesLeaf bounds every leaf', () => {
    const model = fitGbdt(X, y, { maxIter: 10, maxLeafNodes: null, maxDepth: 3, minSamplesLeaf: 150, earlyStopping: false });
    for (const t of model.trees) {
      const depth = (node: number): number => (t.feature[node] < 0 ? 0 : 1 + Math.max(depth(t.left[node]), depth(t.right[node])));
      expect(depth(0)).toBeLessThanOrEqual(3);
      t.feature.forEach((f, node) => {
        if (f < 0) expect(t.count[node]).toBeGreaterThanOrEqual(150);
        else expect(t.count[t.left[node]] + t.count[t.right[node]]).toBe(t.count[node]);
      });
    }
  });

  it('the margin starts at the log-odds of the base rate', () => {
    const model = fitGbdt(X, y, { maxIter: 1, earlyStopping: false });
    let pos = 0;
    y.forEach((v) => (pos += v));
    expect(model.baseMargin).toBeCloseTo(Math.log(pos / (y.length - pos)), 14);
  });
});

describe('progress and cancellation', () => {
  const { X, y } = planted(1000, 8, 0.9);
  it('reports every tree and stops with CANCELLED when asked', () => {
    const seen: number[] = [];
    fitGbdt(X, y, { maxIter: 5, earlyStopping: false, onIteration: (done, total) => seen.push(done * 10 + total) });
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    let polls = 0;
    expect(() => fitGbdt(X, y, { maxIter: 5, earlyStopping: false, isCancelled: () => ++polls > 2 })).toThrow(/Cancelled after 2 of 5 trees/);
    const model = fitGbdt(X, y, { maxIter: 3, earlyStopping: false });
    let shapPolls = 0;
    expect(() => treeShap(model, X, { isCancelled: () => ++shapPolls > 2 })).toThrow(/Cancelled after explaining 512 of 1000 rows/);
  });
});

describe('refusals', () => {
  const x = Float64Array.of(1, 2, 3, 4);
  it('bad labels, shapes, values and options get a clear error', () => {
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 2, 0))).toThrow(/Labels must be 0 or 1; row 2 is 2/);
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 0))).toThrow(/Labels must be a Uint8Array of 4 values/);
    expect(() => fitGbdt([x], Uint8Array.of(1, 1, 1, 1), { earlyStopping: false })).toThrow(/only positives \(1\); a classifier needs both outcomes/);
    expect(() => fitGbdt([x, Float64Array.of(1, 2)], Uint8Array.of(0, 1, 0, 1))).toThrow(/column 1 holds 2 values, column 0 holds 4/);
    expect(() => fitGbdt([Float64Array.of(1, Infinity, 3, 4)], Uint8Array.of(0, 1, 0, 1))).toThrow(/row 1 is Infinity; values must be finite numbers or NaN/);
    expect(() => fitGbdt([], new Uint8Array(0))).toThrow(/At least one feature/);
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 0, 1), { maxIter: 0 })).toThrow(/maxIter must be an integer >= 1; got 0/);
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 0, 1), { maxBins: 300 })).toThrow(/maxBins must be an integer from 2 to 255; got 300/);
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 0, 1), { maxLeafNodes: null })).toThrow(/maxLeafNodes must be set when maxDepth is not/);
    expect(() => fitGbdt([x], Uint8Array.of(0, 1, 0, 1), { earlyStopping: true })).toThrow(/holds out 1 of 4 rows \(10%\), stratified by outcome; that leaves outcome 1 \(2 row\(s\)\) with no row in the validation rows/);
  });

  it('scoring refuses a matrix with the wrong number of columns', () => {
    const model = fitGbdt([x, x], Uint8Array.of(0, 1, 0, 1), { maxIter: 1, minSamplesLeaf: 1, earlyStopping: false });
    expect(() => predictRawMargin(model, [x])).toThrow(/The model uses 2 features but 1 columns were given/);
  });
});
