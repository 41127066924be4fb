// Gradient boosting for a binary outcome with the log loss (Friedman 2001; the histogram variant of LightGBM and
// scikit-learn's HistGradientBoostingClassifier, whose defaults and early-stopping rule are followed so that results
// can be checked against it):
//   margin_0 = log(p̄ / (1 − p̄)), p̄ the training base rate;
//   each iteration: p = σ(margin), gradient g = p − y, hessian h = p(1 − p) (stored as float32, as sklearn does: the
//   histograms sum them in float64, and float32 halves the memory traffic of the hot loop); grow one tree on (g, h);
//   margin += its leaf values (learning rate applied).
// Early stopping (sklearn's scoring="loss"): a seeded stratified share of the rows is held out; after the base rate
// and after every tree the mean validation log loss is recorded, and the fit stops when none of the last
// nIterNoChange scores beats the one before them by more than tol. The trees grown so far are all kept (as sklearn).
// Seeded (binning subsample, validation split), so the same data and seed give the same model on any machine. Large
// fits may build their histograms on helper threads (options.parallel, pool-blocks.ts): every histogram is the same
// bits as on one thread, so the model is too.

import { AppError } from '../../../../shared/errors';
import { binFeatures, fitBinMapper, MISSING_BIN, toRowMajor, type BinMapper } from './binning';
import { ArrayTreeRows, growTree, type BinnedTrainingData, type GrownTree, type TreeRows } from './grow';
import { kernelRows } from './kernel-rows';
import { featureBlocks, gbdtSharedState, sharedFloat32, sharedUint32, sharedUint8, type FeatureBlock, type GbdtParallel } from './pool-blocks';
import { checkFeatureMatrix, sigmoid, type GbdtModel, type GbdtParams, type GbdtTree } from './model';
import { stratifiedHoldout } from './holdout';
import type { FeatureColumns, Labels, RowSet } from '../types';

export interface GbdtOptions {
  /** Boosting iterations (trees), default 100. */
  maxIter?: number;
  /** Shrinkage of every tree, default 0.1. */
  learningRate?: number;
  /** Leaves per tree, default 31; null for no limit (then maxDepth should be set). */
  maxLeafNodes?: number | null;
  /** Depth limit (root = depth 0), default none. */
  maxDepth?: number | null;
  /** Rows per leaf at least, default 20. */
  minSamplesLeaf?: number;
  /** L2 penalty λ on leaf values, default 0. */
  l2Regularization?: number;
  /** Bins for present values per feature, 2..255, default 255. */
  maxBins?: number;
  /** Hessian per child at least, default 1e-3. */
  minHessianToSplit?: number;
  /** true, false, or 'auto' (default: on when there are more than 10,000 rows, as sklearn). */
  earlyStopping?: boolean | 'auto';
  /** Share of rows held out for early stopping, default 0.1. */
  validationFraction?: number;
  /** Stop when this many iterations in a row bring no improvement, default 10. */
  nIterNoChange?: number;
  /** Smallest improvement of the validation score that counts, default 1e-7. */
  tol?: number;
  /** Seed of the binning subsample and the validation split, default 0. */
  seed?: number;
  /** Called after every tree (for a progress bar); not part of the model. */
  onIteration?: (done: number, maxIter: number) => void;
  /** Polled before every tree; when it returns true the fit stops with a CANCELLED error. */
  isCancelled?: () => boolean;
  /**
   * Helper threads for the histograms (workspace/predict/gbdt-pool.ts), used when the trees are fitted on at least
   * `parallelMinRows` rows (default GBDT_POOL_MIN_ROWS). Not part of the model: the model is the same bits either way.
   */
  parallel?: GbdtParallel;
  parallelMinRows?: number;
}

/** Below this many training rows the fit stays on one thread: starting helpers (~50 ms) and waking them per node costs more than it saves. */
export const GBDT_POOL_MIN_ROWS = 50_000;

