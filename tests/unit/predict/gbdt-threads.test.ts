// Histograms on helper threads (analysis/predict/gbdt/pool-blocks.ts, workspace/predict/gbdt-pool.ts) give the same
// model, bit for bit, as the single-threaded fit: the expected value of every comparison is the single-threaded
// fit's own JSON (itself checked against scikit-learn in gbdt-sklearn.test.ts), and the comparison is string
// equality of the two JSON texts (every double printed to the last bit). Data: seeded mulberry32 (main/analysis/
// random.ts), 30,000 rows × 10 features, two of them 15% missing, outcome from a planted non-linear logit.
//
// The thread tests need the built helper entry (out/main/gbdt-helper.js, `npm run build`) and are skipped without it,
// like the k-means helper tests; the piecewise-histogram test runs on the sources.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitGbdt, GBDT_POOL_MIN_ROWS } from '../../../main/analysis/predict/gbdt/boost';
import { buildNodeHistogram, buildRootHistogram, histogramSize, nodeHistogramOfBlock, rootHistogramOfBlock } from '../../../main/analysis/predict/gbdt/histogram';
import { toRowMajor } from '../../../main/analysis/predict/gbdt/binning';
import { useGbdtKernel } from '../../../main/analysis/predict/gbdt/kernel-rows';
import { createRng } from '../../../main/analysis/random';
import { gbdtThreads } from '../../../main/workspace/predict/gbdt-pool';

const WORKER = join(__dirname, '../../../out/main/gbdt-helper.js');
const built = existsSync(WORKER);
if (!built) console.warn(`Skipping the gbdt helper-thread tests: ${WORKER} is absent (npm run build).`);

const N = 30_000;
const F = 10;

function data(): { X: Float64Array[]; y: Uint8Array } {
  const rng = createRng(2024);
  const X = Array.from({ length: F }, () => new Float64Array(N));
  const y = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    for (let f = 0; f < F; f++) X[f][i] = f < 6 ? rng.normal() : Math.floor(rng.next() * 8);
    for (const f of [2, 7]) if (rng.next() < 0.15) X[f][i] = NaN;
    const x2 = X[2][i] === X[2][i] ? X[2][i] : 1;
    const logit = -0.7 + 0.9 * X[0][i] - 0.5 * X[1][i] * x2 + (X[6][i] > 5 ? 0.8 : 0) - 0.3 * X[3][i] ** 2 + 0.4 * Math.sin(2 * X[4][i]);
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y };
}

describe('histograms built feature block by feature block', () => {
  it('equal the whole pass bit for bit, at the root and for a node slice', () => {
    const rng = createRng(9);
    const n = 5000;
    const nf = 7;
    const columns = Array.from({ length: nf }, () => Uint8Array.from({ length: n }, () => (rng.next() < 0.05 ? 255 : Math.floor(rng.next() * 200))));
    const bins = toRowMajor(columns);
    const g = Float32Array.from({ length: n }, () => rng.normal());
    const h = Float32Array.from({ length: n }, () => rng.next() * 0.25);
    const rows = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % n);
    // Blocks of features 0–2, 3 and 4–6, each its own row-major matrix, as pool-blocks.ts lays them out.
    const blocks = [[0, 3], [3, 1], [4, 3]].map(([first, width]) => ({ first, width, bins: toRowMajor(columns.slice(first, first + width)) }));
    const whole = new Float64Array(histogramSize(nf));
    const pieces = new Float64Array(histogramSize(nf)).fill(Number.NaN);
    buildRootHistogram(whole, bins, nf, g, h);
    for (const b of blocks) rootHistogramOfBlock(pieces, b.bins, b.width, b.first, g, h);
    expect(pieces).toEqual(whole);
    buildNodeHistogram(whole, bins, nf, g, h, rows, 1000, 4321);
    pieces.fill(Number.NaN);
    for (const b of blocks) nodeHistogramOfBlock(pieces, b.bins, b.width, b.first, g, h, rows, 1000, 4321);
    expect(pieces).toEqual(whole);
  });
});

describe.skipIf(!built)('gradient boosting with helper threads (built helper entry)', () => {
  // These helpers serve the TypeScript passes (the fallback when the WebAssembly kernel cannot run, and
  // CXW_GBDT_WASM=0); the kernel's own threads are tested in gbdt-kernel.test.ts.
  beforeAll(() => useGbdtKernel(false));
  afterAll(() => useGbdtKernel(true));
  const { X, y } = data();
  const rows = Uint32Array.from({ length: 24_000 }, (_, i) => i + 3000);
  const opts = { maxIter: 25, seed: 5, parallelMinRows: 0 };

  for (const earlyStopping of [false, true]) {
    it(`1 vs 2 and 3 threads: the same model JSON (early stopping ${earlyStopping ? 'on' : 'off'})`, () => {
      const one = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping }, rows));
      for (const helpers of [1, 2]) {
        const threads = gbdtThreads(helpers, WORKER)!;
        const many = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping, parallel: threads }, rows));
        expect(many).toBe(one);
        expect(threads.lastStats()).not.toBeNull();
      }
    }, 60_000);
  }

  it('the helpers really build: with the fitting thread building no pooled block itself, still the same model', () => {
    const one = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping: false }));
    const threads = gbdtThreads(1, WORKER, { leaveBlocksToHelpers: true, waitMs: 10_000 })!;
    const many = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping: false, parallel: threads }));
    expect(many).toBe(one);
    const stats = threads.lastStats()!;
    expect(stats.ready).toBe(1);
    // 25 trees × at least the root and one child per split: every block of every pass went to the helper.
    expect(stats.helperBlocks).toBeGreaterThanOrEqual(25 * 2 * 2);
  }, 60_000);

  it(`below ${GBDT_POOL_MIN_ROWS.toLocaleString('en-US')} training rows (the default) no helper is started`, () => {
    const threads = gbdtThreads(1, WORKER)!;
    fitGbdt(X, y, { maxIter: 3, seed: 5, earlyStopping: false, parallel: threads }, rows);
    expect(threads.lastStats()).toBeNull();
  });
});
