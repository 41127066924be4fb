// Helper threads for the WebAssembly kernel's passes (gbdt-kernel.wat over kernel-rows.ts's memory, which is
// shared): each helper instantiates the same kernel over the same memory. A pass is cut into parts, one per thread;
// the fitting thread publishes it in `params` and wakes the helpers, and every thread, the fitting one too, takes the
// next part from a shared counter until none is left (a helper still starting simply joins later; nobody waits for
// it). Synchronisation is Atomics on a small control array, the protocol of block-pool-control.ts, as in pool-blocks.ts.
//   histogram  parts are blocks of features (featureBlocks): each part sums its features over all the node's rows
//              in row order, exactly as the one-thread pass does, into its own features' slots of the histogram;
//   split      parts are runs of the node's rows: the fitting thread first counts, for every part but the last,
//              how many of its rows go left, so each part knows where its left and right rows start; the rows land
//              where the one-thread split puts them.
//   gradients  parts are runs of rows: each row's gradient and hessian from its margin and label (JavaScript, for
//              Math.exp; a row's numbers depend on that row alone);
//   leaves     parts are runs of a grown tree's leaves: each leaf's value added to its rows' margins (a row is in one
//              leaf, so every margin gets the one addition it gets on one thread);
//   validation parts are runs of the early-stopping rows: each row's margin moved by the grown tree and its log-loss
//              term written down; the fitting thread then adds the terms in row order, as meanLogLoss does.
// So the histograms, the order of every node's rows, and the model are the same bits with any number of threads
// (tests/unit/predict/gbdt-kernel.test.ts). Rows lie together here, so unlike pool-blocks.ts the threads can share
// one matrix: each streams through it rather than waiting on scattered cache lines.
import { CONTROL_SLOTS, HELPED, READY, runHelperLoop, runPooledPass, stopHelpers, waitForHelpers } from '../../block-pool-control';
import { HelperJudge } from './helper-judge';
import { FEATURE_STRIDE } from './histogram';
import { sigmoid } from './model';
import { MISSING_BIN } from './binning';
import { kernelExports, type KernelExports } from './kernel-exports';
import { featureBlocks, sharedFloat64, sharedInt32 } from './pool-blocks';

/** What the fitting thread and its helpers share (sent to each helper as its workerData). */
export interface KernelShared {
  kind: 'kernel';
  memory: WebAssembly.Memory;
  params: Int32Array;
  control: Int32Array;
  /** The training rows' margins and labels (shared memory). */
  margin: Float64Array;
  labels: Uint8Array;
  /** Byte offsets in `memory`: the (gradient, hessian) pairs in row order, and the three sets of row indices. */
  gh: number;
  rowSets: [number, number, number];
  /** A grown tree's leaves for the leaves pass: per leaf its start, end, row set (0–2) and value. */
  leaves: Float64Array;
  /** The early-stopping rows, when the fit holds some out (setValidation in kernel-rows.ts). */
  validation: SharedValidation | null;
}

/** The early-stopping rows and the grown tree, in shared memory for the validation pass. */
export interface SharedValidation {
  /** Bins, feature by feature: feature f's at f·n … f·n + n − 1. */
  bins: Uint8Array;
  labels: Uint8Array;
  margin: Float64Array;
  /** Each row's log-loss term after the last tree. */
  terms: Float64Array;
  /** The grown tree, per node: feature, bin, missingLeft, left, right (5 slots), and its values. */
  tree: Int32Array;
  values: Float64Array;
}

/** Leaves the shared table holds; a tree with more has its margins updated by the fitting thread alone. */
export const MAX_SHARED_LEAVES = 1024;

/** Nodes the shared tree table holds; a larger tree is validated by the fitting thread alone. */
export const MAX_SHARED_NODES = 2 * MAX_SHARED_LEAVES;

/**
 * Validation rows from..to−1: the tree in `v.tree` added to their margins (boost.ts addBinnedTree's traversal) and
 * each row's log-loss term at its new margin (meanLogLoss's own expression).
 */
export function validateRows(v: SharedValidation, from: number, to: number): void {
  const { bins, labels: y, margin, terms, tree, values } = v;
  const n = y.length;
  for (let i = from; i < to; i++) {
    let node = 0;
    while (tree[5 * node] >= 0) {
      const b = bins[tree[5 * node] * n + i];
      const left = b === MISSING_BIN ? tree[5 * node + 2] === 1 : b <= tree[5 * node + 1];
      node = left ? tree[5 * node + 3] : tree[5 * node + 4];
    }
    margin[i] += values[node];
    const r = margin[i];
    terms[i] = Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r))) - y[i] * r;
  }
}


/** One thread's views of the shared arrays the JavaScript passes use. */
interface Views {
  gh: Float32Array;
  rowSets: Uint32Array[];
}

function viewsOf(s: KernelShared): Views {
  const n = s.labels.length;
  return { gh: new Float32Array(s.memory.buffer, s.gh, 2 * n), rowSets: s.rowSets.map((at) => new Uint32Array(s.memory.buffer, at, n)) };
}

