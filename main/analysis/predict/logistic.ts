// L2-regularised logistic regression on standardised features, the transparent one of the two prediction models.
//
// Preprocessing (learned from the training rows only, then frozen for scoring):
//   - a missing value (NaN) is imputed with the feature's mean over the training rows' observed values, and the
//     number of imputed training rows is recorded (it goes on the model card);
//   - each feature is standardised, z = (x − mean) / sd, with sd the population SD (ddof 0) of the imputed
//     training column — exactly scikit-learn's SimpleImputer(strategy='mean') → StandardScaler pipeline, so the
//     penalty means the same thing as there. A constant feature keeps sd = 1 (StandardScaler's rule), which makes
//     it all zeros after centring: it gets coefficient 0 instead of a division by zero.
// Penalty: scikit-learn's parameterisation, minimise C·Σᵢ logloss(yᵢ, ηᵢ) + ½‖w‖² with the intercept unpenalised,
// so C = 1 here is C = 1 in LogisticRegression(C=1) on the same standardised data (larger C, weaker penalty).
// Fit: Newton's method (IRLS) with a backtracking line search. The objective is strictly convex, so Newton
// converges quadratically; we stop when the largest coefficient step is below `tol` (1e-10 by default, far
// tighter than the 1e-6 the coefficients are tested to). The arithmetic runs in one fixed order, so the same
// data give bit-identical coefficients on every machine.
import { choleskySolve, sigmoid, softplus } from './dense';
import type { FeatureColumns, Labels, RowSet } from './types';
import { allRows, checkBothClasses, checkColumns, checkRows } from './validate';

export interface LogisticOptions {
  /** Inverse penalty strength, as scikit-learn's C (default 1). */
  C?: number;
  /** Training rows (ascending); default all rows. */
  rows?: RowSet;
  /** Stop when the largest Newton step on the standardised scale is below this (default 1e-10). */
  tol?: number;
  /** Newton iterations at most (default 100; a well-posed fit needs fewer than 15). */
  maxIter?: number;
  /** Feature names, only for error messages. */
  names?: readonly string[];
}

export interface LogisticModel {
  kind: 'logistic';
  C: number;
  /** Training rows used. */
  rows: number;
  /** Per feature: the training mean of the observed values (also the value a missing entry is imputed with). */
  mean: Float64Array;
  /** Per feature: the population SD of the imputed training column; 1 for a constant feature. */
  sd: Float64Array;
  /** Per feature: training rows whose value was missing and imputed with the mean. */
  imputed: Int32Array;
  /** Per feature: true when the feature is constant on the training rows (its coefficient is 0). */
  constant: boolean[];
  /** Intercept on the standardised scale: the log-odds of a customer at the training mean of every feature. */
  intercept: number;
  /** Coefficients on the standardised scale: change in log-odds per 1 SD of the feature. */
  coef: Float64Array;
  /** exp(coef): odds ratio per 1 SD increase. */
  oddsRatioPerSd: Float64Array;
  /** Intercept on the original scale (log-odds when every feature is 0 in its own units). */
  interceptOriginal: number;
  /** Coefficients on the original scale: change in log-odds per unit of the feature (coef / sd). */
  coefOriginal: Float64Array;
  iterations: number;
  converged: boolean;
  /** Largest |gradient| of the penalised objective at the solution, divided by C·rows (a mean-scale residual). */
  gradientMax: number;
}

/** Per-row explanation in log-odds; see explainRow. */
export interface LogisticExplanation {
  base: number;
  contributions: Float64Array;
  logOdds: number;
}

// StandardScaler's test for a constant feature (sklearn.preprocessing._data._is_constant_feature): a variance no
// larger than the rounding error of computing it is treated as zero.
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/** Learns the imputation and standardisation from the training rows. */
function learnScaling(x: FeatureColumns, rows: RowSet, names?: readonly string[]) {
  const p = x.length;
  const n = rows.length;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const imputed = new Int32Array(p);
  const constant: boolean[] = [];
  for (let j = 0; j < p; j++) {
    const col = x[j];
    let sum = 0;
    let observed = 0;
    for (let k = 0; k < n; k++) {
      const v = col[rows[k]];
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new Error(`Feature ${names?.[j] ?? j} has an infinite value in row ${rows[k]}.`);
      sum += v;
      observed++;
    }
    if (observed === 0) throw new Error(`Feature ${names?.[j] ?? j} is missing in every training row; leave it out or fill it.`);
    const m = sum / observed;
    // Imputed rows sit at the mean, so they add nothing to the sum of squares but count in n (as after imputing).
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const v = col[rows[k]];
      if (!Number.isNaN(v)) ss += (v - m) * (v - m);
    }
    const variance = ss / n;
    mean[j] = m;
    imputed[j] = n - observed;
    constant.push(isConstant(variance, m, n));
    sd[j] = constant[j] ? 1 : Math.sqrt(variance);
  }
  return { mean, sd, imputed, constant };
}

