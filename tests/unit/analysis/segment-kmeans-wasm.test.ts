// The WebAssembly k-means kernel (main/analysis/segment/kmeans-kernel.wat, laid out by kmeans-wasm.ts) gives the
// same bits as the TypeScript row passes it replaces (kmeans-blocks.ts, run with useKernel(false)), and the
// generated module is the compiled .wat.
//
// Reference: the TypeScript passes themselves, on the same generated data, compared bit for bit (SHA-256 of every
// result array, inertia and iteration count exactly). The cases cover what the kernel handles differently from the
// scalar code: an odd number of centres and of seeding candidates (the +Infinity lane of the pair tables: k = 1,
// 3, 9 and 21 give 2, 3, 4 and 5 candidates), one feature and many, several blocks with a ragged last one (small
// blockRows through kmeansState), integer-valued data full of tied distances (the first-index tie rule), k close to
// the number of distinct points (empty clusters relocated), and restarts (two result sets).
import { afterEach, describe, expect, it } from 'vitest';
import { assignToCentroids, kmeans, pca2, type KMeansResult, type Matrix } from '../../../main/analysis/segment';
import { kmeansState, Op, P, releaseKMeansState, serialRunner, type KMeansState } from '../../../main/analysis/segment/kmeans-blocks';
import { kmeansPlusPlus, localTrials, seedPlusPlus } from '../../../main/analysis/segment/kmeans-init';
import { lloydHamerly } from '../../../main/analysis/segment/kmeans-lloyd';
import { kernelMatrix, useKernel } from '../../../main/analysis/segment/kmeans-wasm';
import { featureVariance } from '../../../main/analysis/segment/kmeans';
import { meanFeatureVariance } from '../../../main/analysis/segment/distance';
import { mulberry32 } from '../../../main/analysis/random';
import { bytesHash, kmeansDigest } from './segment-helpers';
import { KMEANS_KERNEL_WASM } from '../../../main/analysis/segment/kmeans-kernel.wasm';
import { compiledKernelBase64 } from '../../support/wasm-kernels';

afterEach(() => useKernel(true));
function withKernel<T>(on: boolean, f: () => T): T {
  useKernel(on);
  try {
    return f();
  } finally {
    useKernel(true);
  }
}

/** Overlapping blobs (several Lloyd iterations); `integers` rounds every value, so many distances tie. */
function data(n: number, d: number, seed: number, integers: boolean): Matrix {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = (i % 5) * 3 * (j % 2 ? 1 : -1) + (rnd() - 0.5) * 8;
      out[i * d + j] = integers ? Math.round(v / 3) : v;
    }
  }
  return { data: out, rows: n, cols: d };
}

const h = bytesHash;
const digest = (r: KMeansResult) => ({ ...kmeansDigest(r), converged: r.converged });

const CASES = [
  { n: 5_000, d: 10, k: 8, seed: 1, restarts: 2, integers: false },
  { n: 3_001, d: 1, k: 3, seed: 2, restarts: 1, integers: false },
  { n: 4_000, d: 7, k: 9, seed: 3, restarts: 3, integers: true },
  { n: 2_500, d: 17, k: 21, seed: 4, restarts: 1, integers: false },
  { n: 999, d: 2, k: 1, seed: 5, restarts: 1, integers: false },
  // integer data in 2 dimensions has few distinct points: clusters empty out and are relocated
  { n: 1_200, d: 2, k: 12, seed: 6, restarts: 2, integers: true },
] as const;

