// Our histogram gradient boosting against scikit-learn 1.2.1 (Debian python3-sklearn; numpy 1.24.2), on fixtures made
// by tests/fixtures/predict/gbdt/make_fixtures.py (see its header for every setting):
//   binning.json    _BinMapper(n_bins=256 and 17, subsample=None).bin_thresholds_ and bins of six hand-made columns
//                   (continuous with NaN, 40 integers, heavy ties, ±1e308 magnitudes, constant, all missing):
//                   our thresholds must be EQUAL (same numpy arithmetic), and so must every bin.
//   synthetic.json  1,200 rows × 5 features (NaN in two) committed with the data, and three HistGradientBoosting
//                   fits (early_stopping=False):
//                     small (5 trees, 8 leaves, lr 0.3): the same splits (feature, threshold, missing direction,
//                       counts) node for node, leaf values and every row's margin to 1e-12 — we follow sklearn's
//                       algorithm (float32 gradients, gain, tie rules, leaf-wise order, histogram subtraction); the
//                       margins came out identical (max difference 0), the bound 1e-12 leaves room for summation order;
//                     options (20 trees, max_depth 3, min_samples_leaf 40, l2 1.5, max_bins 32, no leaf limit):
//                       every row's margin to 1e-12 (observed: identical);
//                     full (100 trees, 31 leaves, lr 0.1): test AUC within 0.01 of sklearn's (the bar) and
//                       every test probability to 1e-12 (observed: 2.2e-16).
import { describe, expect, it } from 'vitest';
import { binFeatures, findBinThresholds, fitBinMapper, MISSING_BIN } from '../../../main/analysis/predict/gbdt/binning';
import { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';
import { predictProbability, predictRawMargin } from '../../../main/analysis/predict/gbdt/model';
import { columns, fixture, rocAuc, subsetRows } from '../../fixtures/predict/gbdt/helpers';

interface BinningFixture {
  columns: (number | null)[][];
  cases: { maxBins: number; thresholds: (number | null)[][]; bins: number[][]; nBinsNonMissing: number[] }[];
}

interface SklearnTree {
  feature: number[];
  /** null = +inf: sklearn's split on missingness. */
  threshold: (number | null)[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  count: number[];
}

interface SyntheticFixture {
  X: (number | null)[][];
  y: number[];
  test: number[];
  full: { testAuc: number; testProba: number[] };
  small: { baseline: number; trees: SklearnTree[]; margin: number[] };
  options: { margin: number[]; nTrees: number };
}

const binning = fixture<BinningFixture>('binning.json');
const synthetic = fixture<SyntheticFixture>('synthetic.json');

describe('binning equals sklearn _BinMapper', () => {
  const cols = columns(binning.columns);
  for (const c of binning.cases) {
    it(`thresholds and bins with maxBins = ${c.maxBins}`, () => {
      const mapper = fitBinMapper(cols, { maxBins: c.maxBins });
      expect(mapper.thresholds.map((t) => Array.from(t))).toEqual(c.thresholds);
      expect(Array.from(mapper.nBinsNonMissing)).toEqual(c.nBinsNonMissing);
      const bins = binFeatures(cols, mapper);
      // sklearn numbers the missing bin n_bins − 1 (= maxBins); ours is always 255, whatever maxBins.
      const expected = c.bins.map((col) => col.map((b) => (b === c.maxBins ? MISSING_BIN : b)));
      bins.forEach((b, f) => expect(Array.from(b), `feature ${f}`).toEqual(expected[f]));
    });
  }

  it('uses midpoints of distinct values when there are few (hand-computed)', () => {
    expect(Array.from(findBinThresholds(Float64Array.of(3, 1, 2, 2, 1), 255))).toEqual([1.5, 2.5]);
    expect(Array.from(findBinThresholds(Float64Array.of(7, 7, 7), 255))).toEqual([]);
    // 5 distinct values, 4 bins allowed → numpy percentile(method="midpoint") at 25, 50, 75 of [1..5]:
    // virtual indexes 1, 2, 3 are integral → the values themselves.
    expect(Array.from(findBinThresholds(Float64Array.of(5, 4, 3, 2, 1), 4))).toEqual([2, 3, 4]);
    // 6 values, 4 bins: indexes 1.25, 2.5, 3.75 → midpoints of neighbours: (2+3)/2, (3+4)/2, (4+5)/2.
    expect(Array.from(findBinThresholds(Float64Array.of(1, 2, 3, 4, 5, 6), 4))).toEqual([2.5, 3.5, 4.5]);
  });

  it('refuses a bin count outside 2..255', () => {
    expect(() => findBinThresholds(Float64Array.of(1, 2), 256)).toThrow(/maxBins must be an integer from 2 to 255/);
  });
});

describe('trees equal sklearn HistGradientBoostingClassifier', () => {
  const X = columns(synthetic.X);
  const y = Uint8Array.from(synthetic.y);
  const isTest = new Set(synthetic.test);
  const train = synthetic.y.map((_, i) => i).filter((i) => !isTest.has(i));
  const Xtr = subsetRows(X, train);
  const ytr = Uint8Array.from(train, (i) => y[i]);

  it('small model: same splits node for node, leaf values and margins to 1e-12', () => {
    const model = fitGbdt(Xtr, ytr, { maxIter: 5, maxLeafNodes: 8, learningRate: 0.3, earlyStopping: false });
    expect(model.baseMargin).toBeCloseTo(synthetic.small.baseline, 12);
    expect(model.trees).toHaveLength(synthetic.small.trees.length);
    model.trees.forEach((t, k) => {
      const ref = synthetic.small.trees[k];
      expect(t.feature, `tree ${k} features`).toEqual(ref.feature);
      expect(t.left, `tree ${k} left`).toEqual(ref.left);
      expect(t.right, `tree ${k} right`).toEqual(ref.right);
      expect(t.count, `tree ${k} counts`).toEqual(ref.count);
      t.feature.forEach((f, node) => {
        if (f < 0) {
          expect(Math.abs(t.value[node] - ref.value[node]), `tree ${k} leaf ${node}`).toBeLessThan(1e-12);
          return;
        }
        // sklearn writes +inf for a split on missingness; our JSON-safe stand-in is Number.MAX_VALUE.
        expect(t.threshold[node], `tree ${k} node ${node} threshold`).toBe(ref.threshold[node] === null ? Number.MAX_VALUE : ref.threshold[node]);
        expect(t.missingLeft[node], `tree ${k} node ${node} missing direction`).toBe(ref.missingLeft[node]);
      });
    });
    const margin = predictRawMargin(model, X);
    let worst = 0;
    margin.forEach((m, i) => (worst = Math.max(worst, Math.abs(m - synthetic.small.margin[i]))));
    expect(worst).toBeLessThan(1e-12);
  });

  it('depth limit, min_samples_leaf, L2 and 32 bins: margins to 1e-12', () => {
    const model = fitGbdt(Xtr, ytr, { maxIter: 20, maxDepth: 3, minSamplesLeaf: 40, l2Regularization: 1.5, maxBins: 32, maxLeafNodes: null, earlyStopping: false });
    expect(model.trees).toHaveLength(synthetic.options.nTrees);
    const margin = predictRawMargin(model, X);
    let worst = 0;
    margin.forEach((m, i) => (worst = Math.max(worst, Math.abs(m - synthetic.options.margin[i]))));
    expect(worst).toBeLessThan(1e-12);
  });

  it('100 trees × 31 leaves: test AUC within 0.01 of sklearn (and the probabilities agree)', () => {
    const model = fitGbdt(Xtr, ytr, { maxIter: 100, maxLeafNodes: 31, learningRate: 0.1, l2Regularization: 0, earlyStopping: false });
    const Xte = subsetRows(X, synthetic.test);
    const p = predictProbability(model, Xte);
    const auc = rocAuc(
      synthetic.test.map((i) => y[i]),
      p,
    );
    expect(Math.abs(rocAuc(synthetic.test.map((i) => y[i]), synthetic.full.testProba) - synthetic.full.testAuc)).toBeLessThan(1e-12);
    expect(Math.abs(auc - synthetic.full.testAuc)).toBeLessThan(0.01);
    let worst = 0;
    p.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - synthetic.full.testProba[i]))));
    expect(worst).toBeLessThan(1e-12);
  });
});