/** z-score of x[j][row] under the frozen preprocessing; a missing value becomes 0 (the mean). */
function standardised(x: FeatureColumns, j: number, row: number, mean: Float64Array, sd: Float64Array): number {
  const v = x[j][row];
  return Number.isNaN(v) ? 0 : (v - mean[j]) / sd[j];
}

export function fitLogistic(x: FeatureColumns, y: Labels, options: LogisticOptions = {}): LogisticModel {
  const C = options.C ?? 1;
  if (!(C > 0 && Number.isFinite(C))) throw new Error(`C must be a positive number (the inverse penalty strength); got ${C}.`);
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100;
  checkColumns(x, y.length, options.names);
  const rows = options.rows ?? allRows(y.length);
  checkRows(rows, y.length, 'training rows');
  const yTrain = Uint8Array.from(rows, (r) => y[r]);
  const { positives, negatives } = checkBothClasses(yTrain, 'training labels');
  const p = x.length;
  const n = rows.length;
  const { mean, sd, imputed, constant } = learnScaling(x, rows, options.names);

  // The standardised training design, column-major (one column per feature), built once.
  const z: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = standardised(x, j, rows[k], mean, sd);
    z.push(col);
  }

  const m = p + 1; // parameter 0 is the intercept, 1..p the coefficients
  const theta = new Float64Array(m);
  theta[0] = Math.log(positives / negatives); // the intercept-only optimum, a good start
  const eta = new Float64Array(n);
  const computeEta = (t: Float64Array) => {
    for (let k = 0; k < n; k++) eta[k] = t[0];
    for (let j = 0; j < p; j++) {
      const w = t[j + 1];
      const col = z[j];
      for (let k = 0; k < n; k++) eta[k] += w * col[k];
    }
  };
  const objective = (t: Float64Array) => {
    computeEta(t);
    let loss = 0;
    for (let k = 0; k < n; k++) loss += softplus(eta[k]) - yTrain[k] * eta[k];
    let penalty = 0;
    for (let j = 1; j < m; j++) penalty += t[j] * t[j];
    return C * loss + 0.5 * penalty;
  };

  let f = objective(theta);
  let iterations = 0;
  let converged = false;
  const residual = new Float64Array(n);
  const weight = new Float64Array(n);
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const scratch = new Float64Array(n);
  const gradientAt = () => {
    // eta holds the current linear predictor (objective() was the last thing to touch it).
    for (let k = 0; k < n; k++) {
      const mu = sigmoid(eta[k]);
      residual[k] = mu - yTrain[k];
      weight[k] = mu * (1 - mu);
    }
    let g0 = 0;
    for (let k = 0; k < n; k++) g0 += residual[k];
    grad[0] = C * g0;
    for (let j = 0; j < p; j++) {
      const col = z[j];
      let s = 0;
      for (let k = 0; k < n; k++) s += residual[k] * col[k];
      grad[j + 1] = C * s + theta[j + 1];
    }
  };

  while (iterations < maxIter) {
    iterations++;
    gradientAt();
    // Hessian: C·Σ w·[1 z]ᵀ[1 z] + diag(0, 1, …, 1); only the lower triangle is needed by the solver.
    let w0 = 0;
    for (let k = 0; k < n; k++) w0 += weight[k];
    hess[0] = C * w0;
    for (let j = 0; j < p; j++) {
      const colJ = z[j];
      for (let k = 0; k < n; k++) scratch[k] = weight[k] * colJ[k];
      let s0 = 0;
      for (let k = 0; k < n; k++) s0 += scratch[k];
      hess[(j + 1) * m] = C * s0;
      for (let l = 0; l <= j; l++) {
        const colL = z[l];
        let s = 0;
        for (let k = 0; k < n; k++) s += scratch[k] * colL[k];
        hess[(j + 1) * m + l + 1] = C * s + (l === j ? 1 : 0);
      }
    }
    const step = choleskySolve(hess, grad, m);
    // The penalty makes the coefficient block positive definite; only a saturated intercept (every μ exactly 0
    // or 1 in floating point) can break that, which means the data are separated beyond what doubles resolve.
    if (!step) throw new Error(`The logistic fit broke down at iteration ${iterations}: the classes are separated beyond floating-point precision; lower C.`);
    // Backtracking: halve the Newton step until the objective does not rise. Near the optimum the decrease a step
    // brings (about ½·step·H·step) falls below the rounding error of the objective's sum over n rows, so the
    // comparison allows a rise of 1e-12 relative: without that slack, the last, most useful Newton steps would be
    // rejected and the coefficients left ~1e-8 from the optimum on 100k rows (measured).
    const slack = 1e-12 * (Math.abs(f) + 1);
    let scale = 1;
    const trial = new Float64Array(m);
    let fTrial = Number.POSITIVE_INFINITY;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let i = 0; i < m; i++) trial[i] = theta[i] - scale * step[i];
      fTrial = objective(trial);
      if (fTrial <= f + slack) break;
      scale /= 2;
    }
    if (!(fTrial <= f + slack)) {
      computeEta(theta); // no step along the Newton direction helps: stop and report it as not converged
      break;
    }
    let largest = 0;
    for (let i = 0; i < m; i++) largest = Math.max(largest, Math.abs(scale * step[i]));
    theta.set(trial);
    f = fTrial;
    if (largest < tol) {
      converged = true;
      break;
    }
  }
  computeEta(theta);
  gradientAt();
  let gradientMax = 0;
  for (let i = 0; i < m; i++) gradientMax = Math.max(gradientMax, Math.abs(grad[i]));

  const coef = theta.slice(1);
  const coefOriginal = new Float64Array(p);
  let interceptOriginal = theta[0];
  for (let j = 0; j < p; j++) {
    coefOriginal[j] = coef[j] / sd[j];
    interceptOriginal -= coefOriginal[j] * mean[j];
  }
  return {
    kind: 'logistic',
    C,
    rows: n,
    mean,
    sd,
    imputed,
    constant,
    intercept: theta[0],
    coef,
    oddsRatioPerSd: coef.map(Math.exp),
    interceptOriginal,
    coefOriginal,
    iterations,
    converged,
    gradientMax: gradientMax / (C * n),
  };
}