export function resolveGbdtParams(options: GbdtOptions, rows: number): GbdtParams {
  const p: GbdtParams = {
    maxIter: options.maxIter ?? 100,
    learningRate: options.learningRate ?? 0.1,
    maxLeafNodes: options.maxLeafNodes === undefined ? 31 : options.maxLeafNodes,
    maxDepth: options.maxDepth ?? null,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2Regularization: options.l2Regularization ?? 0,
    maxBins: options.maxBins ?? 255,
    minHessianToSplit: options.minHessianToSplit ?? 1e-3,
    earlyStopping: options.earlyStopping === 'auto' || options.earlyStopping === undefined ? rows > 10_000 : options.earlyStopping,
    validationFraction: options.validationFraction ?? 0.1,
    nIterNoChange: options.nIterNoChange ?? 10,
    tol: options.tol ?? 1e-7,
    seed: options.seed ?? 0,
  };
  const bad = (name: string, value: unknown, rule: string) => new AppError('BAD_ARGUMENTS', `${name} must be ${rule}; got ${String(value)}.`, { option: name });
  const isInt = (x: number) => Number.isInteger(x);
  if (!isInt(p.maxIter) || p.maxIter < 1) throw bad('maxIter', p.maxIter, 'an integer >= 1');
  if (!(p.learningRate > 0)) throw bad('learningRate', p.learningRate, 'a number > 0');
  if (p.maxLeafNodes !== null && (!isInt(p.maxLeafNodes) || p.maxLeafNodes < 2)) throw bad('maxLeafNodes', p.maxLeafNodes, 'an integer >= 2 or null');
  if (p.maxDepth !== null && (!isInt(p.maxDepth) || p.maxDepth < 1)) throw bad('maxDepth', p.maxDepth, 'an integer >= 1 or null');
  if (p.maxLeafNodes === null && p.maxDepth === null) throw bad('maxLeafNodes', 'null', 'set when maxDepth is not (a tree needs a size limit)');
  if (!isInt(p.minSamplesLeaf) || p.minSamplesLeaf < 1) throw bad('minSamplesLeaf', p.minSamplesLeaf, 'an integer >= 1');
  if (!(p.l2Regularization >= 0)) throw bad('l2Regularization', p.l2Regularization, 'a number >= 0');
  if (!isInt(p.maxBins) || p.maxBins < 2 || p.maxBins > 255) throw bad('maxBins', p.maxBins, 'an integer from 2 to 255');
  if (!(p.minHessianToSplit >= 0)) throw bad('minHessianToSplit', p.minHessianToSplit, 'a number >= 0');
  if (!(p.validationFraction > 0 && p.validationFraction < 1)) throw bad('validationFraction', p.validationFraction, 'strictly between 0 and 1');
  if (!isInt(p.nIterNoChange) || p.nIterNoChange < 1) throw bad('nIterNoChange', p.nIterNoChange, 'an integer >= 1');
  if (!(p.tol >= 0)) throw bad('tol', p.tol, 'a number >= 0');
  if (!isInt(p.seed)) throw bad('seed', p.seed, 'an integer');
  return p;
}

/**
 * Fit on column-major features (NaN = missing) and 0/1 labels (predict/types.ts), on all rows or on `rows` (ascending
 * row indices: a fold or the training part of a split, used in place without copying the columns).
 */
