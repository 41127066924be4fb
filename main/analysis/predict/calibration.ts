// Probability calibration: a map from a model's score to a probability that matches observed rates, fitted on rows
// the model did not train on (a validation fold), then applied to new scores. Both methods follow scikit-learn so
// the app's calibrated probabilities can be checked against CalibratedClassifierCV's building blocks.
//
// Platt scaling (sklearn.calibration._sigmoid_calibration): P(y = 1 | f) = 1 / (1 + exp(A·f + B)), fitted by
// maximum likelihood against Platt's smoothed targets T₊ = (N₊ + 1)/(N₊ + 2), T₋ = 1/(N₋ + 2) (Platt 1999 §2.2:
// a prior that keeps A, B finite on separable scores and the probabilities away from exactly 0 and 1). Pass the
// model's log-odds (its decision function, as sklearn does), not its probability. sklearn minimises with
// scipy's fmin_bfgs at its default gtol 1e-5; we use Newton's method with backtracking (Lin, Lin & Weng 2007) to a
// step below 1e-12, i.e. the same optimum, more tightly.
//
// Isotonic regression (sklearn IsotonicRegression(out_of_bounds='clip', increasing=True)): the non-decreasing step
// function closest to the labels in squared error, by pool-adjacent-violators. Exactly as sklearn: rows sorted by
// score (ties by label), scores closer than 1e-15 merged into one point with the mean label and summed weight, PAV
// on those points, redundant interior points of flat runs dropped, and new scores clipped to the fitted range and
// linearly interpolated between the remaining points (numpy.interp).
import { choleskySolve, sigmoid, softplus } from './dense';
import type { Labels } from './types';
import { checkBothClasses, checkScores } from './validate';

export interface PlattCalibration {
  kind: 'platt';
  /** Slope: negative when a higher score means a higher probability. */
  a: number;
  b: number;
  iterations: number;
}

export interface IsotonicCalibration {
  kind: 'isotonic';
  /** Knots: increasing scores … */
  x: Float64Array;
  /** … and their non-decreasing calibrated probabilities. */
  y: Float64Array;
}

export type Calibration = PlattCalibration | IsotonicCalibration;

/** Fits Platt scaling of `score` (e.g. log-odds) to the labels. */
export function fitPlatt(score: Float64Array, y: Labels): PlattCalibration {
  const { positives, negatives } = checkBothClasses(y);
  checkScores(score, y.length);
  const n = y.length;
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = score[i] === score[0];
  if (constant) throw new Error('Platt scaling needs scores that vary; every score is the same.');
  const tPos = (positives + 1) / (positives + 2);
  const tNeg = 1 / (negatives + 2);
  const target = Float64Array.from(y, (v) => (v === 1 ? tPos : tNeg));
  // η = −(A·f + B) is the log-odds of P; loss per row = softplus(η) − T·η.
  const objective = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const eta = -(a * score[i] + b);
      s += softplus(eta) - target[i] * eta;
    }
    return s;
  };
  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1)); // sklearn's starting point
  let f = objective(a, b);
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(-(a * score[i] + b));
      const d = target[i] - p; // ∂loss/∂B; ∂loss/∂A = d·f
      const w = p * (1 - p);
      ga += d * score[i];
      gb += d;
      haa += w * score[i] * score[i];
      hab += w * score[i];
      hbb += w;
    }
    const step = choleskySolve(Float64Array.of(haa, hab, hab, hbb), Float64Array.of(ga, gb), 2);
    if (!step) throw new Error('Platt scaling broke down: the scores separate the classes beyond floating-point precision.');
    // Backtracking with a rounding allowance (as in logistic.ts): near the optimum a Newton step's gain is below the
    // rounding error of the summed objective and must not be rejected for it.
    const slack = 1e-12 * (Math.abs(f) + 1);
    let scale = 1;
    let na = a;
    let nb = b;
    let nf = f;
    for (let halvings = 0; halvings < 60; halvings++) {
      na = a - scale * step[0];
      nb = b - scale * step[1];
      nf = objective(na, nb);
      if (nf <= f + slack) break;
      scale /= 2;
    }
    if (!(nf <= f + slack)) break; // no descent along the Newton direction: stop where we are
    const moved = Math.max(Math.abs(na - a), Math.abs(nb - b));
    a = na;
    b = nb;
    f = nf;
    if (moved < 1e-12) {
      iterations++;
      break;
    }
  }
  return { kind: 'platt', a, b, iterations };
}

