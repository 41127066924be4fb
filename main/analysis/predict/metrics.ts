// Validation metrics of a binary classifier, each defined exactly as scikit-learn defines it, so the numbers the app
// reports can be checked against the reference implementation analysts already trust:
//   - ROC AUC: roc_auc_score — the trapezoid under the ROC curve, which equals the Mann–Whitney statistic with a
//     tied positive/negative pair counted as ½ (computed here in whole counts: exact, O(n log n));
//   - PR AUC: average_precision_score — Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds (a step function, not the
//     optimistic trapezoid);
//   - log loss: log_loss with eps='auto' — probabilities clipped to [ε, 1 − ε], ε = 2⁻⁵², then each row's pair
//     (1 − p, p) renormalised, as sklearn does;
//   - Brier score: brier_score_loss, the mean squared error of the probability;
//   - reliability: calibration_curve(strategy='uniform') bins — bin 0 is [0, 0.1], bin b is (b/10, (b+1)/10] — and
//     the expected calibration error Σ (n_b / n)·|observed rate_b − mean probability_b|.
import { countsByThreshold } from './ranking';
import type { Labels, Probabilities } from './types';
import { checkBothClasses, checkProbabilities, checkScores } from './validate';

/** ROC AUC of any real-valued score (higher = more likely positive). */
export function rocAuc(y: Labels, score: Float64Array): number {
  const { positives, negatives } = checkBothClasses(y);
  checkScores(score, y.length);
  // Trapezoids under the ROC steps in counts: Σ ΔFP·(TPₖ + TPₖ₋₁)/2. Every term is a whole number or a half and
  // the sum is at most positives·negatives < 2⁵² up to ~130 million rows, so it is exact; the one division at the
  // end is the only rounding.
  const { tps, fps } = countsByThreshold(y, score);
  let area = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < tps.length; k++) {
    area += ((fps[k] - fp) * (tps[k] + tp)) / 2;
    tp = tps[k];
    fp = fps[k];
  }
  return area / (positives * negatives);
}

export interface CurvePoint {
  /** Rows with score ≥ threshold are flagged. */
  threshold: number;
  /** ROC: false positive rate; PR: recall. */
  x: number;
  /** ROC: true positive rate; PR: precision. */
  y: number;
}

/** ROC curve at every distinct threshold, starting at (0, 0) (sklearn roc_curve with drop_intermediate=False). */
export function rocCurve(y: Labels, score: Float64Array): CurvePoint[] {
  const { positives, negatives } = checkBothClasses(y);
  checkScores(score, y.length);
  const { thresholds, tps, fps } = countsByThreshold(y, score);
  const points: CurvePoint[] = [{ threshold: Number.POSITIVE_INFINITY, x: 0, y: 0 }];
  for (let k = 0; k < thresholds.length; k++) points.push({ threshold: thresholds[k], x: fps[k] / negatives, y: tps[k] / positives });
  return points;
}

/** Precision–recall points at every distinct threshold, from the highest (sklearn precision_recall_curve order reversed). */
export function precisionRecallCurve(y: Labels, score: Float64Array): CurvePoint[] {
  const { positives } = checkBothClasses(y);
  checkScores(score, y.length);
  const { thresholds, tps, fps } = countsByThreshold(y, score);
  return Array.from(thresholds, (t, k) => ({ threshold: t, x: tps[k] / positives, y: tps[k] / (tps[k] + fps[k]) }));
}

/** Average precision (PR AUC as sklearn's average_precision_score). */
export function averagePrecision(y: Labels, score: Float64Array): number {
  const { positives } = checkBothClasses(y);
  checkScores(score, y.length);
  // The same sum as over precisionRecallCurve's points, without building one object per distinct score.
  const { tps, fps } = countsByThreshold(y, score);
  let ap = 0;
  let previousRecall = 0;
  for (let k = 0; k < tps.length; k++) {
    const recall = tps[k] / positives;
    ap += (recall - previousRecall) * (tps[k] / (tps[k] + fps[k]));
    previousRecall = recall;
  }
  return ap;
}

