// Helper threads for the row passes of one k-means call (analysis/segment/kmeans-blocks.ts): each helper is the
// small built entry out/main/kmeans-helper.js (main/jobs/kmeans-helper.ts) holding the same shared memory as the
// job thread. Per pass the job thread publishes the op, resets a shared block counter and wakes the helpers; every
// thread (the job thread too) takes the next block from the counter until none is left, and the job thread
// returns once all blocks are done. Which thread runs a block does not matter: each block writes only its rows and
// its own slot of partial sums, added up in block order afterwards, so the result is bit-identical for any number
// of helpers (tests/unit/analysis/segment-kmeans-parallel.test.ts). A helper that is still starting simply joins
// later: the job thread never waits for one to arrive, only for blocks a helper has taken to finish.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { builtEntry } from '../../jobs/built-entry';
import { handOver, startWarm, type WarmWorker } from '../../jobs/warm-worker';
import { blockCount, P, preparePass, runBlock, type BlockRunner, type KMeansState, type OpCode } from '../../analysis/segment/kmeans-blocks';
import { CONTROL_SLOTS, HELPED, READY, runHelperLoop, runPooledPass, stopHelpers, waitForHelpers } from '../../analysis/block-pool-control';


export interface KMeansHelperInput {
  state: KMeansState;
  control: Int32Array;
}

/** The helper's loop (runs on the helper thread until the pool closes); returns how many blocks it ran. */
export function runKMeansHelper(input: KMeansHelperInput): { blocks: number } {
  const { state, control } = input;
  const nb = blockCount(state.n, state.blockRows);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  // The op is read after taking the block (runHelperLoop says why that is safe).
  const blocks = runHelperLoop(control, () => nb, (b) => runBlock(state, state.params[P.op], b));
  return { blocks };
}

/** Below this many rows k-means stays on the job thread (a helper's start-up, ~0.1 s, would cost more than it saves). */
export const POOL_MIN_ROWS = 200_000;

/**
 * Helper threads beside the job thread: one per further core, at most 3. CXW_KMEANS_HELPERS=N overrides it (the
 * benchmark compares 0 and the default back to back; the result is the same either way).
 */
export function defaultKMeansHelpers(): number {
  const forced = process.env.CXW_KMEANS_HELPERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(8, Number(forced));
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** The k-means helpers started ahead for a run on `rows` rows (warm-worker.ts); none below POOL_MIN_ROWS. */
export function warmKMeansHelpers(rows: number, helpers = defaultKMeansHelpers()): WarmWorker[] {
  const entry = rows >= POOL_MIN_ROWS ? builtEntry('kmeans-helper.js') : null;
  return entry ? Array.from({ length: helpers }, () => startWarm(entry)) : [];
}

/**
 * Row passes on `helpers` helper threads (plus the job thread). `workerPath` defaults to the built helper entry;
 * without one (unit tests on the sources) or with 0 helpers there is nothing to add and undefined is returned.
 */
export interface PoolRunner extends BlockRunner {
  close: () => void;
  /** Blocks run by helpers so far, and how many helpers have reached their loop (for tests and the benchmark). */
  stats: () => { helperBlocks: number; ready: number };
  /** Wait (blocking, up to `ms`) until every helper has started; true when they all have. */
  waitForHelpers: (ms: number) => boolean;
}

/**
 * `leaveBlocksToHelpers` (tests): the job thread only publishes passes and waits, so every block runs on a helper
 * and a test can tell the helpers really did the work.
 */
export function kmeansThreads(
  helpers = defaultKMeansHelpers(),
  workerPath: string | null = builtEntry('kmeans-helper.js'),
  leaveBlocksToHelpers = false,
  warm: WarmWorker[] = [],
): { open: (state: KMeansState) => PoolRunner } | undefined {
  if (helpers < 1 || workerPath === null) return undefined;
  return {
    open: (state) => {
      const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
      const payload: KMeansHelperInput = { state, control };
      const workers = Array.from({ length: helpers }, (_, i) => {
        // Threads started ahead (warm-worker.ts) serve the first pool opened; handOver refuses a taken one.
        const w = handOver(warm[i], payload) ?? new Worker(workerPath, { workerData: payload });
        // A helper that fails to start only means fewer threads; one failing inside a block sets FAILED.
        w.on('error', () => undefined);
        return w;
      });
      const nb = blockCount(state.n, state.blockRows);
      const runner: PoolRunner = {
        run: (s: KMeansState, op: OpCode) => {
          s.params[P.op] = op;
          preparePass(s, op);
          runPooledPass(control, nb, (b) => runBlock(s, op, b), leaveBlocksToHelpers);
        },
        stats: () => ({ helperBlocks: Atomics.load(control, HELPED), ready: Atomics.load(control, READY) }),
        waitForHelpers: (ms) => waitForHelpers(control, helpers, ms),
        close: () => {
          stopHelpers(control);
          for (const w of workers) void w.terminate();
        },
      };
      return runner;
    },
  };
}
