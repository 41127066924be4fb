// The side metrics (bootstrap stability, sampled silhouette) are started before the main k-means and finished
// with its labels, on a helper thread for large data. Both paths must give exactly what bootstrapStability and
// silhouetteScore give when called directly after the fit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapStability, kmeans, silhouetteScore, type Matrix } from '../../../main/analysis/segment/index';
import { mulberry32 } from '../../../main/analysis/random';
import { startSideMetrics } from '../../../main/workspace/segments/side-metrics';
import { startWarm } from '../../../main/jobs/warm-worker';

function blobs(n: number, seed: number): Matrix {
  const rnd = mulberry32(seed);
  const centres = [[0, 0, 0], [6, 0, 2], [0, 7, -3], [5, 5, 5]];
  const data = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) data[i * 3 + j] = centres[i % 4][j] + (rnd() - 0.5) * 4;
  return { data, rows: n, cols: 3 };
}

const ctx = { isCancelled: () => false, onProgress: () => undefined };
const WORKER = join(__dirname, '../../../out/main/worker.js');
const SMALL_ENTRY = join(__dirname, '../../../out/main/side-metrics-helper.js');

describe('side metrics started before the fit', () => {
  const m = blobs(3000, 11);
  const k = 4;
  const opts = { k, seed: 5, resamples: 6, stabilityRows: 1200, silhouetteSample: 700, maxIterations: 300, tolerance: 1e-4 };
  const fit = kmeans(m, { k, seed: 5, restarts: 1, maxIterations: 300, tolerance: 1e-4 });
  const expected = {
    stability: bootstrapStability(m, fit.labels, k, { seed: 5, resamples: 6, maxRows: 1200 }),
    silhouette: silhouetteScore(m, fit.labels, k, { sampleSize: 700, seed: 5 }),
  };

  it('in-process: identical to the direct calls', async () => {
    const side = startSideMetrics(m, opts, ctx);
    const got = await side.finish(fit.labels);
    expect(got.stability).toEqual(expected.stability);
    expect(got.silhouette).toEqual(expected.silhouette);
    expect(Math.min(...got.stability)).toBeGreaterThan(0.9);
  });

  it.skipIf(!existsSync(SMALL_ENTRY))('on the helper thread from its own small entry (built): identical to the direct calls', async () => {
    const side = startSideMetrics(m, opts, ctx, { workerPath: SMALL_ENTRY });
    try {
      const got = await side.finish(fit.labels);
      expect(got.stability).toEqual(expected.stability);
      expect(got.silhouette).toEqual(expected.silhouette);
    } finally {
      side.stop();
    }
  });

  it.skipIf(!existsSync(SMALL_ENTRY))('on a helper thread started ahead of its input (warm-worker.ts): identical, and that thread did the work', async () => {
    const warm = startWarm(SMALL_ENTRY);
    const side = startSideMetrics(m, opts, ctx, undefined, warm);
    try {
      expect(warm.taken).toBe(true);
      const got = await side.finish(fit.labels);
      expect(got.stability).toEqual(expected.stability);
      expect(got.silhouette).toEqual(expected.silhouette);
    } finally {
      side.stop();
    }
  });

  it.skipIf(!existsSync(SMALL_ENTRY))('a thread started ahead that died first is not used: a fresh one gives the same result', async () => {
    const warm = startWarm(SMALL_ENTRY);
    await warm.worker.terminate();
    expect(warm.alive()).toBe(false);
    const side = startSideMetrics(m, opts, ctx, undefined, warm);
    try {
      expect(warm.taken).toBe(false);
      const got = await side.finish(fit.labels);
      expect(got.stability).toEqual(expected.stability);
      expect(got.silhouette).toEqual(expected.silhouette);
    } finally {
      side.stop();
    }
  });

  it.skipIf(!existsSync(WORKER))('on the helper thread (built worker): identical to the direct calls', async () => {
    const side = startSideMetrics(m, opts, ctx, { workerPath: WORKER });
    try {
      const got = await side.finish(fit.labels);
      expect(got.stability).toEqual(expected.stability);
      expect(got.silhouette).toEqual(expected.silhouette);
    } finally {
      side.stop();
    }
  });

  it('every row when the matrix is smaller than both samples', async () => {
    const small = blobs(200, 3);
    const f = kmeans(small, { k, seed: 1, restarts: 1, maxIterations: 300, tolerance: 1e-4 });
    const got = await startSideMetrics(small, { ...opts, seed: 1 }, ctx).finish(f.labels);
    expect(got.silhouette).toEqual(silhouetteScore(small, f.labels, k));
    expect(got.silhouette.sampleSize).toBe(200);
    expect(got.stability).toEqual(bootstrapStability(small, f.labels, k, { seed: 1, resamples: 6, maxRows: 1200 }));
  });
});