/**
 * Rows from..to−1: gradient p − y and hessian p(1 − p) of the log loss at p = σ(margin), as float32 pairs (the same
 * arithmetic as boost.ts's computeGradients, whatever thread runs it).
 */
export function gradientPairs(y: Uint8Array, margin: Float64Array, gh: Float32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const p = sigmoid(margin[i]);
    gh[2 * i] = p - y[i];
    gh[2 * i + 1] = p * (1 - p);
  }
}

/** Leaves from..to−1 of the shared table: each leaf's value added to the margins of its rows. */
export function addLeafValues(leaves: Float64Array, rowSets: Uint32Array[], margin: Float64Array, from: number, to: number): void {
  for (let l = from; l < to; l++) {
    const rows = rowSets[leaves[4 * l + 2]];
    const v = leaves[4 * l + 3];
    for (let j = leaves[4 * l], end = leaves[4 * l + 1]; j < end; j++) margin[rows[j]] += v;
  }
}

/** Params slots: the pass type, its number of parts, its arguments, then 4 slots per part and a result per part. */
const TYPE = 0;
const PARTS = 1;
const ARGS = 2;
const PART_TABLE = 16;
const RESULTS = 40;
const PARAM_SLOTS = 48;
/** At most 5 parts (the fitting thread and 4 helpers; gbdt-pool.ts starts at most 3). */
export const MAX_KERNEL_PARTS = 5;
const HISTOGRAM = 1;
const SPLIT = 2;
const GRADIENTS = 3;
const LEAVES = 4;
const VALIDATION = 5;

/** Below this many rows a node's pass is run by the fitting thread alone: waking a helper would cost more. */
export const MIN_POOLED_ROWS = 8192;

export function kernelShared(memory: WebAssembly.Memory, rows: Pick<KernelShared, 'margin' | 'labels' | 'gh' | 'rowSets' | 'validation'>): KernelShared {
  return {
    kind: 'kernel',
    memory,
    params: sharedInt32(PARAM_SLOTS),
    control: sharedInt32(CONTROL_SLOTS),
    ...rows,
    leaves: sharedFloat64(4 * MAX_SHARED_LEAVES),
  };
}

/** Part `part` of the pass published in `s.params`. */
function runPart(k: KernelExports, s: KernelShared, v: Views, part: number): void {
  const p = s.params;
  const t = PART_TABLE + 4 * part;
  if (p[TYPE] === GRADIENTS) gradientPairs(s.labels, s.margin, v.gh, p[t], p[t + 1]);
  else if (p[TYPE] === LEAVES) addLeafValues(s.leaves, v.rowSets, s.margin, p[t], p[t + 1]);
  else if (p[TYPE] === VALIDATION) validateRows(s.validation!, p[t], p[t + 1]);
  else if (p[TYPE] === HISTOGRAM) {
    // args: out, bins, stride, gh, start, end; part: first feature, width.
    const first = p[t];
    k.histogram(p[ARGS] + 8 * FEATURE_STRIDE * first, p[ARGS + 1] + first, p[ARGS + 2], p[t + 1], p[ARGS + 3], p[ARGS + 4], p[ARGS + 5]);
  } else {
    // args: srcBins, dstBins, stride, column, srcGh, dstGh, srcIdx, dstIdx, splitBin, missingLeft; part: start, end,
    // leftAt, rightAt.
    const a = ARGS;
    p[RESULTS + part] = k.splitRows(p[a], p[a + 1], p[a + 2], p[a + 3], p[a + 4], p[a + 5], p[a + 6], p[a + 7], p[t], p[t + 1], p[t + 2], p[t + 3], p[a + 8], p[a + 9]);
  }
}

/** The helper's loop (on a helper thread until the pool stops); returns how many parts it ran. */
export function runKernelHelper(s: KernelShared): { parts: number } {
  const { control, params } = s;
  const k = kernelExports(s.memory);
  const views = viewsOf(s);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  // Spinning: the next pass usually comes within tens of microseconds (a split search).
  const parts = runHelperLoop(control, () => params[PARTS], (b) => runPart(k, s, views, b), true);
  return { parts };
}

/** A split's arguments (byte offsets into the kernel's memory). */
export interface SplitArgs {
  srcBins: number;
  dstBins: number;
  stride: number;
  column: number;
  srcGh: number;
  dstGh: number;
  srcIdx: number;
  dstIdx: number;
  splitBin: number;
  missingLeft: number;
}

/** The fitting thread's side. `leaveToHelpers` (tests): it runs no part of a pooled pass itself. */
export class KernelPool {
  private readonly judge = new HelperJudge();
  private readonly blocks: { first: number; width: number }[];
  private readonly parts: number;
  private readonly views: Views;