/** Sorts by score then label, merges near-equal scores (sklearn _make_unique) and returns the points PAV sees. */
function uniquePoints(score: Float64Array, y: Labels) {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => score[i] - score[j] || y[i] - y[j] || i - j);
  const resolution = 1e-15; // numpy.finfo(float64).resolution: sklearn merges scores closer than this
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let currentX = score[order[0]];
  let sumY = 0;
  let weight = 0;
  for (const r of order) {
    const x = score[r];
    if (x - currentX >= resolution) {
      xs.push(currentX);
      ys.push(sumY / weight);
      ws.push(weight);
      currentX = x;
      sumY = 0;
      weight = 0;
    }
    sumY += y[r];
    weight += 1;
  }
  xs.push(currentX);
  ys.push(sumY / weight);
  ws.push(weight);
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), w: Float64Array.from(ws) };
}

/** Pool-adjacent-violators in place (sklearn _inplace_contiguous_isotonic_regression, same order of operations). */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  // target[i] = the last index of the block starting at i (and target[last] = i): O(n) with backtracking.
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) target[i] = i;
  let i = 0;
  while (i < n) {
    let k = target[i] + 1;
    if (k === n) break;
    if (y[i] < y[k]) {
      i = k;
      continue;
    }
    let sumWy = w[i] * y[i];
    let sumW = w[i];
    for (;;) {
      const prevY = y[k];
      sumWy += w[k] * y[k];
      sumW += w[k];
      k = target[k] + 1;
      if (k === n || prevY < y[k]) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1];
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = target[i] + 1;
    y.fill(y[i], i + 1, k);
    i = k;
  }
}

/** Fits an increasing isotonic map from `score` to the labels. */
export function fitIsotonic(score: Float64Array, y: Labels): IsotonicCalibration {
  checkBothClasses(y);
  checkScores(score, y.length);
  const points = uniquePoints(score, y);
  poolAdjacentViolators(points.y, points.w);
  // Keep the ends and every point where the fitted value changes on either side (sklearn's trim_duplicates).
  const keepX: number[] = [];
  const keepY: number[] = [];
  const m = points.x.length;
  for (let k = 0; k < m; k++) {
    const interior = k > 0 && k < m - 1;
    if (!interior || points.y[k - 1] !== points.y[k] || points.y[k] !== points.y[k + 1]) {
      keepX.push(points.x[k]);
      keepY.push(points.y[k]);
    }
  }
  return { kind: 'isotonic', x: Float64Array.from(keepX), y: Float64Array.from(keepY) };
}

/** numpy.interp at one point inside [x₀, x_last]: exact at the knots. */
function interpolate(x: Float64Array, y: Float64Array, t: number): number {
  const last = x.length - 1;
  if (t >= x[last]) return y[last];
  if (t <= x[0]) return y[0];
  let lo = 0;
  let hi = last; // invariant: x[lo] ≤ t < x[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= t) lo = mid;
    else hi = mid;
  }
  const slope = (y[lo + 1] - y[lo]) / (x[lo + 1] - x[lo]);
  return slope * (t - x[lo]) + y[lo];
}

/** Calibrated probabilities for new scores (scores outside the isotonic fit's range take its end values). */
export function applyCalibration(calibration: Calibration, score: Float64Array): Float64Array {
  checkScores(score, score.length);
  if (calibration.kind === 'platt') return score.map((f) => sigmoid(-(calibration.a * f + calibration.b)));
  const { x, y } = calibration;
  if (x.length === 1) return new Float64Array(score.length).fill(y[0]);
  return score.map((t) => interpolate(x, y, t));
}
