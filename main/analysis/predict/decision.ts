// From probabilities to decisions: lift and cumulative gains by decile, the confusion matrix at a threshold, and the
// two ways an analyst picks that threshold — by what a mistake costs, or by how many customers the team can contact.
// Every rule flags a row when its probability is ≥ the threshold.
import { countsByThreshold, orderByScoreDescending } from './ranking';
import type { Labels, Probabilities } from './types';
import { checkBothClasses, checkProbabilities } from './validate';

export interface LiftRow {
  /** 1 = the highest-scored tenth. */
  group: number;
  rows: number;
  positives: number;
  /** Lowest and highest probability in the group. */
  minProbability: number;
  maxProbability: number;
  /** Share of positives in the group. */
  rate: number;
  /** rate / overall rate: how many times better than contacting customers at random. */
  lift: number;
  cumulativeRows: number;
  cumulativePositives: number;
  /** Cumulative gains: share of all positives found in groups 1..group. */
  gain: number;
  cumulativeLift: number;
}

/**
 * Lift and gains by group of equal size (deciles by default). Rows are ranked by descending probability; group g
 * takes the ranked rows ⌊(g−1)·n/G⌋ … ⌊g·n/G⌋ − 1, so sizes differ by at most one. Rows with equal probability
 * that straddle a group boundary are split in row order — deterministic, but it means a model with many tied
 * scores can show a lift its scores do not distinguish; the min/max columns make such ties visible.
 */
export function liftTable(y: Labels, p: Probabilities, groups = 10): LiftRow[] {
  const { positives } = checkBothClasses(y);
  checkProbabilities(p, y.length);
  const n = y.length;
  if (!(Number.isInteger(groups) && groups >= 1)) throw new Error(`The number of lift groups must be a positive integer; got ${groups}.`);
  if (groups > n) throw new Error(`Cannot split ${n} rows into ${groups} lift groups.`);
  const order = orderByScoreDescending(p);
  const overall = positives / n;
  const table: LiftRow[] = [];
  let cumulativeRows = 0;
  let cumulativePositives = 0;
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    let hits = 0;
    for (let k = start; k < end; k++) hits += y[order[k]];
    const rows = end - start;
    cumulativeRows += rows;
    cumulativePositives += hits;
    const rate = hits / rows;
    table.push({
      group: g + 1,
      rows,
      positives: hits,
      minProbability: p[order[end - 1]],
      maxProbability: p[order[start]],
      rate,
      lift: rate / overall,
      cumulativeRows,
      cumulativePositives,
      gain: cumulativePositives / positives,
      cumulativeLift: cumulativePositives / cumulativeRows / overall,
    });
  }
  return table;
}

export interface Confusion {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** Rows flagged (probability ≥ threshold). */
  flagged: number;
  /** TP / flagged; null when nobody is flagged. */
  precision: number | null;
  /** TP / positives (sensitivity). */
  recall: number;
  /** TN / negatives. */
  specificity: number;
  accuracy: number;
  /** Harmonic mean of precision and recall; null when nobody is flagged. */
  f1: number | null;
}

function confusionFromCounts(threshold: number, tp: number, fp: number, positives: number, negatives: number): Confusion {
  const flagged = tp + fp;
  const precision = flagged === 0 ? null : tp / flagged;
  const recall = tp / positives;
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: negatives - fp,
    falseNegatives: positives - tp,
    flagged,
    precision,
    recall,
    specificity: (negatives - fp) / negatives,
    accuracy: (tp + negatives - fp) / (positives + negatives),
    f1: precision === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall),
  };
}

/** Confusion matrix when rows with probability ≥ threshold are flagged (Infinity flags nobody). */
export function confusionAt(y: Labels, p: Probabilities, threshold: number): Confusion {
  const { positives, negatives } = checkBothClasses(y);
  checkProbabilities(p, y.length);
  if (Number.isNaN(threshold)) throw new Error('The threshold is not a number.');
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < y.length; i++) {
    if (p[i] >= threshold) {
      if (y[i] === 1) tp++;
      else fp++;
    }
  }
  return confusionFromCounts(threshold, tp, fp, positives, negatives);
}

