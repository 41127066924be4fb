// Histograms on several threads (the fit's hot loop, ~70% of its time at 1M rows). The features are cut into one
// block per thread; each block's bins are a row-major matrix of their own in a SharedArrayBuffer, shared like the
// gradients, hessians and row partition. To build a node's histogram the fitting thread publishes the node (its
// slice of the partition) and wakes the helpers; every thread, the fitting one too, takes the next block from a
// shared counter until none is left (a helper still starting simply joins later; nobody waits for it), and the
// fitting thread returns once every block is done, copying the blocks the helpers built into the node's histogram.
// A block sums each of its features over the node's rows in row order, exactly as the single-threaded pass does, so
// the histogram — and so the model — is bit-identical for any number of threads (tests/unit/predict/
// gbdt-threads.test.ts). Synchronisation is Atomics on a small control array; a postMessage per node would cost more
// than the smaller nodes take to build.
// Why separate memory everywhere (measured on the 2-core benchmark machine): a node's rows are scattered over the
// data, so its pass waits on memory; with one row-major matrix both threads need the same cache line of every row
// and the thread in front pays every miss (no gain at all on 1M rows), whereas with a matrix per block each thread
// fetches only its own lines (2× on scattered rows). Likewise two threads writing disjoint halves of one shared
// histogram ran 2.2× slower than writing separate ones, so each helper has its own.
// The worker side (starting the helper threads) is workspace/predict/gbdt-pool.ts; this file does no I/O.
import { FEATURE_STRIDE, histogramSize, nodeHistogramOfBlock, rootHistogramOfBlock } from './histogram';
import type { HistogramBuilder } from './grow';
import { HelperJudge } from './helper-judge';
import type { KernelPool, KernelShared } from './kernel-pool';
import { CONTROL_SLOTS, HELPED, READY, runHelperLoop, runPooledPass, stopHelpers, waitForHelpers } from '../../block-pool-control';

/** Slots of the pass parameters: root (1) or node (0), slice start, slice end, number of blocks. */
const ROOT = 0;
const START = 1;
const END = 2;
const BLOCKS = 3;

/** A block of features: bins of features first..first+width−1, row-major (row i at i·width). */
export interface FeatureBlock {
  first: number;
  width: number;
  bins: Uint8Array;
}

/** What the fitting thread and its helpers share for one fit (every array in shared memory). */
export interface GbdtSharedState {
  blocks: FeatureBlock[];
  nFeatures: number;
  gradients: Float32Array;
  hessians: Float32Array;
  partition: Uint32Array;
  /** One histogram per helper (helper k, numbered as it starts, writes only outs[k]). */
  outs: Float64Array[];
  /** Per block of the current pass: the helper that built it, or −1 when the fitting thread did. */
  owner: Int32Array;
  params: Int32Array;
  control: Int32Array;
}

/** Below this many rows a node is built by the fitting thread alone: waking a helper (~tens of µs) would cost more. */
export const MIN_PARALLEL_NODE_ROWS = 8192;

/** A typed array of `n` elements over a SharedArrayBuffer of its own (at least one element's bytes). */
function sharedArray<T>(Type: { new (buffer: SharedArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, n: number): T {
  return new Type(new SharedArrayBuffer(Type.BYTES_PER_ELEMENT * Math.max(1, n)), 0, n);
}

export const sharedFloat64 = (n: number): Float64Array => sharedArray(Float64Array, n);
export const sharedFloat32 = (n: number): Float32Array => sharedArray(Float32Array, n);
export const sharedInt32 = (n: number): Int32Array => sharedArray(Int32Array, n);
export const sharedUint32 = (n: number): Uint32Array => sharedArray(Uint32Array, n);
export const sharedUint8 = (n: number): Uint8Array => sharedArray(Uint8Array, n);

export const isShared = (a: ArrayBufferView): boolean => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;

/** The features 0..F−1 cut into `count` blocks of (nearly) equal width: ⌊b·F/count⌋ .. ⌊(b+1)·F/count⌋ − 1. */
export function featureBlocks(nFeatures: number, count: number): { first: number; width: number }[] {
  const nb = Math.max(1, Math.min(count, nFeatures));
  return Array.from({ length: nb }, (_, b) => {
    const first = Math.floor((b * nFeatures) / nb);
    return { first, width: Math.floor(((b + 1) * nFeatures) / nb) - first };
  });
}

export function gbdtSharedState(blocks: FeatureBlock[], nFeatures: number, gradients: Float32Array, hessians: Float32Array, partition: Uint32Array, helpers: number): GbdtSharedState {
  for (const a of [...blocks.map((b) => b.bins), gradients, hessians, partition]) if (!isShared(a)) throw new Error('gbdtSharedState: every array must be in shared memory');
  return {
    blocks,
    nFeatures,
    gradients,
    hessians,
    partition,
    outs: Array.from({ length: helpers }, () => new Float64Array(new SharedArrayBuffer(8 * histogramSize(nFeatures)))),
    owner: new Int32Array(new SharedArrayBuffer(4 * blocks.length)),
    params: new Int32Array(new SharedArrayBuffer(4 * 4)),
    control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS)),
  };
}