/** Mean log loss (natural log) with sklearn's clipping and renormalisation. */
export function logLoss(y: Labels, p: Probabilities): number {
  checkBothClasses(y);
  checkProbabilities(p, y.length);
  const eps = Number.EPSILON;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], eps), 1 - eps);
    const total = 1 - q + q; // not always exactly 1 in floating point; sklearn divides by it
    sum -= Math.log((y[i] === 1 ? q : 1 - q) / total);
  }
  return sum / y.length;
}

/** Brier score: mean of (p − y)². Lower is better; predicting the prevalence π everywhere scores π(1 − π). */
export function brierScore(y: Labels, p: Probabilities): number {
  checkBothClasses(y);
  checkProbabilities(p, y.length);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (p[i] - y[i]) ** 2;
  return sum / y.length;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  /** Share of positives in the bin; null when the bin is empty. */
  observedRate: number | null;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: the count-weighted mean |observed − predicted| over the non-empty bins. */
  ece: number;
  /** Maximum calibration error: the largest |observed − predicted| over the non-empty bins. */
  mce: number;
}

/** Reliability diagram over uniform bins (10 by default) and the calibration errors it implies. */
export function reliability(y: Labels, p: Probabilities, binCount = 10): Reliability {
  checkBothClasses(y);
  checkProbabilities(p, y.length);
  if (!(Number.isInteger(binCount) && binCount >= 1)) throw new Error(`The number of calibration bins must be a positive integer; got ${binCount}.`);
  // numpy.linspace(0, 1, bins + 1) computes the edges as k·step, so 0.3 is 0.30000000000000004 there: same here.
  const step = 1 / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, k) => (k === binCount ? 1 : k * step));
  const count = new Float64Array(binCount);
  const sumP = new Float64Array(binCount);
  const sumY = new Float64Array(binCount);
  for (let i = 0; i < y.length; i++) {
    // numpy.searchsorted(edges[1:-1], p, side='left'): the number of inner edges strictly below p.
    let b = 0;
    while (b < binCount - 1 && edges[b + 1] < p[i]) b++;
    count[b]++;
    sumP[b] += p[i];
    sumY[b] += y[i];
  }
  let ece = 0;
  let mce = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const empty = count[b] === 0;
    const meanPredicted = empty ? null : sumP[b] / count[b];
    const observedRate = empty ? null : sumY[b] / count[b];
    if (!empty) {
      const gap = Math.abs(observedRate! - meanPredicted!);
      ece += (count[b] / y.length) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({ lower: edges[b], upper: edges[b + 1], count: count[b], meanPredicted, observedRate });
  }
  return { bins, ece, mce };
}

export interface NoSkillBaseline {
  /** The constant probability the baseline predicts: the training prevalence. */
  prevalence: number;
  auc: number;
  averagePrecision: number;
  brier: number;
  logLoss: number;
}

/**
 * What a model that knows only the training prevalence scores on these labels: every row gets the same
 * probability, so AUC is ½ and average precision is the share of positives; a model must beat these numbers to be
 * worth its complexity (the Brier skill score is 1 − brier / baseline brier).
 */
export function noSkillBaseline(y: Labels, trainingPrevalence: number): NoSkillBaseline {
  if (!(trainingPrevalence > 0 && trainingPrevalence < 1)) throw new Error(`The training prevalence must lie strictly between 0 and 1; got ${trainingPrevalence}.`);
  const { positives } = checkBothClasses(y);
  const constant = new Float64Array(y.length).fill(trainingPrevalence);
  return {
    prevalence: trainingPrevalence,
    auc: 0.5,
    averagePrecision: positives / y.length,
    brier: brierScore(y, constant),
    logLoss: logLoss(y, constant),
  };
}
