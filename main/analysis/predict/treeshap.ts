// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
// ensembles", Algorithm 2), per row, in log-odds.
//
// For a tree f and a set S of "known" features, the path-dependent expectation f_x(S) follows x at splits on features
// in S and, at a split on any other feature, averages both children weighted by their training cover. TreeSHAP gives
// the exact Shapley values of that game. They add up: base + Σ_j φ_j = margin(x), where base = baseMargin +
// Σ_trees f_x(∅) is the margin expected under the cover weights (computed with the same child/parent cover ratios,
// so the identity holds to rounding, ~1e-14, for every row).
//
// Speed. Algorithm 2 costs O(leaves × depth²) per tree and row: ~100 s for 100k rows of a 100-tree, 31-leaf model in
// JavaScript. But what it computes at a leaf depends on the row only through one bit per unique feature on the leaf's
// path (does the row follow all of that feature's splits?). So each leaf's contributions are tabulated per bit
// pattern, the first time the pattern occurs, with Algorithm 2's own EXTEND / unwound-sum arithmetic
// (gbdt/shap-path.ts) — the idea of Fast TreeSHAP v2 (Yang 2021). A row then costs one pass over the tree's splits
// and d additions per leaf. Rows go in blocks, leaf by leaf inside a block, so that a leaf's table stays in cache.
// Tables are capped (TABLE_BUDGET doubles, at most MAX_TABLE_FEATURES features per leaf); other leaves are computed
// on the fly by the same function, so results never depend on the cap or on which rows are explained together.
// `method: 'recursive'` runs the textbook recursion instead (the reference the tests compare with).
//
// Cover: "count" (rows reaching the node; what LightGBM and shap for scikit-learn use, so the base is the mean training
// margin) by default, or "hessian" (sum of p(1−p), XGBoost's cover).

import { AppError } from '../../../shared/errors';
import { checkFeatureMatrix, type GbdtTree, type TreeEnsemble } from './gbdt/model';
import { leafContributions, pathBuffers, recursiveTreeShap, type PathBuffers, type ShapTree } from './gbdt/shap-path';

export type ShapCover = 'count' | 'hessian';

export interface TreeShapOptions {
  cover?: ShapCover;
  /** Rows to explain (default: all). */
  rows?: ArrayLike<number>;
  /** 'table' (default, fast) or 'recursive' (Algorithm 2 row by row); both exact. */
  method?: 'table' | 'recursive';
}

export interface TreeShapResult {
  /** Expected margin under the cover weights: what every row's contributions start from. */
  base: number;
  /** Contributions in log-odds, row-major: values[r * nFeatures + j] is feature j's contribution for row r. */
  values: Float64Array;
  rows: number;
  nFeatures: number;
}

/** Doubles all leaf tables of one call may hold (64 MiB); leaves past it are computed on the fly. */
const TABLE_BUDGET = 8 * 1024 * 1024;
/** Leaves with more unique features than this are computed on the fly (a table holds d·2^d numbers). */
const MAX_TABLE_FEATURES = 12;
/** Unique features on a path that a bit pattern (an int32) can describe; deeper trees use the recursion. */
const MAX_PATTERN_BITS = 30;
/** Rows explained together: their patterns and contributions stay in cache while a tree is processed. */
const BLOCK = 1024;

interface TabulatedTree extends ShapTree {
  /** Split nodes in depth-first order (a parent before its children). */
  splits: Int32Array;
  /** Per split node: 1 << (index of its feature among the unique features of the root→node path). */
  bitMask: Int32Array;
  /** Per leaf: its node, its number d of unique path features, and where its features and zero fractions start. */
  leafNode: Int32Array;
  leafD: Int32Array;
  leafStart: Int32Array;
  /** Unique features of each leaf's path (first-appearance order) and their zero fractions (products of cover ratios). */
  leafFeatures: Int32Array;
  leafZero: Float64Array;
  tables: (Float64Array | null)[];
  filled: (Uint8Array | null)[];
  maxUnique: number;
  depth: number;
}

interface Workspace {
  path: PathBuffers;
  scratch: Float64Array;
  failed: Int32Array;
  patterns: Int32Array;
  budget: number;
}

