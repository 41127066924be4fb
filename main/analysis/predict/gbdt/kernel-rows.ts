// The fit's rows for the WebAssembly kernel (gbdt-kernel.wat): every array the row passes touch lies in one
// WebAssembly.Memory, and the rows of every node lie together in it, in the order the TypeScript passes visit them.
//
//   base      the bins, row-major, in row order (`stride` bytes a row: the features, padded to 8 bytes), the
//             (gradient, hessian) pairs in row order (written by the fit before each tree: `gh`), the row indices
//   sets 0, 1 the same three arrays, reordered by the current tree's splits: a node at depth d owns positions
//             start..end−1 of set d mod 2 (the root, depth 0, is read from base)
//   histograms, allocated as the tree needs them.
// A split copies its node's rows from its set (base for the root) into the other set, left rows then right rows,
// each side in its previous order (stable, as ArrayTreeRows.split in grow.ts), so a node's rows are visited in
// ascending row index as by the TypeScript passes: the same sums, the same bits. Two sets rather than one reordered
// in place: every row is then written once, with no scratch copy back. A node's slice in its set is never
// overwritten while the node lives: only its own descendants (nested slices, two levels down) reuse those positions,
// and they exist only after the node is split.
import { histogramSize } from './histogram';
import type { TreeRows } from './grow';
import { kernelExports, kernelModule, type KernelExports } from './kernel-exports';
import {
  addLeafValues,
  gradientPairs,
  KernelPool,
  kernelShared,
  MAX_SHARED_LEAVES,
  MAX_SHARED_NODES,
  validateRows,
  type KernelShared,
  type SharedValidation,
} from './kernel-pool';
import type { GrownTree } from './grow';
import { sharedFloat64, sharedInt32, sharedUint8 } from './pool-blocks';

const PAGE = 65536;
/** wasm32 addresses 4 GiB; the rows' arrays must fit below it. */
const MAX_BYTES = 65536 * PAGE;

let enabled = true;
/** Fit with the kernel (default) or with the TypeScript passes, from the next fit on (same model, bit for bit). */
export function useGbdtKernel(on: boolean): void {
  enabled = on;
}

/** Bytes the kernel's rows take for `rows` rows of `nFeatures` bins (histograms not included). */
export function kernelRowsBytes(rows: number, nFeatures: number): number {
  return 3 * rows * (rowStride(nFeatures) + 8 + 4) + 9 * 64;
}

const rowStride = (nFeatures: number): number => Math.ceil(nFeatures / 8) * 8;

/**
 * The kernel's rows for a fit on `columns` (one Uint8Array of bins per feature, all of the same length), or null
 * when the kernel is off or cannot run here (then the fit uses the TypeScript passes).
 */
