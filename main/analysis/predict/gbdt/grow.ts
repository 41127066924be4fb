// Growing one tree, leaf-wise (best-first) as LightGBM and scikit-learn's HistGradientBoosting do: among the nodes that
// can still be split, split the one whose best split has the largest gain, until there are maxLeafNodes leaves (or no
// split has positive gain). A node at maxDepth, or with fewer than 2 × minSamplesLeaf rows, becomes a leaf.
//
// Every node owns a contiguous slice of positions (TreeRows.partition gives the row at each) and a split reorders the
// slice stably into left rows then right rows, so a leaf's rows are known without a pass over the data (the margins
// are updated from the leaves' slices). Ties between equal gains go to the node pushed first, so growth is deterministic.

import { buildNodeHistogram, buildRootHistogram, histogramSize, subtractHistogram } from './histogram';
import { findBestSplit, goesLeft, nodeValue, type SplitInfo, type SplitRules } from './split';

/** Binned training data shared by every tree of a fit. */
export interface BinnedTrainingData {
  /** Row-major bins: row i's bins at i·nFeatures .. i·nFeatures + nFeatures − 1 (see histogram.ts for why). */
  bins: Uint8Array;
  /** The same bins column by column: a split reads one feature of its node's rows, and one column stays in cache. */
  columns: Uint8Array[];
  nFeatures: number;
  nBinsNonMissing: Int32Array;
  /** Per feature, 1 when some training row is missing (only then is "missing goes left" searched). */
  hasMissing: Uint8Array;
  rows: number;
}

export interface GrowRules extends SplitRules {
  maxLeafNodes: number | null;
  maxDepth: number | null;
  /** Learning rate: multiplies every leaf value once the tree is grown. */
  shrinkage: number;
}

/** A grown tree in bins (for the fit's own bookkeeping); boost.ts turns it into a GbdtTree on the original scale. */
export interface GrownTree {
  feature: number[];
  bin: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  count: number[];
  hessian: number[];
  /** For each leaf (node index), its rows: TreeRows.partition(depth)[start..end). */
  leafSlices: { node: number; start: number; end: number; depth: number }[];
}

/**
 * Builds a node's histogram from the fit's bins, gradients and hessians and the buffers' partition; the same bits as
 * buildRootHistogram / buildNodeHistogram (pool-blocks.ts builds them on several threads).
 */
export interface HistogramBuilder {
  root: (out: Float64Array) => void;
  node: (out: Float64Array, start: number, end: number) => void;
}

/**
 * The rows a tree is grown on: their histograms, how a split reorders them, and the histograms' memory. Two
 * implementations give the same bits: ArrayTreeRows (TypeScript passes over row indices, optionally with helper
 * threads) and KernelTreeRows (kernel-rows.ts: WebAssembly passes over rows that lie together).
 */
export interface TreeRows {
  /**
   * The row index at each position for the nodes at `depth`; a node owns positions start..end−1 (a leaf's rows are
   * its slice). Where a node's positions are kept may depend on its depth (KernelTreeRows), hence the argument.
   */
  partition(depth: number): Uint32Array;
  /** Before each tree (after the gradients were written): every row at its own position; the sums in row order. */
  begin(): { sumGradient: number; sumHessian: number };
  /** The histogram of every row. */
  root(out: Float64Array): void;
  /** The histogram of the rows at positions start..end−1 of a node at `depth`. */
  node(out: Float64Array, start: number, end: number, depth: number): void;
  /**
   * Reorders the positions start..end−1 of a node at `depth` stably into the rows going left, then the rest, as its
   * children's positions; returns how many go left (`countLeft`: what the node's histogram counted).
   */
  split(start: number, end: number, depth: number, feature: number, bin: number, missingLeft: boolean, countLeft: number): number;
  takeHistogram(): Float64Array;
  giveBack(h: Float64Array | null): void;
}

/** TypeScript passes over typed arrays: buffers reused across trees so that 100 trees do not allocate 100 × (rows + histograms). */
export class ArrayTreeRows implements TreeRows {
  readonly rowsAt: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly free: Float64Array[] = [];
  private readonly histSize: number;
  /** The histograms' passes: a pool of helper threads once set (boost.ts), else the single-threaded ones. */
  builder: HistogramBuilder;

  /** `partition`: the row index array to use (shared memory when helper threads read it); a new one by default. */
  constructor(
    private readonly data: BinnedTrainingData,
    private readonly gradients: Float32Array,
    private readonly hessians: Float32Array,
    partition?: Uint32Array,
  ) {
    this.rowsAt = partition ?? new Uint32Array(data.rows);
    this.scratch = new Uint32Array(data.rows);
    this.histSize = histogramSize(data.nFeatures);
    this.builder = {
      root: (out) => buildRootHistogram(out, data.bins, data.nFeatures, gradients, hessians),
      node: (out, start, end) => buildNodeHistogram(out, data.bins, data.nFeatures, gradients, hessians, this.rowsAt, start, end),
    };
  }

  partition(): Uint32Array {
    return this.rowsAt;
  }

  begin(): { sumGradient: number; sumHessian: number } {
    const { rowsAt, gradients, hessians } = this;
    for (let i = 0; i < rowsAt.length; i++) rowsAt[i] = i;
    let sumGradient = 0;
    let sumHessian = 0;
    for (let i = 0; i < gradients.length; i++) {
      sumGradient += gradients[i];
      sumHessian += hessians[i];
    }
    return { sumGradient, sumHessian };
  }

  root(out: Float64Array): void {
    this.builder.root(out);
  }

  node(out: Float64Array, start: number, end: number): void {
    this.builder.node(out, start, end);
  }