/** Contributions for `rows` (default: every row) of the column-major `features`. */
export function treeShap(model: TreeEnsemble, features: readonly Float64Array[], options: TreeShapOptions = {}): TreeShapResult {
  const n = checkFeatureMatrix(features, model.nFeatures);
  const cover = options.cover ?? 'count';
  const trees = model.trees.map((t, i) => compileTree(t, cover, i));
  const rowList = options.rows ?? null;
  const nRows = rowList === null ? n : rowList.length;
  const rowAt = new Uint32Array(nRows);
  for (let k = 0; k < nRows; k++) {
    const row = rowList === null ? k : rowList[k];
    if (!(Number.isInteger(row) && row >= 0 && row < n)) throw new AppError('BAD_ARGUMENTS', `Row ${row} is not a row of the data (0..${n - 1}).`);
    rowAt[k] = row;
  }
  const nf = model.nFeatures;
  const values = new Float64Array(nRows * nf);
  let maxDepth = 0;
  let maxUnique = 0;
  let maxNodes = 0;
  let maxLeaves = 0;
  for (const t of trees) {
    maxDepth = Math.max(maxDepth, t.depth);
    maxUnique = Math.max(maxUnique, t.maxUnique);
    maxNodes = Math.max(maxNodes, t.feature.length);
    maxLeaves = Math.max(maxLeaves, t.leafNode.length);
  }
  if (options.method === 'recursive' || maxUnique > MAX_PATTERN_BITS) {
    // Level d of the recursion keeps a path of d + 1 elements right after level d−1's: (D + 2)(D + 3)/2 + 1 suffice.
    const path = pathBuffers(((maxDepth + 2) * (maxDepth + 3)) / 2 + 1);
    for (let k = 0; k < nRows; k++) {
      const phi = values.subarray(k * nf, (k + 1) * nf);
      for (const t of trees) if (t.feature[0] >= 0) recursiveTreeShap(t, features, rowAt[k], phi, path, 0, 0, 0, 1, 1, -1);
    }
  } else {
    const work: Workspace = {
      path: pathBuffers(maxUnique + 1),
      scratch: new Float64Array(maxUnique),
      failed: new Int32Array(maxNodes),
      patterns: new Int32Array(maxLeaves * BLOCK),
      budget: TABLE_BUDGET,
    };
    for (let from = 0; from < nRows; from += BLOCK) {
      const to = Math.min(nRows, from + BLOCK);
      // A single-leaf tree explains nothing: its value is all base.
      for (const t of trees) if (t.feature[0] >= 0) tabulatedBlock(t, features, rowAt, from, to, values, nf, work);
    }
  }
  let base = model.baseMargin;
  for (const t of trees) base += expectedValue(t, 0);
  return { base, values, rows: nRows, nFeatures: nf };
}

/** Expected margin under the cover weights (the base value of every explanation). */
export function expectedMargin(model: TreeEnsemble, cover: ShapCover = 'count'): number {
  let base = model.baseMargin;
  model.trees.forEach((t, i) => (base += expectedValue(compileTree(t, cover, i), 0)));
  return base;
}

/** Mean |φ_j| over the rows: the global importance of each feature in log-odds. */
export function meanAbsShap(result: TreeShapResult): Float64Array {
  const out = new Float64Array(result.nFeatures);
  if (result.rows === 0) return out.fill(NaN);
  for (let r = 0; r < result.rows; r++) {
    const o = r * result.nFeatures;
    for (let j = 0; j < result.nFeatures; j++) out[j] += Math.abs(result.values[o + j]);
  }
  for (let j = 0; j < result.nFeatures; j++) out[j] /= result.rows;
  return out;
}

/**
 * Rows from..to through one tree. First each row's pattern at every leaf (one pass over the splits, parents first,
 * carrying the bits of the path features the row has failed), then leaf by leaf over the rows.
 */
