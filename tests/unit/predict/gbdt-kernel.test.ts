// The WebAssembly row passes (analysis/predict/gbdt/gbdt-kernel.wat, kernel-rows.ts) give the same model, bit for
// bit, as the TypeScript passes: the expected value of every comparison is the TypeScript fit's own JSON (itself
// checked against scikit-learn in gbdt-sklearn.test.ts), compared as strings (every double printed to the last bit).
// Data: seeded mulberry32 (main/analysis/random.ts), a planted non-linear logit, some features with missing values
// (so both "missing left" and "missing right" splits occur) and some with few levels (long runs of equal bins).
// The feature counts cover every row layout the kernel copies: 1–8 features (8-byte rows), 9–16 (16), 17–24 (24),
// 25+ (32 and more). The helper-thread tests need the built helper entry (out/main/gbdt-helper.js, `npm run build`)
// and are skipped without it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';
import { GBDT_KERNEL_WASM } from '../../../main/analysis/predict/gbdt/gbdt-kernel.wasm';
import { kernelRows, useGbdtKernel } from '../../../main/analysis/predict/gbdt/kernel-rows';
import type { GbdtOptions } from '../../../main/analysis/predict/gbdt/boost';
import { createRng } from '../../../main/analysis/random';
import { gbdtThreads } from '../../../main/workspace/predict/gbdt-pool';
import { compiledKernelBase64 } from '../../support/wasm-kernels';

function data(n: number, nf: number, seed: number): { X: Float64Array[]; y: Uint8Array } {
  const rng = createRng(seed);
  const X = Array.from({ length: nf }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < nf; f++) X[f][i] = f % 3 === 2 ? Math.floor(rng.next() * 5) : rng.normal();
    for (let f = 1; f < nf; f += 4) if (rng.next() < 0.12) X[f][i] = NaN;
    const x1 = nf > 1 && X[1][i] === X[1][i] ? X[1][i] : -1.5;
    const logit = -0.4 + 1.1 * X[0][i] - 0.8 * x1 + (nf > 2 && X[2][i] > 2 ? 0.9 : 0) + 0.5 * Math.sin(3 * X[0][i]) * (nf > 3 ? X[3][i] : 1);
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y };
}

function bothWays(X: Float64Array[], y: Uint8Array, options: GbdtOptions, rows?: Uint32Array): { kernel: string; typescript: string } {
  useGbdtKernel(true);
  const kernel = JSON.stringify(fitGbdt(X, y, options, rows));
  useGbdtKernel(false);
  const typescript = JSON.stringify(fitGbdt(X, y, options, rows));
  useGbdtKernel(true);
  return { kernel, typescript };
}

afterEach(() => useGbdtKernel(true));

describe('gradient boosting with the WebAssembly row passes', () => {
  it('the generated module is the compiled gbdt-kernel.wat', async () => {
    expect(GBDT_KERNEL_WASM).toBe(await compiledKernelBase64('gbdt-kernel.wasm.ts'));
  });

  it('runs here (so the comparisons below compare two engines, not one with itself)', () => {
    expect(kernelRows([new Uint8Array(10)])).not.toBeNull();
    useGbdtKernel(false);
    expect(kernelRows([new Uint8Array(10)])).toBeNull();
  });

  for (const nf of [1, 5, 8, 9, 16, 20, 24, 27]) {
    it(`${nf} feature(s): the same model JSON as the TypeScript passes`, () => {
      const { X, y } = data(6000, nf, 100 + nf);
      const { kernel, typescript } = bothWays(X, y, { maxIter: 12, seed: 3, earlyStopping: false });
      expect(kernel).toBe(typescript);
      expect(JSON.parse(kernel).trees.length).toBe(12);
    });
  }

  it('with missing values learned on both sides, early stopping, and a row subset', () => {
    const { X, y } = data(12_000, 11, 7);
    // Every row but one in four: ascending indices with gaps, used in place.
    const rows = Uint32Array.from({ length: 12_000 }, (_, i) => i).filter((i) => i % 4 !== 1);
    const { kernel, typescript } = bothWays(X, y, { maxIter: 30, seed: 11, earlyStopping: true, validationFraction: 0.2 }, rows);
    expect(kernel).toBe(typescript);
    const model = JSON.parse(kernel) as { trees: { missingLeft: number[]; feature: number[] }[] };
    const missingFeatures = new Set([1, 5, 9]);
    const sides = new Set(model.trees.flatMap((t) => t.feature.map((f, k) => (missingFeatures.has(f) ? t.missingLeft[k] : -1)).filter((m) => m >= 0)));
    expect([...sides].sort()).toEqual([0, 1]);
  });

  it('depth-limited trees without a leaf limit, large leaves, L2 and few bins', () => {
    const { X, y } = data(8000, 13, 21);
    for (const options of [
      { maxIter: 8, maxLeafNodes: null, maxDepth: 5, earlyStopping: false },
      { maxIter: 8, minSamplesLeaf: 400, l2Regularization: 2, maxBins: 7, earlyStopping: false },
      { maxIter: 8, maxLeafNodes: 2, earlyStopping: false },
    ] satisfies GbdtOptions[]) {
      const { kernel, typescript } = bothWays(X, y, options);
      expect(kernel).toBe(typescript);
    }
  });
});

const WORKER = join(__dirname, '../../../out/main/gbdt-helper.js');
const built = existsSync(WORKER);
if (!built) console.warn(`Skipping the gbdt kernel helper-thread tests: ${WORKER} is absent (npm run build).`);

describe.skipIf(!built)('the kernel on helper threads (built helper entry)', () => {
  // 40,000 rows: the root and the larger nodes (at least MIN_POOLED_ROWS rows) are cut into parts.
  const { X, y } = data(40_000, 14, 77);
  const opts = { maxIter: 15, seed: 5, parallelMinRows: 0 };

  for (const earlyStopping of [false, true]) {
    it(`1 vs 2, 3 and 4 threads: the same model JSON (early stopping ${earlyStopping ? 'on' : 'off'})`, () => {
      const one = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping }));
      for (const helpers of [1, 2, 3]) {
        const threads = gbdtThreads(helpers, WORKER)!;
        const many = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping, parallel: threads }));
        expect(many).toBe(one);
        expect(threads.lastStats()).not.toBeNull();
      }
    }, 60_000);
  }

  it('the helpers really run the passes: with the fitting thread running no pooled part itself, still the same model', () => {
    // Depth-limited trees with no leaf limit: more histograms than the memory first holds, so it grows under the helper.
    const options = { ...opts, maxLeafNodes: null, maxDepth: 7, earlyStopping: false };
    const one = JSON.stringify(fitGbdt(X, y, options));
    const threads = gbdtThreads(1, WORKER, { leaveBlocksToHelpers: true, waitMs: 10_000 })!;
    const many = JSON.stringify(fitGbdt(X, y, { ...options, parallel: threads }));
    expect(many).toBe(one);
    const stats = threads.lastStats()!;
    expect(stats.ready).toBe(1);
    // 15 trees × (the root's histogram, its split, and a child's histogram at least), every part on the helper.
    expect(stats.helperBlocks).toBeGreaterThanOrEqual(15 * 3 * 2);
  }, 60_000);

  it('the TypeScript passes agree with the kernel on helper threads', () => {
    const threads = gbdtThreads(1, WORKER)!;
    const kernel = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping: false, parallel: threads }));
    useGbdtKernel(false);
    const typescript = JSON.stringify(fitGbdt(X, y, { ...opts, earlyStopping: false, parallel: gbdtThreads(1, WORKER)! }));
    expect(kernel).toBe(typescript);
  }, 60_000);
});
