// Per-group rates, each with its numerator, denominator and Wilson 95% interval. Pure functions, no I/O.
//
// Definitions (y = label, ŷ = positive prediction; Fairlearn / Aequitas):
//   selection rate = P(ŷ=1)   = (TP+FP) / n          base rate = P(y=1) = (TP+FN) / n
//   TPR = TP/(TP+FN)   FNR = FN/(TP+FN)              FPR = FP/(FP+TN)   TNR = TN/(FP+TN)
//   PPV = TP/(TP+FP)   FDR = FP/(TP+FP)              NPV = TN/(TN+FN)   FOR = FN/(TN+FN)
// A rate whose denominator is 0 is undefined: value and interval null with the reason in words — never 0 (unlike
// scikit-learn's normalised confusion matrix, which Fairlearn's rate functions use and which turns 0/0 into 0).
// A rate whose denominator is below the minimum group size is marked `reliable: false` (shared/audit-gaps.ts).
import type { AuditMetric, Rate } from '../../../shared/audit';
import { wilsonInterval } from '../segment-stats';
import type { Confusion } from './counts';

/** A rate with its interval; `undefinedReason` is used when the denominator is 0; reliable from `minDenominator` up. */
export function rateOf(numerator: number, denominator: number, undefinedReason: string, minDenominator: number): Rate {
  if (denominator <= 0) return { value: null, numerator, denominator: 0, ci: null, reason: undefinedReason, reliable: false };
  return { value: numerator / denominator, numerator, denominator, ci: wilsonInterval(numerator, denominator), reliable: denominator >= minDenominator };
}

export const METRIC_LABELS: Record<AuditMetric, string> = {
  selectionRate: 'selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  tnr: 'TNR',
  ppv: 'PPV',
  npv: 'NPV',
  fdr: 'FDR',
  for: 'FOR',
};

const NO_POSITIVES = 'no positive labels in this group';
const NO_NEGATIVES = 'no negatives in this group';
const NO_POSITIVE_PREDICTIONS = 'no positive predictions in this group';
const NO_NEGATIVE_PREDICTIONS = 'no negative predictions in this group';

const why = (cause: string, metric: AuditMetric) => `${cause}: ${METRIC_LABELS[metric]} is undefined`;

export interface GroupRates {
  baseRate: Rate | null;
  selectionRate: Rate;
  tpr: Rate | null;
  fpr: Rate | null;
  fnr: Rate | null;
  tnr: Rate | null;
  ppv: Rate | null;
  npv: Rate | null;
  fdr: Rate | null;
  for: Rate | null;
}

/** Every rate of a group from its confusion counts; the label-based ones are null without a label. */
export function groupRates(c: Confusion, withLabel: boolean, minGroupSize: number): GroupRates {
  const rate = (k: number, d: number, reason: string) => rateOf(k, d, reason, minGroupSize);
  const n = c.tp + c.fp + c.fn + c.tn;
  const selectionRate = rate(c.tp + c.fp, n, 'empty group: selection rate is undefined');
  if (!withLabel) return { baseRate: null, selectionRate, tpr: null, fpr: null, fnr: null, tnr: null, ppv: null, npv: null, fdr: null, for: null };
  const positives = c.tp + c.fn;
  const negatives = c.fp + c.tn;
  const predictedPositive = c.tp + c.fp;
  const predictedNegative = c.tn + c.fn;
  return {
    baseRate: rate(positives, n, 'empty group: base rate is undefined'),
    selectionRate,
    tpr: rate(c.tp, positives, why(NO_POSITIVES, 'tpr')),
    fnr: rate(c.fn, positives, why(NO_POSITIVES, 'fnr')),
    fpr: rate(c.fp, negatives, why(NO_NEGATIVES, 'fpr')),
    tnr: rate(c.tn, negatives, why(NO_NEGATIVES, 'tnr')),
    ppv: rate(c.tp, predictedPositive, why(NO_POSITIVE_PREDICTIONS, 'ppv')),
    fdr: rate(c.fp, predictedPositive, why(NO_POSITIVE_PREDICTIONS, 'fdr')),
    npv: rate(c.tn, predictedNegative, why(NO_NEGATIVE_PREDICTIONS, 'npv')),
    for: rate(c.fn, predictedNegative, why(NO_NEGATIVE_PREDICTIONS, 'for')),
  };
}