export interface CostThreshold {
  rule: 'cost';
  /** What a missed positive costs relative to an unneeded action on a negative (which costs 1). */
  missedPositiveCost: number;
  /** Flag rows with probability ≥ threshold; Infinity when flagging nobody is cheapest. */
  threshold: number;
  /** FN·missedPositiveCost + FP at the threshold, in units of one unneeded action. */
  cost: number;
  /** Cost of flagging nobody (every positive missed) and of flagging everybody, for comparison. */
  costFlagNone: number;
  costFlagAll: number;
  /** 1 / (1 + cost ratio): the threshold that is optimal when the probabilities are calibrated. */
  calibratedThreshold: number;
  confusion: Confusion;
}

/**
 * The threshold that minimises FN·missedPositiveCost + FP on these rows ("a missed churner costs 5× an unneeded
 * offer" → 5). Every distinct probability is tried, plus flagging nobody; among equal costs the higher threshold
 * wins (fewer customers contacted for the same cost).
 */
export function thresholdByCost(y: Labels, p: Probabilities, missedPositiveCost: number): CostThreshold {
  const { positives, negatives } = checkBothClasses(y);
  checkProbabilities(p, y.length);
  if (!(missedPositiveCost > 0 && Number.isFinite(missedPositiveCost))) {
    throw new Error(`The cost of a missed positive (relative to an unneeded action) must be a positive number; got ${missedPositiveCost}.`);
  }
  const { thresholds, tps, fps } = countsByThreshold(y, p);
  let best = { threshold: Number.POSITIVE_INFINITY, tp: 0, fp: 0, cost: positives * missedPositiveCost };
  const costFlagNone = best.cost;
  for (let k = 0; k < thresholds.length; k++) {
    const cost = (positives - tps[k]) * missedPositiveCost + fps[k];
    if (cost < best.cost) best = { threshold: thresholds[k], tp: tps[k], fp: fps[k], cost };
  }
  return {
    rule: 'cost',
    missedPositiveCost,
    threshold: best.threshold,
    cost: best.cost,
    costFlagNone,
    costFlagAll: negatives,
    calibratedThreshold: 1 / (1 + missedPositiveCost),
    confusion: confusionFromCounts(best.threshold, best.tp, best.fp, positives, negatives),
  };
}

export interface CapacityThreshold {
  rule: 'capacity';
  capacity: number;
  /** Flag rows with probability ≥ threshold; Infinity when even the top tie group exceeds the capacity. */
  threshold: number;
  /** Rows flagged: never more than the capacity. */
  flagged: number;
  /** Size of the tie group that straddles the capacity and was left out whole (0 when the capacity is met exactly). */
  tiedLeftOut: number;
}

/**
 * The lowest threshold that flags at most `capacity` rows ("we can call 500 customers"). When customers tied on
 * the same probability straddle the capacity, the whole tie group is left out rather than split arbitrarily, so the
 * count can fall short of the capacity; tiedLeftOut is the size of the group left out.
 */
export function thresholdByCapacity(p: Probabilities, capacity: number): CapacityThreshold {
  checkProbabilities(p, p.length);
  if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`The capacity must be a whole number of customers (at least 1); got ${capacity}.`);
  const sorted = p.slice().sort(); // ascending; walk tie groups from the top
  let threshold = Number.POSITIVE_INFINITY;
  let flagged = 0;
  let tiedLeftOut = 0;
  let k = sorted.length - 1;
  while (k >= 0) {
    let start = k; // the tie group is sorted[start..k]
    while (start > 0 && sorted[start - 1] === sorted[k]) start--;
    const through = sorted.length - start; // rows flagged if this group is taken
    if (through > capacity) {
      // Only a group that straddles the capacity is "left out because of a tie"; one that starts beyond it is not.
      if (flagged < capacity) tiedLeftOut = k - start + 1;
      break;
    }
    threshold = sorted[k];
    flagged = through;
    k = start - 1;
  }
  return { rule: 'capacity', capacity, threshold, flagged, tiedLeftOut };
}