function checkModelInput(model: LogisticModel, x: FeatureColumns): void {
  if (x.length !== model.coef.length) throw new Error(`The model has ${model.coef.length} features; got ${x.length} columns.`);
}

/**
 * Per-row explanation in log-odds. The base is the intercept on the standardised scale, i.e. the log-odds of a
 * customer at the training mean of every feature (z = 0 everywhere); each contribution is coef × (z − 0), so a
 * missing (mean-imputed) value contributes exactly 0. The log-odds is accumulated as base + c₁ + c₂ + … in that
 * order, the same order logOdds() uses, so base + Σ contributions (summed left to right) equals it bit for bit.
 */
export function explainRow(model: LogisticModel, x: FeatureColumns, row: number): LogisticExplanation {
  checkModelInput(model, x);
  const p = model.coef.length;
  const contributions = new Float64Array(p);
  let logOdds = model.intercept;
  for (let j = 0; j < p; j++) {
    contributions[j] = model.coef[j] * standardised(x, j, row, model.mean, model.sd);
    logOdds += contributions[j];
  }
  return { base: model.intercept, contributions, logOdds };
}

/** Log-odds of each row (all rows, or the given ones), with the frozen imputation and standardisation. */
export function logOdds(model: LogisticModel, x: FeatureColumns, rows?: RowSet): Float64Array {
  checkModelInput(model, x);
  const n = rows ? rows.length : (x[0]?.length ?? 0);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const row = rows ? rows[k] : k;
    let s = model.intercept;
    for (let j = 0; j < model.coef.length; j++) s += model.coef[j] * standardised(x, j, row, model.mean, model.sd);
    out[k] = s;
  }
  return out;
}

/** P(positive) of each row (all rows, or the given ones). */
export function predictProbability(model: LogisticModel, x: FeatureColumns, rows?: RowSet): Float64Array {
  return logOdds(model, x, rows).map(sigmoid);
}
