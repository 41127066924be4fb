// Permutation importance reuses the trees a shuffle cannot change (gbdt/tree-values.ts, train/insight.ts). That is a
// shortcut, not an approximation: the expected values here are computed by the plain method — every shuffled copy
// scored with predictRawMargin / modelLogOdds from scratch, exactly the code permutationImportance ran before the
// cache (kept below as `plainImportance`) — and compared bit for bit (toBe / toEqual on the doubles).
// Data: seeded mulberry32 (main/analysis/random.ts): 3,000 rows, three numbers (one 20% missing) and a text column
// of four levels (one-hot, so one input owns several features), outcome from a planted logit.
import { describe, expect, it } from 'vitest';
import type { FrozenModel } from '../../../shared/predict';
import { applyEncoding, featureOwners, fitEncoding, type InputColumn } from '../../../main/analysis/predict/encoding';
import { modelLogOdds } from '../../../main/analysis/predict/frozen';
import { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';
import { predictRawMargin } from '../../../main/analysis/predict/gbdt/model';
import { TreeValueCache } from '../../../main/analysis/predict/gbdt/tree-values';
import { fitLogistic } from '../../../main/analysis/predict/logistic';
import { freezeGbdt, freezeLogistic } from '../../../main/analysis/predict/train/fit';
import { IMPORTANCE_REPEATS } from '../../../main/analysis/predict/train/insight';
import { permutationImportance } from '../../../main/analysis/predict/train/importance';
import { rocAuc } from '../../../main/analysis/predict/metrics';
import { tQuantile } from '../../../main/analysis/journey/t-distribution';
import { createRng } from '../../../main/analysis/random';

const N = 3000;

function data() {
  const rng = createRng(11);
  const a = new Float64Array(N);
  const b = new Float64Array(N);
  const c = new Float64Array(N);
  const codes = new Int32Array(N);
  const y = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    a[i] = rng.normal();
    b[i] = rng.next() < 0.2 ? NaN : rng.normal();
    c[i] = rng.normal();
    codes[i] = Math.floor(rng.next() * 4);
    const logit = 0.9 * a[i] - 0.6 * (b[i] === b[i] ? b[i] : -1) + (codes[i] === 2 ? 0.8 : 0) - 0.5;
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const columns: InputColumn[] = [
    { name: 'a', kind: 'number', type: 'real', values: a },
    { name: 'b', kind: 'number', type: 'real', values: b },
    { name: 'c', kind: 'number', type: 'real', values: c },
    { name: 'plan', kind: 'levels', type: 'text', codes, levels: ['w', 'x', 'y', 'z'] },
  ];
  const all = Uint32Array.from({ length: N }, (_, i) => i);
  const encoding = fitEncoding(columns, all, 1);
  const x = applyEncoding(encoding.inputs, new Map(columns.map((col) => [col.name, col])), N).features;
  return { columns, encoding, x, y, owners: featureOwners(encoding.inputs) };
}

/** permutationImportance as it was before the cache: every shuffled copy scored from scratch. */
function plainImportance(model: FrozenModel, x: readonly Float64Array[], y: Uint8Array, rows: Uint32Array, owners: readonly number[], seed: number) {
  const sub = x.map((col) => Float64Array.from(rows, (r) => col[r]));
  const ys = Uint8Array.from(rows, (r) => y[r]);
  const auc = (cols: readonly Float64Array[]) => rocAuc(ys, modelLogOdds(model.members, cols));
  const reference = auc(sub);
  const rng = createRng(seed);
  const n = rows.length;
  const t = tQuantile(0.975, IMPORTANCE_REPEATS - 1);
  return model.inputs.map((_, input) => {
    const mine = owners.flatMap((o, j) => (o === input ? [j] : []));
    const drops: number[] = [];
    for (let rep = 0; rep < IMPORTANCE_REPEATS; rep++) {
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      const cols = sub.slice();
      for (const j of mine) cols[j] = Float64Array.from(order, (i) => sub[j][i]);
      drops.push(reference - auc(cols));
    }
    const mean = drops.reduce((s, d) => s + d, 0) / drops.length;
    const sd = Math.sqrt(drops.reduce((s, d) => s + (d - mean) ** 2, 0) / (drops.length - 1));
    const half = (t * sd) / Math.sqrt(drops.length);
    return { mean, ci: [mean - half, mean + half] as [number, number] };
  });
}

describe('permutation importance with kept tree values', () => {
  const { columns, encoding, x, y, owners } = data();
  const train = Uint32Array.from({ length: 2000 }, (_, i) => i);
  const test = Uint32Array.from({ length: N - 2000 }, (_, i) => 2000 + i);
  const gbdt = fitGbdt(x, y, { maxIter: 40, maxLeafNodes: 6, seed: 3, earlyStopping: false }, train);
  const logistic = fitLogistic(x, y, { C: 1, rows: train, names: encoding.featureNames });
  const model = (kind: 'gbdt' | 'ensemble'): FrozenModel => ({
    format: 'cxw-model',
    version: 1,
    kind,
    target: 'y',
    positive: '1',
    id: null,
    inputs: encoding.inputs,
    featureNames: encoding.featureNames,
    members: [
      ...(kind === 'ensemble' ? [{ kind: 'logistic' as const, logistic: freezeLogistic(logistic), calibration: { a: 0.9, b: 0.1 } }] : []),
      { kind: 'gbdt' as const, gbdt: freezeGbdt(gbdt), calibration: { a: 1.1, b: -0.05 } },
    ],
    folds: [],
    threshold: 0.5,
    reviewBandWidth: 0.2,
  });

  it('the cache gives predictRawMargin bit for bit, whichever features changed', () => {
    const sub = x.map((col) => Float64Array.from(test, (r) => col[r]));
    const cache = new TreeValueCache(gbdt.baseMargin, gbdt.trees, sub, test.length);
    expect(Array.from(cache.margins(sub, []))).toEqual(Array.from(predictRawMargin(gbdt, sub)));
    const rng = createRng(5);
    for (const changed of [[0], [1], [3, 4, 5, 6], [2]]) {
      const cols = sub.slice();
      for (const j of changed) cols[j] = Float64Array.from(sub[j], () => sub[j][Math.floor(rng.next() * test.length)]);
      expect(Array.from(cache.margins(cols, changed))).toEqual(Array.from(predictRawMargin(gbdt, cols)));
    }
    // Some trees really were skipped: otherwise the test would not tell the shortcut from the plain method.
    expect(gbdt.trees.some((t) => !t.feature.includes(2))).toBe(true);
  });

  for (const kind of ['gbdt', 'ensemble'] as const) {
    it(`${kind}: the same means and intervals as scoring every shuffle from scratch`, () => {
      const m = model(kind);
      const fast = permutationImportance(m, x, y, test, owners, 42);
      const plain = plainImportance(m, x, y, test, owners, 42);
      expect(fast).toEqual(plain);
      expect(columns.length).toBe(fast.length);
      // The planted signal: a and b matter, c does not.
      expect(fast[0].mean).toBeGreaterThan(0.05);
      expect(Math.abs(fast[2].mean)).toBeLessThan(0.01);
    });
  }
});

describe('kept tree values on many features, rows run again from the first node testing a changed feature', () => {
  // 40 features, features 3 and 35 planted (with 10% missing in 35) and tested in the same trees, so a row may be run
  // again from a node below another changed feature's, or above it; changes to one, to both, to one of the rest.
  // Data: seeded mulberry32, 2,500 rows, the other features noise.
  const n = 2500;
  const nf = 40;
  const rng = createRng(31);
  const x = Array.from({ length: nf }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < nf; f++) x[f][i] = rng.normal();
    if (rng.next() < 0.1) x[35][i] = NaN;
    const x35 = x[35][i] === x[35][i] ? x[35][i] : 0.5;
    y[i] = rng.next() < 1 / (1 + Math.exp(-(x[3][i] - 0.8 * x35 + 0.3 * x[10][i]))) ? 1 : 0;
  }
  const gbdt = fitGbdt(x, y, { maxIter: 30, maxLeafNodes: 8, seed: 2, earlyStopping: false });

  it('equal predictRawMargin bit for bit when features change, alone or together', () => {
    const cache = new TreeValueCache(gbdt.baseMargin, gbdt.trees, x, n);
    expect(gbdt.trees.some((t) => t.feature.includes(3) && t.feature.includes(35))).toBe(true);
    const shuffle = createRng(8);
    for (const changed of [[3], [35], [3, 35], [10], [39], [0, 32]]) {
      const cols = x.slice();
      for (const j of changed) cols[j] = Float64Array.from(x[j], () => x[j][Math.floor(shuffle.next() * n)]);
      expect(Array.from(cache.margins(cols, changed))).toEqual(Array.from(predictRawMargin(gbdt, cols)));
    }
  });
});