export function fitGbdt(features: FeatureColumns, labels: Labels, options: GbdtOptions = {}, rows?: RowSet): GbdtModel {
  const nFeatures = features.length;
  if (nFeatures === 0) throw new AppError('BAD_ARGUMENTS', 'At least one feature is needed to fit trees.');
  const n = checkFeatureMatrix(features, nFeatures, rows);
  if (!(labels instanceof Uint8Array) || labels.length !== n) throw new AppError('BAD_ARGUMENTS', `Labels must be a Uint8Array of ${n} values (one per row).`);
  const fitRows = rows ?? allRows(n);
  checkRowSet(fitRows, n);
  for (const i of fitRows) if (labels[i] > 1) throw new AppError('BAD_ARGUMENTS', `Labels must be 0 or 1; row ${i} is ${labels[i]}.`, { row: i });
  const params = resolveGbdtParams(options, fitRows.length);

  let trainRows = fitRows;
  let valRows = new Uint32Array(0);
  if (params.earlyStopping) {
    // The hold-out is drawn among the fit rows by position, then mapped back to row indices (both stay ascending).
    const split = stratifiedHoldout(gather(labels, fitRows), params.validationFraction, params.seed);
    trainRows = split.train.map((k) => fitRows[k]);
    valRows = split.validation.map((k) => fitRows[k]);
  }
  const yTrain = gather(labels, trainRows);
  const yVal = gather(labels, valRows);
  let positives = 0;
  for (let i = 0; i < yTrain.length; i++) positives += yTrain[i];
  if (positives === 0 || positives === yTrain.length) {
    throw new AppError('BAD_ARGUMENTS', `The training rows hold only ${positives === 0 ? 'negatives (0)' : 'positives (1)'}; a classifier needs both outcomes.`);
  }

  const mapper = fitBinMapper(features, { maxBins: params.maxBins, rows: trainRows, seed: params.seed });
  const columns = binFeatures(features, mapper, trainRows);
  const valBins = params.earlyStopping ? binFeatures(features, mapper, valRows) : null;
  const hasMissing = new Uint8Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) hasMissing[f] = columns[f].includes(MISSING_BIN) ? 1 : 0;
  const nTrain = trainRows.length;
  // The WebAssembly kernel's rows (kernel-rows.ts) when it runs here; else the TypeScript passes. Either way on
  // helper threads for large fits, and the same model, bit for bit.
  const kernel = kernelRows(columns);
  // Helper threads read the bins, gradients, hessians and row partition, so those live in shared memory.
  const pooled = kernel === null && options.parallel !== undefined && nTrain >= (options.parallelMinRows ?? GBDT_POOL_MIN_ROWS);
  // Pooled, each thread's block of features also gets a row-major matrix of its own (pool-blocks.ts says why); the
  // all-feature matrix stays for the nodes the fitting thread builds alone.
  const blocks: FeatureBlock[] = pooled
    ? featureBlocks(nFeatures, options.parallel!.helpers + 1).map(({ first, width }) => ({ first, width, bins: toRowMajor(columns.slice(first, first + width), sharedUint8(nTrain * width)) }))
    : [];
  const data: BinnedTrainingData = { bins: kernel ? new Uint8Array(0) : toRowMajor(columns), columns, nFeatures, nBinsNonMissing: mapper.nBinsNonMissing, hasMissing, rows: nTrain };

  const baseRate = positives / yTrain.length;
  const baseMargin = Math.log(baseRate / (1 - baseRate));
  // The kernel keeps the margins and labels in shared memory, where its helpers update them.
  const margin = kernel ? kernel.margin : new Float64Array(yTrain.length);
  margin.fill(baseMargin);
  kernel?.labels.set(yTrain);
  // With the kernel the early-stopping rows live in shared memory too, where its helpers move their margins.
  const valMargin = kernel && valBins ? kernel.setValidation(valBins, yVal, baseMargin) : new Float64Array(yVal.length).fill(baseMargin);
  const gradients = kernel ? null : pooled ? sharedFloat32(nTrain) : new Float32Array(nTrain);
  const hessians = kernel ? null : pooled ? sharedFloat32(nTrain) : new Float32Array(nTrain);
  const arrayRows = kernel ? null : new ArrayTreeRows(data, gradients!, hessians!, pooled ? sharedUint32(nTrain) : undefined);
  const treeRows: TreeRows = kernel ?? arrayRows!;
  const rules = {
    maxLeafNodes: params.maxLeafNodes,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    minHessianToSplit: params.minHessianToSplit,
    l2Regularization: params.l2Regularization,
    shrinkage: params.learningRate,
  };

  const trees: GbdtTree[] = [];
  // Only the validation loss decides when to stop. The training loss (sklearn's train_score_) decided nothing and
  // cost 2.2 s of a 29 s fit at 1M rows (a third of a tree per iteration), so it is no longer tracked.
  const validationLoss = params.earlyStopping ? [meanLogLoss(yVal, valMargin)] : null;
  const kernelThreads = kernel !== null && options.parallel !== undefined && nTrain >= (options.parallelMinRows ?? GBDT_POOL_MIN_ROWS) ? options.parallel.openKernel(kernel) : undefined;
  const pool = pooled ? options.parallel!.open(gbdtSharedState(blocks, nFeatures, gradients!, hessians!, arrayRows!.rowsAt, options.parallel!.helpers), arrayRows!.builder) : undefined;
  if (pool) arrayRows!.builder = pool;
  try {
    for (let iter = 0; iter < params.maxIter; iter++) {
      if (options.isCancelled?.()) throw new AppError('CANCELLED', `Cancelled after ${iter} of ${params.maxIter} trees.`);
      if (kernel) kernel.gradients();
      else computeGradients(yTrain, margin, gradients!, hessians!);
      const grown = growTree(data, treeRows, rules);
      if (kernel) kernel.addLeaves(grown);
      else {
        for (const leaf of grown.leafSlices) {
          const partition = treeRows.partition(leaf.depth);
          const v = grown.value[leaf.node];
          for (let i = leaf.start; i < leaf.end; i++) margin[partition[i]] += v;
        }
      }
      trees.push(toOriginalScale(grown, mapper));
      if (validationLoss && valBins) {
        let loss = kernel ? kernel.validate(grown) : null;
        if (loss === null) {
          addBinnedTree(grown, valBins, valMargin);
          loss = meanLogLoss(yVal, valMargin);
        }
        validationLoss.push(loss);
        if (shouldStop(validationLoss, params.nIterNoChange, params.tol)) break;
      }
      options.onIteration?.(iter + 1, params.maxIter);
    }
  } finally {
    pool?.close();
    kernelThreads?.close();
  }
  return {
    format: 'cxw-gbdt',
    version: 1,
    objective: 'binary-logloss',
    nFeatures,
    baseMargin,
    trees,
    params,
    nIter: trees.length,
    trainLoss: null,
    validationLoss,
    trainRows: trainRows.length,
    validationRows: valRows.length,
  };
}