export function kernelRows(columns: readonly Uint8Array[]): KernelTreeRows | null {
  if (!enabled || columns.length === 0) return null;
  const rows = columns[0].length;
  const histBytes = 8 * histogramSize(columns.length);
  if (kernelRowsBytes(rows, columns.length) + 64 * histBytes > MAX_BYTES) return null;
  if (!kernelModule()) return null;
  try {
    return new KernelTreeRows(columns);
  } catch (err) {
    // No room for the kernel's memory (it asks for its rows at once): the TypeScript passes need less.
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Byte offsets of one set of row arrays. */
interface RowSet {
  bins: number;
  gh: number;
  idx: number;
}

export class KernelTreeRows implements TreeRows {
  /** Gradients and hessians as pairs in row order (gradients() writes them before each tree). */
  readonly gh: Float32Array;
  /** The training rows' margins and 0/1 labels, in shared memory for the helpers: the fit fills both. */
  readonly margin: Float64Array;
  readonly labels: Uint8Array;
  private readonly k: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly n: number;
  private readonly nFeatures: number;
  private readonly stride: number;
  private readonly base: RowSet;
  private readonly sets: [RowSet, RowSet];
  /** Each set's row indices, as views. */
  private readonly rows: [Uint32Array, Uint32Array, Uint32Array];
  private top: number;
  private readonly histBytes: number;
  private readonly free: Float64Array[] = [];

  /** Helper threads for the passes of large nodes (attachPool), or null: every pass on the fitting thread. */
  private pool: KernelPool | null = null;
  private shared: KernelShared | null = null;
  private validation: SharedValidation | null = null;

  constructor(columns: readonly Uint8Array[]) {
    const n = columns[0].length;
    const nFeatures = columns.length;
    const stride = rowStride(nFeatures);
    this.n = n;
    this.nFeatures = nFeatures;
    this.stride = stride;
    this.histBytes = 8 * histogramSize(nFeatures);
    let top = 64;
    const take = (bytes: number): number => {
      const at = top;
      top += Math.ceil(bytes / 64) * 64;
      return at;
    };
    const rowSet = (): RowSet => ({ bins: take(n * stride), gh: take(n * 8), idx: take(n * 4) });
    this.base = rowSet();
    this.sets = [rowSet(), rowSet()];
    this.top = top;
    // Room for the histograms a 31-leaf tree keeps at once; more are added by growing the memory.
    const pages = Math.ceil((top + 40 * this.histBytes) / PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: 65536, shared: true });
    this.k = kernelExports(this.memory);
    const buf = this.memory.buffer;
    const bins = new Uint8Array(buf, this.base.bins, n * stride);
    for (let f = 0; f < nFeatures; f++) {
      const col = columns[f];
      for (let i = 0, o = f; i < n; i++, o += stride) bins[o] = col[i];
    }
    this.gh = new Float32Array(buf, this.base.gh, 2 * n);
    this.rows = [new Uint32Array(buf, this.base.idx, n), new Uint32Array(buf, this.sets[0].idx, n), new Uint32Array(buf, this.sets[1].idx, n)];
    for (let i = 0; i < n; i++) this.rows[0][i] = i;
    this.margin = sharedFloat64(n);
    this.labels = sharedUint8(n);
  }

  /** Every row's gradient and hessian from `margin` and `labels`, before a tree. */
  gradients(): void {
    if (this.pool?.takes(this.n, true)) this.pool.gradients();
    else gradientPairs(this.labels, this.margin, this.gh, 0, this.n);
  }

  /**
   * The early-stopping rows (column-major bins, 0/1 labels), copied into shared memory; returns their margins (filled
   * with `baseMargin`), which validate() moves tree by tree. Call before attachPool.
   */
  setValidation(bins: readonly Uint8Array[], labels: Uint8Array, baseMargin: number): Float64Array {
    const n = labels.length;
    const v: SharedValidation = {
      bins: sharedUint8(n * bins.length),
      labels: sharedUint8(n),
      margin: sharedFloat64(n),
      terms: sharedFloat64(n),
      tree: sharedInt32(5 * MAX_SHARED_NODES),
      values: sharedFloat64(MAX_SHARED_NODES),
    };
    bins.forEach((col, f) => v.bins.set(col, f * n));
    v.labels.set(labels);
    v.margin.fill(baseMargin);
    this.validation = v;
    return v.margin;
  }

  /**
   * The grown tree added to the early-stopping rows' margins, and their mean log loss after it: the same bits as
   * boost.ts's addBinnedTree then meanLogLoss (the terms are added in row order here). Null, with nothing done, for a
   * tree larger than the shared table (the caller then runs those two).
   */
  validate(t: GrownTree): number | null {
    const v = this.validation!;
    const nodes = t.feature.length;
    const n = v.labels.length;
    if (nodes > MAX_SHARED_NODES) return null;
    if (n === 0) return NaN;
    for (let k = 0; k < nodes; k++) {
      v.tree.set([t.feature[k], t.bin[k], t.missingLeft[k], t.left[k], t.right[k]], 5 * k);
      v.values[k] = t.value[k];
    }
    if (this.pool?.takes(n, true)) this.pool.validate();
    else validateRows(v, 0, n);
    let total = 0;
    for (let i = 0; i < n; i++) total += v.terms[i];
    return total / n;
  }

  /** A grown tree's leaf values added to the margins of the leaves' rows. */
  addLeaves(t: GrownTree): void {
    const leaves = t.leafSlices;
    const pooled = this.pool !== null && leaves.length <= MAX_SHARED_LEAVES && this.pool.takes(this.n, true);
    const table = pooled ? this.shared!.leaves : new Float64Array(4 * leaves.length);
    leaves.forEach((leaf, l) => {
      table[4 * l] = leaf.start;
      table[4 * l + 1] = leaf.end;
      table[4 * l + 2] = this.setIndex(leaf.depth);
      table[4 * l + 3] = t.value[leaf.node];
    });
    if (pooled) this.pool!.addLeaves(leaves.length);
    else addLeafValues(table, this.rows, this.margin, 0, leaves.length);
  }

  /**
   * The state helper threads need to share the passes (kernel-pool.ts); `threads` counts the fitting thread.
   * `leaveToHelpers` (tests): the fitting thread runs no part of a pooled pass itself.
   */
  attachPool(threads: number, leaveToHelpers = false): { shared: KernelShared; pool: KernelPool } {
    const shared = kernelShared(this.memory, {
      margin: this.margin,
      labels: this.labels,
      gh: this.base.gh,
      rowSets: [this.base.idx, this.sets[0].idx, this.sets[1].idx],
      validation: this.validation,
    });
    this.shared = shared;
    this.pool = new KernelPool(shared, this.k, this.nFeatures, threads, leaveToHelpers);
    return { shared, pool: this.pool };
  }

  /** Which of the three row index arrays (base, set 0, set 1) holds the nodes at `depth`. */
  private setIndex(depth: number): number {
    return depth === 0 ? 0 : 1 + (depth & 1);
  }

  /** The arrays holding the rows of a node at `depth`. */
  private setOf(depth: number): RowSet {
    return depth === 0 ? this.base : this.sets[depth & 1];
  }

  partition(depth: number): Uint32Array {
    return this.rows[this.setIndex(depth)];
  }

  begin(): { sumGradient: number; sumHessian: number } {
    const gh = this.gh;
    let sumGradient = 0;
    let sumHessian = 0;
    for (let i = 0; i < gh.length; i += 2) {
      sumGradient += gh[i];
      sumHessian += gh[i + 1];
    }
    return { sumGradient, sumHessian };
  }

  root(out: Float64Array): void {
    this.histogram(out, 0, this.n, 0, true);
  }

  node(out: Float64Array, start: number, end: number, depth: number): void {
    this.histogram(out, start, end, depth, false);
  }

  private histogram(out: Float64Array, start: number, end: number, depth: number, root: boolean): void {
    const set = this.setOf(depth);
    if (this.pool?.takes(end - start, root)) this.pool.histogram(out.byteOffset, set.bins, this.stride, set.gh, start, end);
    else this.k.histogram(out.byteOffset, set.bins, this.stride, this.nFeatures, set.gh, start, end);
  }

  split(start: number, end: number, depth: number, feature: number, bin: number, missingLeft: boolean, countLeft: number): number {
    const from = this.setOf(depth);
    const to = this.sets[(depth + 1) & 1];
    const ml = missingLeft ? 1 : 0;
    const left = this.pool?.takes(end - start, false)
      ? this.pool.split({ srcBins: from.bins, dstBins: to.bins, stride: this.stride, column: feature, srcGh: from.gh, dstGh: to.gh, srcIdx: from.idx, dstIdx: to.idx, splitBin: bin, missingLeft: ml }, start, end, countLeft)
      : this.k.splitRows(from.bins, to.bins, this.stride, feature, from.gh, to.gh, from.idx, to.idx, start, end, start, start + countLeft, bin, ml);
    // The histogram's count decided where the right rows start; a different count would have mixed the two sides.
    if (left !== countLeft) throw new Error(`gbdt kernel: ${left} rows went left of a split whose histogram counted ${countLeft}`);
    return left;
  }

  takeHistogram(): Float64Array {
    const h = this.free.pop();
    if (h) return h;
    const at = this.top;
    this.top += Math.ceil(this.histBytes / 64) * 64;
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    // A shared memory's views stay valid when it grows (views on the old buffer keep their range).
    return new Float64Array(this.memory.buffer, at, this.histBytes / 8);
  }

  giveBack(h: Float64Array | null): void {
    if (h) this.free.push(h);
  }
}
