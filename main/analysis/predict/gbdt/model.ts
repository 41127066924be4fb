// The fitted gradient-boosted tree model as a plain JSON-able object, and prediction over raw features.
//
// Trees are stored as parallel arrays (node 0 is the root, children after their parent in depth-first order) so that
// a model survives JSON.stringify/parse unchanged, can be saved in a workspace as is, and can be walked by TreeSHAP
// and by an SQL exporter without any class. Thresholds are on the ORIGINAL feature scale (the upper edge of the
// split bin), so scoring never needs the binning: a row goes left when x <= threshold, and a missing value (NaN)
// goes where `missingLeft` says, which each split learned from the training data.

import { AppError } from '../../../../shared/errors';

/** One regression tree in log-odds. Arrays are indexed by node; a leaf has feature -1 and left/right -1. */
export interface GbdtTree {
  /** Feature index tested at the node; -1 for a leaf. */
  feature: number[];
  /**
   * x <= threshold goes left. The upper edge of the split bin on the original scale; a split that separates missing
   * from all present values ("split on missing") has threshold Number.MAX_VALUE (JSON has no Infinity).
   */
  threshold: number[];
  /** 1 when a missing value (NaN) goes left, 0 when it goes right. */
  missingLeft: number[];
  left: number[];
  right: number[];
  /** Leaf value added to the margin (learning rate already applied); 0 on internal nodes. */
  value: number[];
  /** Training rows that reached the node (TreeSHAP's default cover, as LightGBM and shap for scikit-learn use). */
  count: number[];
  /** Sum of the loss hessians p(1-p) of those rows (XGBoost's "cover"). */
  hessian: number[];
}

/** What TreeSHAP and prediction need from an ensemble; a GbdtModel is one, and so is an imported XGBoost model. */
export interface TreeEnsemble {
  nFeatures: number;
  /** Margin (log-odds) before any tree: the log-odds of the training base rate. */
  baseMargin: number;
  trees: GbdtTree[];
}

export interface GbdtParams {
  maxIter: number;
  learningRate: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  minHessianToSplit: number;
  earlyStopping: boolean;
  validationFraction: number;
  nIterNoChange: number;
  tol: number;
  seed: number;
}

export interface GbdtModel extends TreeEnsemble {
  format: 'cxw-gbdt';
  version: 1;
  objective: 'binary-logloss';
  /** The parameters the model was fitted with, every default made explicit. */
  params: GbdtParams;
  /** Iterations run (= trees.length); fewer than params.maxIter when early stopping stopped the fit. */
  nIter: number;
  /** No longer tracked (always null; kept so models saved by earlier versions still read): it decided nothing. */
  trainLoss: number[] | null;
  /** Mean validation log loss after 0..nIter trees when early stopping held rows out; otherwise null. */
  validationLoss: number[] | null;
  /** Rows the trees were fitted on and rows held out for early stopping. */
  trainRows: number;
  validationRows: number;
}

/**
 * Throws when a feature matrix does not fit the model, when `rows` (if given) are not row indices of it, or when a
 * value in those rows (all rows by default) is ±Infinity; NaN means missing and is fine. Returns the row count.
 * Only the rows used are scanned, so explaining one customer of a million does not read the million.
 */
export function checkFeatureMatrix(features: readonly Float64Array[], nFeatures: number, rows?: ArrayLike<number>): number {
  if (features.length !== nFeatures) {
    throw new AppError('BAD_ARGUMENTS', `The model uses ${nFeatures} features but ${features.length} columns were given.`);
  }
  const n = nFeatures === 0 ? 0 : features[0].length;
  for (let f = 0; f < nFeatures; f++) {
    const col = features[f];
    if (!(col instanceof Float64Array)) throw new AppError('BAD_ARGUMENTS', `Features: column ${f} is not a Float64Array.`);
    if (col.length !== n) throw new AppError('BAD_ARGUMENTS', `Features: column ${f} holds ${col.length} values, column 0 holds ${n}.`);
  }
  const m = rows === undefined ? n : rows.length;
  if (rows !== undefined) {
    for (let k = 0; k < m; k++) {
      const r = rows[k];
      if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new AppError('BAD_ARGUMENTS', `Row ${r} is not a row of the data (0..${n - 1}).`);
    }
  }
  for (let f = 0; f < nFeatures; f++) {
    const col = features[f];
    for (let k = 0; k < m; k++) {
      const i = rows === undefined ? k : rows[k];
      const x = col[i];
      // x - x is NaN for ±Infinity and for NaN; NaN itself means "missing" and is allowed.
      if (x - x !== 0 && x === x) {
        throw new AppError('BAD_ARGUMENTS', `Features: column ${f}, row ${i} is ${x}; values must be finite numbers or NaN for missing.`, { feature: f, row: i });
      }
    }
  }
  return n;
}

/** Leaf index reached by one row (raw features, column-major). */
export function leafOf(tree: GbdtTree, features: readonly Float64Array[], row: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const x = features[tree.feature[node]][row];
    const goLeft = x !== x ? tree.missingLeft[node] === 1 : x <= tree.threshold[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return node;
}

/**
 * Raw margins (log-odds) of every row, or of `rows` only (in that order): baseMargin + each tree's leaf value, added
 * tree by tree in model order, so on the training rows they equal, bit for bit, the margins the fit accumulated.
 */
export function predictRawMargin(model: TreeEnsemble, features: readonly Float64Array[], rows?: ArrayLike<number>): Float64Array {
  const nData = checkFeatureMatrix(features, model.nFeatures, rows);
  const n = rows === undefined ? nData : rows.length;
  const out = new Float64Array(n).fill(model.baseMargin);
  for (const tree of model.trees) {
    // Typed copies keep the inner loop monomorphic and fast; a tree has at most a few hundred nodes.
    const feature = Int32Array.from(tree.feature);
    const threshold = Float64Array.from(tree.threshold);
    const missingLeft = Uint8Array.from(tree.missingLeft);
    const left = Int32Array.from(tree.left);
    const right = Int32Array.from(tree.right);
    const value = Float64Array.from(tree.value);
    for (let k = 0; k < n; k++) {
      const i = rows === undefined ? k : rows[k];
      let node = 0;
      let f = feature[0];
      while (f >= 0) {
        const x = features[f][i];
        node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
        f = feature[node];
      }
      out[k] += value[node];
    }
  }
  return out;
}

/** Probability of the positive class: the logistic function of the margin (of `rows` only, when given). */
export function predictProbability(model: TreeEnsemble, features: readonly Float64Array[], rows?: ArrayLike<number>): Float64Array {
  const margin = predictRawMargin(model, features, rows);
  for (let i = 0; i < margin.length; i++) margin[i] = sigmoid(margin[i]);
  return margin;
}

export function sigmoid(r: number): number {
  // Written so that neither branch overflows: exp of a non-positive number only.
  if (r >= 0) return 1 / (1 + Math.exp(-r));
  const e = Math.exp(r);
  return e / (1 + e);
}