describe('WebAssembly k-means kernel', () => {
  it('the generated module is the compiled kmeans-kernel.wat (run node scripts/build-wasm.mjs after editing it)', async () => {
    expect(await compiledKernelBase64('kmeans-kernel.wasm.ts')).toBe(KMEANS_KERNEL_WASM);
  });

  it('runs the passes when enabled, and not when switched off (CXW_KMEANS_WASM=0)', () => {
    const m = data(100, 3, 1, false);
    const on = withKernel(true, () => kmeansState(m.data, 100, 3, 4, localTrials(4)));
    const off = withKernel(false, () => kmeansState(m.data, 100, 3, 4, localTrials(4)));
    expect(on.kernel).toBeDefined();
    expect(off.kernel).toBeUndefined();
    // the data was copied into the kernel's memory, exactly
    expect(h(on.data)).toBe(h(m.data));
    releaseKMeansState(on);
  });

  for (const c of CASES) {
    it(`whole fits match the TypeScript passes bit for bit: n=${c.n} d=${c.d} k=${c.k} restarts=${c.restarts}${c.integers ? ' (integers, tied distances)' : ''}`, () => {
      const m = data(c.n, c.d, c.seed, c.integers);
      const opts = { k: c.k, seed: c.seed, restarts: c.restarts, maxIterations: 300, tolerance: 1e-4 };
      const ts = withKernel(false, () => kmeans(m, opts));
      const wasm = withKernel(true, () => kmeans(m, opts));
      expect(digest(wasm)).toEqual(digest(ts));
      expect(ts.iterations).toBeGreaterThan(1);
      // the kept result is a copy outside the kernel's memory: another call cannot overwrite it
      const again = withKernel(true, () => kmeans(m, { ...opts, seed: c.seed + 100 }));
      expect(digest(wasm)).toEqual(digest(ts));
      expect(again.labels.buffer).not.toBe(wasm.labels.buffer);
    });
  }

  for (const d of [11, 15, 20]) {
    it(`unstandardised data with large spreads (d = ${d}) on reused kernel memory: same bits, no trap`, () => {
      // Review finding: the kernel read params[farthest] before Lloyd's first step set it, from arena memory the
      // previous call (the tolerance scale's sums) had left there; a value over 2^31 trapped the float-to-int.
      const rnd = mulberry32(d);
      // every feature spread over 0–20,000: each sum of squared deviations is ~3e10, over 2^31
      const m: Matrix = { data: Float64Array.from({ length: 1_000 * d }, () => rnd() * 20_000), rows: 1_000, cols: d };
      const opts = { k: 3, seed: 2, restarts: 1, maxIterations: 300, tolerance: 1e-4 };
      const ts = withKernel(false, () => kmeans(m, opts));
      const first = withKernel(true, () => kmeans(m, opts));
      const again = withKernel(true, () => kmeans(m, opts));
      expect(digest(first)).toEqual(digest(ts));
      expect(digest(again)).toEqual(digest(ts));
    });
  }

  it('several blocks with a ragged last one: seeding and every Lloyd iteration match pass by pass', () => {
    const n = 10_007;
    const m = data(n, 5, 9, false);
    const run = (on: boolean) =>
      withKernel(on, () => {
        const st: KMeansState = kmeansState(m.data, n, 5, 7, localTrials(7), { blockRows: 1_000 });
        try {
          const init = seedPlusPlus(st, serialRunner, 42);
          const seeds = h(init);
          const out = lloydHamerly(st, serialRunner, init, 100, 0);
          st.params[P.resultSet] = 0;
          st.centers.set(out.centroids);
          serialRunner.run(st, Op.assignFinal);
          return { seeds, centroids: h(out.centroids), iterations: out.iterations, labels: h(st.results[0].labels), second: h(st.results[0].second), blockSums: h(st.blockSums) };
        } finally {
          releaseKMeansState(st);
        }
      });
    const ts = run(false);
    expect(run(true)).toEqual(ts);
    expect(ts.iterations).toBeGreaterThan(3);
  });

  it('k-means++ seeding alone and scoring against fixed centroids match too (integer rows as centres: exact ties)', () => {
    // Integer data seeded from its own rows: the centres are integer points, so many rows are exactly as far from
    // two centres, and the nearest/second-nearest tie rule (first index wins) decides labels and second labels.
    const m = data(6_000, 4, 11, true);
    const seedsTs = withKernel(false, () => kmeansPlusPlus(m.data, 6_000, 4, 6, 7));
    const seedsWasm = withKernel(true, () => kmeansPlusPlus(m.data, 6_000, 4, 6, 7));
    expect(h(seedsWasm)).toBe(h(seedsTs));
    const ts = withKernel(false, () => assignToCentroids(m, seedsTs, 6));
    const wasm = withKernel(true, () => assignToCentroids(m, seedsTs, 6));
    expect(digest(wasm)).toEqual(digest(ts));
    let ties = 0;
    for (let i = 0; i < 6_000; i++) if (ts.nearest[i] === ts.second[i]) ties++;
    expect(ties).toBeGreaterThan(100);
  });

  it('the tolerance scale (mean feature variance) from the kernel equals distance.ts\'s bit for bit', () => {
    for (const d of [1, 3, 10]) {
      const m = data(4_321, d, 30 + d, false);
      const view = withKernel(true, () => kernelMatrix(4_321 * d))!;
      view.set(m.data);
      // kmeans with tolerance > 0 uses it; the fits can only agree to the bit if the scales do
      const opts = { k: 4, seed: d, restarts: 1, maxIterations: 300, tolerance: 1e-3 };
      const ts = withKernel(false, () => kmeans(m, opts));
      const wasm = withKernel(true, () => kmeans({ data: view, rows: 4_321, cols: d }, opts));
      expect(digest(wasm)).toEqual(digest(ts));
      expect(withKernel(true, () => featureVariance(view, 4_321, d))).toBe(meanFeatureVariance(m.data, 4_321, d));
    }
  });

  for (const d of [1, 2, 7, 10]) {
    it(`PCA means and cross products in the kernel match the TypeScript sums bit for bit (d = ${d})`, () => {
      const m = data(3_001, d, 20 + d, false);
      const ts = withKernel(false, () => pca2(m));
      const wasm = withKernel(true, () => pca2(m));
      expect(h(wasm.x)).toBe(h(ts.x));
      expect(h(wasm.y)).toBe(h(ts.y));
      expect(wasm.explained).toEqual(ts.explained);
      // and on a matrix living in the kernel's memory (used in place), projecting a subset of rows
      const view = withKernel(true, () => kernelMatrix(3_001 * d))!;
      view.set(m.data);
      const rows = Int32Array.from({ length: 500 }, (_, i) => i * 6);
      const inPlace = withKernel(true, () => pca2({ data: view, rows: 3_001, cols: d }, rows));
      const tsRows = withKernel(false, () => pca2(m, rows));
      expect(h(inPlace.x)).toBe(h(tsRows.x));
      expect(inPlace.explained).toEqual(tsRows.explained);
    });
  }

  it('a matrix allocated in the kernel memory is used in place, and a state is given back when the call returns', () => {
    const values = 2_000 * 6;
    const view = withKernel(true, () => kernelMatrix(values));
    expect(view).not.toBeNull();
    const src = data(2_000, 6, 13, false);
    view!.set(src.data);
    const m: Matrix = { data: view!, rows: 2_000, cols: 6 };
    const a = withKernel(true, () => {
      const st = kmeansState(m.data, 2_000, 6, 5, localTrials(5));
      // in place: the state's data is the caller's view (same memory, same offset)
      expect(st.data.byteOffset).toBe(view!.byteOffset);
      expect(st.data.buffer.byteLength).toBeGreaterThanOrEqual(view!.buffer.byteLength);
      const top = st.labels.byteOffset;
      releaseKMeansState(st);
      const st2 = kmeansState(m.data, 2_000, 6, 5, localTrials(5));
      // released: the next state reuses the same place
      expect(st2.labels.byteOffset).toBe(top);
      releaseKMeansState(st2);
      return kmeans(m, { k: 5, seed: 3, restarts: 2, maxIterations: 300, tolerance: 0 });
    });
    const b = withKernel(false, () => kmeans(src, { k: 5, seed: 3, restarts: 2, maxIterations: 300, tolerance: 0 }));
    expect(digest(a)).toEqual(digest(b));
    // the matrix itself is untouched by the run
    expect(h(view!)).toBe(h(src.data));
  });
});