/** sklearn's _should_stop with scores = −loss: stop unless one of the last n beats the one before them by > tol. */
export function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (losses.length < ref) return false;
  const referenceScore = -losses[losses.length - ref] + tol;
  for (let i = losses.length - ref + 1; i < losses.length; i++) if (-losses[i] > referenceScore) return false;
  return true;
}

/** Mean log loss of 0/1 labels at raw margins, in a form that neither overflows nor loses precision. */
export function meanLogLoss(y: Uint8Array, margin: Float64Array): number {
  if (y.length === 0) return NaN;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const r = margin[i];
    // −[y log σ(r) + (1−y) log(1−σ(r))] = log(1 + e^r) − y·r, with log(1 + e^r) = max(r, 0) + log1p(e^−|r|).
    total += Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r))) - y[i] * r;
  }
  return total / y.length;
}

function computeGradients(y: Uint8Array, margin: Float64Array, g: Float32Array, h: Float32Array): void {
  for (let i = 0; i < y.length; i++) {
    const p = sigmoid(margin[i]);
    g[i] = p - y[i];
    h[i] = p * (1 - p);
  }
}

function addBinnedTree(t: GrownTree, bins: readonly Uint8Array[], out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    let node = 0;
    while (t.feature[node] >= 0) {
      const b = bins[t.feature[node]][i];
      const left = b === MISSING_BIN ? t.missingLeft[node] === 1 : b <= t.bin[node];
      node = left ? t.left[node] : t.right[node];
    }
    out[i] += t.value[node];
  }
}

/** The bin of a split becomes its upper edge on the original scale (Number.MAX_VALUE for the split on missingness). */
function toOriginalScale(t: GrownTree, mapper: BinMapper): GbdtTree {
  const threshold = t.feature.map((f, node) => {
    if (f < 0) return 0;
    const edges = mapper.thresholds[f];
    return t.bin[node] < edges.length ? edges[t.bin[node]] : Number.MAX_VALUE;
  });
  return {
    feature: t.feature,
    threshold,
    missingLeft: t.missingLeft,
    left: t.left,
    right: t.right,
    value: t.value,
    count: t.count,
    hessian: t.hessian,
  };
}

/** Rows must be strictly ascending indices of the data (predict/types.ts RowSet), and at least one. */
function checkRowSet(rows: Uint32Array, n: number): void {
  if (!(rows instanceof Uint32Array)) throw new AppError('BAD_ARGUMENTS', 'Rows must be a Uint32Array of row indices.');
  if (rows.length === 0) throw new AppError('BAD_ARGUMENTS', 'No rows to fit on.');
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] >= n) throw new AppError('BAD_ARGUMENTS', `Row ${rows[k]} is not a row of the data (0..${n - 1}).`);
    if (k > 0 && rows[k] <= rows[k - 1]) throw new AppError('BAD_ARGUMENTS', `Rows must be strictly ascending; ${rows[k]} follows ${rows[k - 1]}.`);
  }
}

function allRows(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function gather(y: Uint8Array, rows: Uint32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}