  constructor(
    private readonly s: KernelShared,
    private readonly k: KernelExports,
    nFeatures: number,
    threads: number,
    private readonly leaveToHelpers = false,
  ) {
    // One part count for both kinds of pass (at most one feature a part), as a late helper's take of the counter
    // relies on: the count it compares with is then the same before and after a pass is published.
    this.parts = Math.min(threads, MAX_KERNEL_PARTS, nFeatures);
    this.blocks = featureBlocks(nFeatures, this.parts);
    this.views = viewsOf(s);
  }

  /** Parts that cut `count` items into runs of about equal size. */
  private runs(count: number): void {
    const p = this.s.params;
    for (let i = 0; i < this.parts; i++) {
      p[PART_TABLE + 4 * i] = Math.floor((i * count) / this.parts);
      p[PART_TABLE + 4 * i + 1] = Math.floor(((i + 1) * count) / this.parts);
    }
  }

  /** Every row's gradient and hessian (gradientPairs) from the shared margins and labels. */
  gradients(): void {
    this.s.params[TYPE] = GRADIENTS;
    this.runs(this.s.labels.length);
    this.run(this.parts);
  }

  /** The validation pass over every early-stopping row (the tree already in the shared table). */
  validate(): void {
    this.s.params[TYPE] = VALIDATION;
    this.runs(this.s.validation!.labels.length);
    this.run(this.parts);
  }

  /** The margins updated with the first `count` leaves of the shared table (addLeafValues), cut into runs of about equal rows. */
  addLeaves(count: number): void {
    const { params: p, leaves } = this.s;
    p[TYPE] = LEAVES;
    let total = 0;
    for (let l = 0; l < count; l++) total += leaves[4 * l + 1] - leaves[4 * l];
    // Part i ends after the leaf where the running row count reaches (i + 1)/parts of the total.
    let l = 0;
    let sum = 0;
    for (let i = 0; i < this.parts; i++) {
      p[PART_TABLE + 4 * i] = l;
      const goal = ((i + 1) * total) / this.parts;
      while (l < count && (i === this.parts - 1 || sum < goal)) {
        sum += leaves[4 * l + 1] - leaves[4 * l];
        l++;
      }
      p[PART_TABLE + 4 * i + 1] = l;
    }
    this.run(this.parts);
  }

  /** Whether a pass over `rows` rows goes to the pool (else the caller runs it alone). */
  takes(rows: number, root: boolean): boolean {
    if (this.leaveToHelpers) return true;
    if (rows < MIN_POOLED_ROWS) return false;
    return root ? !this.judge.backingOff() : this.judge.usePool();
  }

  histogram(out: number, bins: number, stride: number, gh: number, start: number, end: number): void {
    const p = this.s.params;
    p[TYPE] = HISTOGRAM;
    p.set([out, bins, stride, gh, start, end], ARGS);
    this.blocks.forEach((b, i) => {
      p[PART_TABLE + 4 * i] = b.first;
      p[PART_TABLE + 4 * i + 1] = b.width;
    });
    this.run(this.blocks.length);
  }

  /** The split of rows start..end−1 (`countLeft` of them go left); returns how many went left. */
  split(a: SplitArgs, start: number, end: number, countLeft: number): number {
    const p = this.s.params;
    const parts = this.parts;
    p[TYPE] = SPLIT;
    p.set([a.srcBins, a.dstBins, a.stride, a.column, a.srcGh, a.dstGh, a.srcIdx, a.dstIdx, a.splitBin, a.missingLeft], ARGS);
    let leftAt = start;
    let rightAt = start + countLeft;
    for (let i = 0; i < parts; i++) {
      const from = start + Math.floor((i * (end - start)) / parts);
      const to = start + Math.floor(((i + 1) * (end - start)) / parts);
      const t = PART_TABLE + 4 * i;
      p[t] = from;
      p[t + 1] = to;
      p[t + 2] = leftAt;
      p[t + 3] = rightAt;
      if (i < parts - 1) {
        const left = this.k.countLeft(a.srcBins, a.stride, a.column, from, to, a.splitBin, a.missingLeft);
        leftAt += left;
        rightAt += to - from - left;
      }
    }
    this.run(parts);
    let left = 0;
    for (let i = 0; i < parts; i++) left += p[RESULTS + i];
    return left;
  }

  /** Blocks helpers ran so far, and helpers that reached their loop (tests, benchmark). */
  stats(): { helperParts: number; ready: number } {
    return { helperParts: Atomics.load(this.s.control, HELPED), ready: Atomics.load(this.s.control, READY) };
  }

  /** Wait (blocking, up to `ms`) until `helpers` helpers have started; true when they all have. */
  waitForHelpers(helpers: number, ms: number): boolean {
    return waitForHelpers(this.s.control, helpers, ms);
  }

  /** Tell the helpers to leave their loop (the pool then ends the threads). */
  stop(): void {
    stopHelpers(this.s.control);
  }

  private run(parts: number): void {
    this.s.params[PARTS] = parts;
    const pass = runPooledPass(this.s.control, parts, (b) => runPart(this.k, this.s, this.views, b), this.leaveToHelpers, true);
    if (pass.mine > 0 && pass.mine < parts) this.judge.record(pass.ownMs, pass.waitMs);
  }
}
