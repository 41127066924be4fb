// Helper threads for a gradient-boosting fit's histograms (analysis/predict/gbdt/pool-blocks.ts over the fit's
// shared memory): each helper is the small built entry out/main/gbdt-helper.js (main/jobs/gbdt-helper.ts), started
// when a large fit begins and ended when it returns. The fitting thread never waits for a helper to arrive: it builds
// every block a helper has not taken, so a slow start only means less help. The model is the same bits with any
// number of helpers (tests/unit/predict/gbdt-threads.test.ts).
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { builtEntry } from '../../jobs/built-entry';
import type { HistogramBuilder } from '../../analysis/predict/gbdt/grow';
import { pooledHistograms, type GbdtParallel, type GbdtSharedState, type KernelPoolHost } from '../../analysis/predict/gbdt/pool-blocks';
import { useGbdtKernel } from '../../analysis/predict/gbdt/kernel-rows';

/**
 * Process settings for the fit's WebAssembly kernel (analysis/predict/gbdt/kernel-rows.ts), made where a training
 * job starts; the analysis layer reads no environment. CXW_GBDT_WASM=0: the TypeScript passes (the same model, bit
 * for bit), for A/B benchmark runs. --no-liftoff: compile the kernel with the optimising compiler straight away (as
 * for k-means, segments/kernel-setup.ts): a root histogram is one long call, and a call begun in the baseline
 * compiler's code finishes there.
 */
export function setUpGbdtKernel(): void {
  useGbdtKernel(process.env.CXW_GBDT_WASM !== '0');
  setFlagsFromString('--no-liftoff');
}

/**
 * Helper threads beside the fitting thread: one per further core, at most 3. CXW_GBDT_HELPERS=N overrides it (the
 * benchmark compares 0 and the default back to back; the model is the same either way).
 */
export function defaultGbdtHelpers(): number {
  const forced = process.env.CXW_GBDT_HELPERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(8, Number(forced));
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

export interface GbdtThreadsHandle extends GbdtParallel {
  /** The last opened pool's counters (tests): blocks helpers built, helpers that reached their loop. */
  lastStats: () => { helperBlocks: number; ready: number } | null;
}

/**
 * Histograms on `helpers` helper threads plus the fitting thread. `workerPath` defaults to the built entry; without
 * one (unit tests on the sources) or with 0 helpers, undefined: the fit stays on one thread. `leaveBlocksToHelpers`
 * and `waitMs` (tests): the fitting thread builds no pooled block itself, after waiting up to waitMs for every helper
 * to start, so a test can tell the helpers did the work.
 */
export function gbdtThreads(
  helpers = defaultGbdtHelpers(),
  workerPath: string | null = builtEntry('gbdt-helper.js'),
  test: { leaveBlocksToHelpers?: boolean; waitMs?: number } = {},
): GbdtThreadsHandle | undefined {
  if (helpers < 1 || workerPath === null) return undefined;
  let last: { stats: () => { helperBlocks: number; ready: number } } | null = null;
  const start = (data: unknown): Worker[] =>
    Array.from({ length: helpers }, () => {
      const w = new Worker(workerPath, { workerData: data });
      // A helper that fails to start only means fewer threads; one failing inside a pass sets the failed flag.
      w.on('error', () => undefined);
      return w;
    });
  return {
    helpers,
    openKernel: (rows: KernelPoolHost) => {
      const { shared, pool } = rows.attachPool(helpers + 1, test.leaveBlocksToHelpers === true);
      const workers = start(shared);
      last = {
        stats: () => {
          const { helperParts, ready } = pool.stats();
          return { helperBlocks: helperParts, ready };
        },
      };
      if (test.waitMs) pool.waitForHelpers(helpers, test.waitMs);
      return {
        close: () => {
          pool.stop();
          for (const w of workers) void w.terminate();
        },
      };
    },
    open: (state: GbdtSharedState, single: HistogramBuilder) => {
      const workers = start(state);
      const pool = pooledHistograms(state, single, test.leaveBlocksToHelpers === true);
      last = pool;
      if (test.waitMs) pool.waitForHelpers(helpers, test.waitMs);
      return {
        root: pool.root,
        node: pool.node,
        close: () => {
          pool.stop();
          for (const w of workers) void w.terminate();
        },
      };
    },
    lastStats: () => last?.stats() ?? null,
  };
}
