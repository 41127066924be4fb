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
// path (does the row follow all of that feature's splits?) — the observation behind Fast TreeSHAP v2 (Yang 2021). So
// the summed contributions of a subtree's leaves are tabulated per key of such bits, with Algorithm 2's own EXTEND /
// unwound-sum arithmetic, and a row costs a pass over the splits plus one table row per subtree (gbdt/shap-table.ts).
// A key's entry is the same numbers whether tabulated or computed on the fly, so results do not depend on the table
// budget or on which rows are explained together. `method: 'recursive'` runs the textbook recursion (a reference).
//
// Cover: "count" (rows reaching the node; what LightGBM and shap for scikit-learn use, so the base is the mean training
// margin) by default, or "hessian" (sum of p(1−p), XGBoost's cover).

import { AppError } from '../../../shared/errors';
import { checkFeatureMatrix, type GbdtTree, type TreeEnsemble } from './gbdt/model';
import { pathBuffers, recursiveTreeShap, type ShapTree } from './gbdt/shap-path';
import { BLOCK, blockWorkspace, compileTabulatedTree, MAX_PATTERN_BITS, tabulatedBlock } from './gbdt/shap-table';

export type ShapCover = 'count' | 'hessian';

export interface TreeShapOptions {
  cover?: ShapCover;
  /** Rows to explain (default: all). */
  rows?: ArrayLike<number>;
  /** 'table' (default, fast) or 'recursive' (Algorithm 2 row by row); both exact. */
  method?: 'table' | 'recursive';
  /** Polled every 256 rows; when it returns true the call stops with a CANCELLED error. */
  isCancelled?: () => boolean;
}

export interface TreeShapResult {
  /** Expected margin under the cover weights: what every row's contributions start from. */
  base: number;
  /** Contributions in log-odds, row-major: values[r * nFeatures + j] is feature j's contribution for row r. */
  values: Float64Array;
  rows: number;
  nFeatures: number;
}


/** Doubles all subtree tables of one call may hold (64 MiB); subtrees past it are computed on the fly. */
const TABLE_BUDGET = 8 * 1024 * 1024;

/** Contributions for `rows` (default: every row) of the column-major `features`. */
export function treeShap(model: TreeEnsemble, features: readonly Float64Array[], options: TreeShapOptions = {}): TreeShapResult {
  const n = checkFeatureMatrix(features, model.nFeatures, options.rows);
  const cover = options.cover ?? 'count';
  const rowList = options.rows ?? null;
  const nRows = rowList === null ? n : rowList.length;
  const rowAt = new Uint32Array(nRows);
  for (let k = 0; k < nRows; k++) rowAt[k] = rowList === null ? k : rowList[k];
  const trees = model.trees.map((t, i) => compileTabulatedTree(shapTree(t, cover, i)));
  const nf = model.nFeatures;
  const values = new Float64Array(nRows * nf);
  let maxDepth = 0;
  let maxUnique = 0;
  for (const t of trees) {
    maxDepth = Math.max(maxDepth, t.depth);
    maxUnique = Math.max(maxUnique, t.maxUnique);
  }
  if (options.method === 'recursive' || maxUnique > MAX_PATTERN_BITS) {
    // Level d of the recursion keeps a path of d + 1 elements right after level d−1's: (D + 2)(D + 3)/2 + 1 suffice.
    const path = pathBuffers(((maxDepth + 2) * (maxDepth + 3)) / 2 + 1);
    for (let k = 0; k < nRows; k++) {
      if ((k & (BLOCK - 1)) === 0) checkCancelled(options, k, nRows);
      const phi = values.subarray(k * nf, (k + 1) * nf);
      for (const t of trees) if (t.feature[0] >= 0) recursiveTreeShap(t, features, rowAt[k], phi, path, 0, 0, 0, 1, 1, -1);
    }
  } else {
    const w = blockWorkspace(trees, nf, nRows, TABLE_BUDGET);
    for (let from = 0; from < nRows; from += BLOCK) {
      checkCancelled(options, from, nRows);
      const m = Math.min(nRows, from + BLOCK) - from;
      for (let f = 0; f < nf; f++) {
        const col = features[f];
        for (let r = 0; r < m; r++) w.x[f * BLOCK + r] = col[rowAt[from + r]];
      }
      w.phi.fill(0);
      // A single-leaf tree explains nothing: its value is all base.
      for (const t of trees) if (t.feature[0] >= 0) tabulatedBlock(t, m, w);
      for (let r = 0; r < m; r++) for (let f = 0; f < nf; f++) values[(from + r) * nf + f] = w.phi[f * BLOCK + r];
    }
  }
  let base = model.baseMargin;
  for (const t of trees) base += expectedValue(t, 0);
  return { base, values, rows: nRows, nFeatures: nf };
}

/** Expected margin under the cover weights (the base value of every explanation). */
export function expectedMargin(model: TreeEnsemble, cover: ShapCover = 'count'): number {
  let base = model.baseMargin;
  model.trees.forEach((t, i) => (base += expectedValue(shapTree(t, cover, i), 0)));
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

function checkCancelled(options: TreeShapOptions, done: number, total: number): void {
  if (options.isCancelled?.()) throw new AppError('CANCELLED', `Cancelled after explaining ${done} of ${total} rows.`);
}

/** Typed arrays and the chosen cover; every node's cover must be positive (it divides). */
function shapTree(t: GbdtTree, cover: ShapCover, index: number): ShapTree {
  const c = Float64Array.from(cover === 'count' ? t.count : t.hessian);
  for (let node = 0; node < c.length; node++) {
    if (!(c[node] > 0)) throw new AppError('BAD_ARGUMENTS', `Tree ${index}, node ${node}: its ${cover} cover is ${c[node]}; TreeSHAP needs a positive cover at every node.`);
  }
  return {
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    missingLeft: Uint8Array.from(t.missingLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
    cover: c,
  };
}

function expectedValue(t: ShapTree, node: number): number {
  if (t.feature[node] < 0) return t.value[node];
  const l = t.left[node];
  const r = t.right[node];
  const c = t.cover[node];
  return (t.cover[l] / c) * expectedValue(t, l) + (t.cover[r] / c) * expectedValue(t, r);
}