function tabulatedBlock(t: TabulatedTree, features: readonly Float64Array[], rowAt: Uint32Array, from: number, to: number, values: Float64Array, nf: number, w: Workspace): void {
  const { splits, feature, threshold, missingLeft, left, right, bitMask, leafNode, leafD, leafStart, leafFeatures, leafZero } = t;
  const { failed, patterns } = w;
  const nLeaves = leafNode.length;
  const m = to - from;
  for (let r = 0; r < m; r++) {
    const row = rowAt[from + r];
    failed[0] = 0;
    for (let q = 0; q < splits.length; q++) {
      const node = splits[q];
      const x = features[feature[node]][row];
      // Branch-free (the direction is a coin flip for the CPU's predictor): left = 1 when x <= threshold, or when x
      // is missing and missing goes left; a comparison with NaN is false, so the two terms never both hold.
      const goLeft = +(x <= threshold[node]) | (+(x !== x) & missingLeft[node]);
      const had = failed[node];
      const bit = bitMask[node];
      failed[left[node]] = had | (bit & (goLeft - 1));
      failed[right[node]] = had | (bit & -goLeft);
    }
    for (let l = 0; l < nLeaves; l++) patterns[l * BLOCK + r] = ~failed[leafNode[l]] & ((1 << leafD[l]) - 1);
  }
  for (let l = 0; l < nLeaves; l++) {
    const d = leafD[l];
    if (d === 0) continue;
    const start = leafStart[l];
    const zero = leafZero.subarray(start, start + d);
    const v = t.value[leafNode[l]];
    let table = t.tables[l];
    if (table === null && d <= MAX_TABLE_FEATURES && w.budget >= d << d) {
      w.budget -= d << d;
      table = t.tables[l] = new Float64Array(d << d);
      t.filled[l] = new Uint8Array(1 << d);
    }
    const filled = t.filled[l];
    const row0 = l * BLOCK;
    if (table !== null && filled !== null) {
      for (let r = 0; r < m; r++) {
        const pattern = patterns[row0 + r];
        const at = pattern * d;
        if (filled[pattern] === 0) {
          leafContributions(zero, d, pattern, v, w.path, w.scratch);
          table.set(w.scratch.subarray(0, d), at);
          filled[pattern] = 1;
        }
        const o = (from + r) * nf;
        for (let k = 0; k < d; k++) values[o + leafFeatures[start + k]] += table[at + k];
      }
    } else {
      for (let r = 0; r < m; r++) {
        leafContributions(zero, d, patterns[row0 + r], v, w.path, w.scratch);
        const o = (from + r) * nf;
        for (let k = 0; k < d; k++) values[o + leafFeatures[start + k]] += w.scratch[k];
      }
    }
  }
}

function compileTree(t: GbdtTree, cover: ShapCover, index: number): TabulatedTree {
  const c = Float64Array.from(cover === 'count' ? t.count : t.hessian);
  const feature = Int32Array.from(t.feature);
  const left = Int32Array.from(t.left);
  const right = Int32Array.from(t.right);
  const nodes = feature.length;
  for (let node = 0; node < nodes; node++) {
    if (!(c[node] > 0)) throw new AppError('BAD_ARGUMENTS', `Tree ${index}, node ${node}: its ${cover} cover is ${c[node]}; TreeSHAP needs a positive cover at every node.`);
  }
  const splits: number[] = [];
  const bitMask = new Int32Array(nodes);
  const leafNode: number[] = [];
  const leafD: number[] = [];
  const leafStart: number[] = [];
  const leafFeatures: number[] = [];
  const leafZero: number[] = [];
  let maxUnique = 0;
  let depth = 0;
  // Depth-first, parents before children, carrying the path's unique features (first appearance) and zero fractions.
  const visit = (node: number, level: number, feats: number[], zeros: number[]) => {
    depth = Math.max(depth, level);
    const f = feature[node];
    if (f < 0) {
      leafNode.push(node);
      leafD.push(feats.length);
      leafStart.push(leafFeatures.length);
      for (let k = 0; k < feats.length; k++) {
        leafFeatures.push(feats[k]);
        leafZero.push(zeros[k]);
      }
      maxUnique = Math.max(maxUnique, feats.length);
      return;
    }
    splits.push(node);
    let k = feats.indexOf(f);
    const seen = k >= 0;
    if (!seen) k = feats.length;
    bitMask[node] = k <= MAX_PATTERN_BITS ? 1 << k : 0; // deeper paths are explained by the recursion instead
    const nextFeats = seen ? feats : [...feats, f];
    for (const child of [left[node], right[node]]) {
      const z = seen ? zeros.slice() : [...zeros, 1];
      z[k] *= c[child] / c[node];
      visit(child, level + 1, nextFeats, z);
    }
  };
  visit(0, 0, [], []);
  return {
    feature,
    threshold: Float64Array.from(t.threshold),
    missingLeft: Uint8Array.from(t.missingLeft),
    left,
    right,
    value: Float64Array.from(t.value),
    cover: c,
    splits: Int32Array.from(splits),
    bitMask,
    leafNode: Int32Array.from(leafNode),
    leafD: Int32Array.from(leafD),
    leafStart: Int32Array.from(leafStart),
    leafFeatures: Int32Array.from(leafFeatures),
    leafZero: Float64Array.from(leafZero),
    tables: leafNode.map(() => null),
    filled: leafNode.map(() => null),
    maxUnique,
    depth,
  };
}

function expectedValue(t: ShapTree, node: number): number {
  if (t.feature[node] < 0) return t.value[node];
  const l = t.left[node];
  const r = t.right[node];
  const c = t.cover[node];
  return (t.cover[l] / c) * expectedValue(t, l) + (t.cover[r] / c) * expectedValue(t, r);
}