  /** Left rows are written in place (the write index never passes the read index), right rows via `scratch`. */
  split(start: number, end: number, _depth: number, feature: number, bin: number, missingLeft: boolean): number {
    const { rowsAt: partition, scratch } = this;
    const col = this.data.columns[feature];
    let w = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const row = partition[i];
      if (goesLeft(col[row], bin, missingLeft)) partition[w++] = row;
      else scratch[r++] = row;
    }
    partition.set(scratch.subarray(0, r), w);
    return w - start;
  }

  takeHistogram(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.histSize);
  }

  giveBack(h: Float64Array | null): void {
    if (h) this.free.push(h);
  }
}

interface GrowNode {
  id: number;
  depth: number;
  start: number;
  end: number;
  sumGradient: number;
  sumHessian: number;
  /** Newton value before shrinkage. */
  value: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
  left: GrowNode | null;
  right: GrowNode | null;
}

export function growTree(data: BinnedTrainingData, buf: TreeRows, rules: GrowRules): GrownTree {
  const { nFeatures, nBinsNonMissing, hasMissing, rows: n } = data;
  const { sumGradient: sumG, sumHessian: sumH } = buf.begin();
  let nextId = 0;
  const makeNode = (depth: number, start: number, end: number, g: number, h: number): GrowNode => ({
    id: nextId++,
    depth,
    start,
    end,
    sumGradient: g,
    sumHessian: h,
    value: nodeValue(g, h, rules.l2Regularization),
    hist: null,
    split: null,
    left: null,
    right: null,
  });
  const root = makeNode(0, 0, n, sumG, sumH);
  const splittable: GrowNode[] = [];
  let leaves = 0;
  const finalize = (node: GrowNode) => {
    leaves++;
    buf.giveBack(node.hist);
    node.hist = null;
  };
  const findSplitAndPush = (node: GrowNode) => {
    node.split = findBestSplit(node.hist!, nFeatures, nBinsNonMissing, hasMissing, node.end - node.start, node.sumGradient, node.sumHessian, rules);
    if (node.split === null) finalize(node);
    else splittable.push(node);
  };

  if (n < 2 * rules.minSamplesLeaf || sumH < rules.minHessianToSplit || rules.maxLeafNodes === 1 || rules.maxDepth === 0) {
    finalize(root);
  } else {
    root.hist = buf.takeHistogram();
    buf.root(root.hist);
    findSplitAndPush(root);
  }

  while (splittable.length > 0) {
    // Best-first: the largest gain; the earliest pushed among equals.
    let bi = 0;
    for (let i = 1; i < splittable.length; i++) if (splittable[i].split!.gain > splittable[bi].split!.gain) bi = i;
    const node = splittable.splice(bi, 1)[0];
    const s = node.split!;
    const rightPos = buf.split(node.start, node.end, node.depth, s.feature, s.bin, s.missingLeft, s.countLeft);
    const depth = node.depth + 1;
    const left = makeNode(depth, node.start, node.start + rightPos, s.sumGradientLeft, s.sumHessianLeft);
    const right = makeNode(depth, node.start + rightPos, node.end, s.sumGradientRight, s.sumHessianRight);
    node.left = left;
    node.right = right;
    if (hasMissing[s.feature] === 0) {
      // No missing value was seen for this feature in training: a missing value at scoring time follows the
      // larger child (sklearn's rule), the best guess without evidence.
      s.missingLeft = left.end - left.start > right.end - right.start;
    }
    const leafCount = leaves + splittable.length + 2;
    if (rules.maxLeafNodes !== null && leafCount >= rules.maxLeafNodes) {
      finalize(left);
      finalize(right);
      for (const other of splittable) finalize(other);
      splittable.length = 0;
      buf.giveBack(node.hist);
      node.hist = null;
      break;
    }
    if (rules.maxDepth !== null && depth >= rules.maxDepth) {
      finalize(left);
      finalize(right);
      buf.giveBack(node.hist);
      node.hist = null;
      continue;
    }
    const splitLeft = left.end - left.start >= 2 * rules.minSamplesLeaf;
    const splitRight = right.end - right.start >= 2 * rules.minSamplesLeaf;
    if (splitLeft || splitRight) {
      // Build the smaller child from its rows, the other by subtraction (ties: the right child is built).
      const leftSmaller = left.end - left.start < right.end - right.start;
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      small.hist = buf.takeHistogram();
      buf.node(small.hist, small.start, small.end, depth);
      large.hist = buf.takeHistogram();
      subtractHistogram(large.hist, node.hist!, small.hist);
    }
    buf.giveBack(node.hist);
    node.hist = null;
    if (splitLeft) findSplitAndPush(left);
    else finalize(left);
    if (splitRight) findSplitAndPush(right);
    else finalize(right);
  }
  return flatten(root, rules.shrinkage);
}

/** Depth-first arrays (root 0, left subtree before right), leaf values times the learning rate. */
function flatten(root: GrowNode, shrinkage: number): GrownTree {
  const t: GrownTree = { feature: [], bin: [], missingLeft: [], left: [], right: [], value: [], count: [], hessian: [], leafSlices: [] };
  const visit = (node: GrowNode): number => {
    const at = t.feature.length;
    t.feature.push(-1);
    t.bin.push(-1);
    t.missingLeft.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    t.count.push(node.end - node.start);
    t.hessian.push(node.sumHessian);
    if (node.left === null || node.right === null) {
      t.value[at] = node.value * shrinkage;
      t.leafSlices.push({ node: at, start: node.start, end: node.end, depth: node.depth });
      return at;
    }
    const s = node.split!;
    t.feature[at] = s.feature;
    t.bin[at] = s.bin;
    t.missingLeft[at] = s.missingLeft ? 1 : 0;
    t.left[at] = visit(node.left);
    t.right[at] = visit(node.right);
    return at;
  };
  visit(root);
  return t;
}