/** Block b of the pass published in `params`, into `out`. */
function runBlock(s: GbdtSharedState, b: number, out: Float64Array): void {
  const { params } = s;
  const { bins, width, first } = s.blocks[b];
  if (params[ROOT] === 1) rootHistogramOfBlock(out, bins, width, first, s.gradients, s.hessians);
  else nodeHistogramOfBlock(out, bins, width, first, s.gradients, s.hessians, s.partition, params[START], params[END]);
}

/** The helper's loop (runs on a helper thread until the pool closes); returns how many blocks it built. */
export function runGbdtHelper(s: GbdtSharedState): { blocks: number } {
  const { control, params, owner } = s;
  const id = Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  // More helpers than histograms (cannot happen through gbdt-pool.ts): this one stays out of the way.
  if (id >= s.outs.length) return { blocks: 0 };
  const out = s.outs[id];
  const blocks = runHelperLoop(
    control,
    () => params[BLOCKS],
    (b) => {
      runBlock(s, b, out);
      owner[b] = id;
    },
  );
  return { blocks };
}

export interface PooledHistograms extends HistogramBuilder {
  /** Blocks built by helpers so far, and helpers that have reached their loop (tests, benchmark). */
  stats: () => { helperBlocks: number; ready: number };
  /** Wait (blocking, up to `ms`) until `helpers` helpers have started; true when they all have. */
  waitForHelpers: (helpers: number, ms: number) => boolean;
  /** Tell the helpers to leave their loop (the pool then ends the threads). */
  stop: () => void;
}

/**
 * The fitting thread's side, over the state's blocks (featureBlocks: one per thread). With `leaveBlocksToHelpers`
 * (tests) the fitting thread builds no block of a pass, so a test can tell that the helpers really did the work.
 */
export function pooledHistograms(s: GbdtSharedState, single: HistogramBuilder, leaveBlocksToHelpers = false): PooledHistograms {
  const { control, params, owner, blocks } = s;
  const nb = blocks.length;
  // Whether the helpers are getting a core (helper-judge.ts); when not, nodes are built alone for a while.
  const judge = new HelperJudge();
  const run = (out: Float64Array, root: boolean, start: number, end: number) => {
    params[ROOT] = root ? 1 : 0;
    params[START] = start;
    params[END] = end;
    params[BLOCKS] = nb;
    const pass = runPooledPass(
      control,
      nb,
      (b) => {
        runBlock(s, b, out);
        owner[b] = -1;
      },
      leaveBlocksToHelpers,
    );
    if (pass.mine > 0 && pass.mine < nb) judge.record(pass.ownMs, pass.waitMs);
    for (let b = 0; b < nb; b++) {
      if (owner[b] < 0) continue;
      const from = blocks[b].first * FEATURE_STRIDE;
      out.set(s.outs[owner[b]].subarray(from, from + blocks[b].width * FEATURE_STRIDE), from);
    }
  };
  const n = s.gradients.length;
  // Built alone, a node goes through the single-threaded pass over the one all-feature matrix (`single`): one pass
  // over its rows, not one per block.
  const alone = single.node;
  const node = (out: Float64Array, start: number, end: number) => {
    const rows = end - start;
    if (leaveBlocksToHelpers) return run(out, false, start, end);
    if (rows < MIN_PARALLEL_NODE_ROWS || !judge.usePool()) return alone(out, start, end);
    run(out, false, start, end);
  };
  return {
    root: (out) => {
      if (!leaveBlocksToHelpers && (n < MIN_PARALLEL_NODE_ROWS || judge.backingOff())) single.root(out);
      else run(out, true, 0, n);
    },
    node,
    stats: () => ({ helperBlocks: Atomics.load(control, HELPED), ready: Atomics.load(control, READY) }),
    waitForHelpers: (helpers, ms) => waitForHelpers(control, helpers, ms),
    stop: () => stopHelpers(control),
  };
}

/**
 * Helper threads for one fit (workspace/predict/gbdt-pool.ts starts them): given the shared state, the histogram
 * builder the fit uses and a close that ends the threads. fitGbdt opens it only for large fits (GBDT_POOL_MIN_ROWS):
 * `open` for the TypeScript passes, `openKernel` for the WebAssembly kernel's (kernel-pool.ts).
 */
export interface GbdtParallel {
  /** Helper threads it starts (gbdtSharedState makes a histogram for each). */
  helpers: number;
  /** `single`: the fit's single-threaded builder, for the nodes the fitting thread builds alone. */
  open: (state: GbdtSharedState, single: HistogramBuilder) => HistogramBuilder & { close: () => void };
  /** Starts the helpers on the kernel's shared memory (`rows.attachPool` makes the pool); close ends them. */
  openKernel: (rows: KernelPoolHost) => { close: () => void };
}

/** The kernel's rows, as the thread starter sees them (kernel-rows.ts). */
export interface KernelPoolHost {
  attachPool: (threads: number, leaveToHelpers?: boolean) => { shared: KernelShared; pool: KernelPool };
}
