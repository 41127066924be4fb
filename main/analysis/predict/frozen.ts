// Scoring and explaining with a frozen model (shared/predict.ts FrozenModel) over encoded features: the one place
// that defines what a model's probability is, so training's test metrics, `cxw predict score`, `explain` and the SQL
// export (which must match these numbers to 1e-9) all compute the same thing:
//   member log-odds  m = logistic: intercept + Σ coef_j · (x_j − mean_j) / sd_j (missing x_j → 0)
//                        trees: baseMargin + Σ leaf values
//   calibrated       c = a · m + b (Platt scaling fitted on out-of-fold predictions)
//   model log-odds   z = mean over members of c; probability = 1 / (1 + e^−z)
// Averaging on the log-odds scale (not probabilities) keeps explanations exact: with Platt scaling being linear,
// each member's contributions scaled by a, averaged, plus the averaged base, add up to z.
import type { FrozenGbdt, FrozenLogistic, FrozenMember, FrozenModel } from '../../../shared/predict';
import { predictRawMargin, sigmoid } from './gbdt/model';
import { treeShap } from './treeshap';
import type { FeatureColumns, RowSet } from './types';

function logisticMargin(m: FrozenLogistic, x: FeatureColumns, row: number): number {
  let s = m.intercept;
  for (let j = 0; j < m.coef.length; j++) {
    const v = x[j][row];
    s += m.coef[j] * (v !== v ? 0 : (v - m.mean[j]) / m.sd[j]);
  }
  return s;
}

function treeModel(g: FrozenGbdt, nFeatures: number) {
  return { nFeatures, baseMargin: g.baseMargin, trees: g.trees };
}

/** Calibrated log-odds of one member for `rows` (all rows when omitted). */
export function memberLogOdds(member: FrozenMember, x: FeatureColumns, rows?: RowSet): Float64Array {
  const n = rows ? rows.length : (x[0]?.length ?? 0);
  let margin: Float64Array;
  if (member.kind === 'logistic') {
    const m = member.logistic!;
    margin = new Float64Array(n);
    for (let k = 0; k < n; k++) margin[k] = logisticMargin(m, x, rows ? rows[k] : k);
  } else {
    margin = predictRawMargin(treeModel(member.gbdt!, x.length), x, rows);
  }
  const { a, b } = member.calibration;
  for (let k = 0; k < n; k++) margin[k] = a * margin[k] + b;
  return margin;
}

/** The model's log-odds: the mean of its members' calibrated log-odds. */
export function modelLogOdds(members: readonly FrozenMember[], x: FeatureColumns, rows?: RowSet): Float64Array {
  const parts = members.map((m) => memberLogOdds(m, x, rows));
  const out = new Float64Array(parts[0].length);
  for (let k = 0; k < out.length; k++) {
    let s = 0;
    for (const p of parts) s += p[k];
    out[k] = s / parts.length;
  }
  return out;
}

export interface Scores {
  logOdds: Float64Array;
  probability: Float64Array;
  /** Lowest and highest probability the cross-validation fold models give (equal to probability with one fold). */
  bandLow: Float64Array;
  bandHigh: Float64Array;
  needsReview: Uint8Array;
}

export function scoreModel(model: FrozenModel, x: FeatureColumns, rows?: RowSet): Scores {
  const logOdds = modelLogOdds(model.members, x, rows);
  const probability = logOdds.map(sigmoid);
  const bandLow = probability.slice();
  const bandHigh = probability.slice();
  const folds = model.folds[0]?.length ?? 0;
  for (let f = 0; f < folds; f++) {
    const p = modelLogOdds(
      model.folds.map((perMember) => perMember[f]),
      x,
      rows,
    ).map(sigmoid);
    for (let k = 0; k < p.length; k++) {
      if (p[k] < bandLow[k]) bandLow[k] = p[k];
      if (p[k] > bandHigh[k]) bandHigh[k] = p[k];
    }
  }
  const needsReview = new Uint8Array(probability.length);
  for (let k = 0; k < probability.length; k++) needsReview[k] = reviewReason(model, probability[k], bandLow[k], bandHigh[k]) ? 1 : 0;
  return { logOdds, probability, bandLow, bandHigh, needsReview };
}

/** Why a score needs a person's look, or null: the fold models disagree about the side of the threshold, or widely. */
export function reviewReason(model: Pick<FrozenModel, 'threshold' | 'reviewBandWidth'>, p: number, low: number, high: number): string | null {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  if (low < model.threshold && high >= model.threshold) return `the fold models fall on both sides of the ${pct(model.threshold)} threshold (${pct(low)}–${pct(high)})`;
  if (high - low > model.reviewBandWidth) return `the fold models disagree widely (${pct(low)}–${pct(high)})`;
  return null;
}

export interface Explanation {
  /** Calibrated log-odds before any feature: what every customer's explanation starts from. */
  base: number;
  /** Per input column (one-hot levels summed), in the model's log-odds. */
  contributions: Float64Array;
  logOdds: number;
}

/**
 * Per input column contributions for each of `rows`, in the model's log-odds: exact TreeSHAP for trees,
 * coef × standardised value for logistic, each scaled by its member's Platt slope and averaged over members.
 * base + Σ contributions = logOdds (to rounding).
 */
export function explainModel(model: FrozenModel, x: FeatureColumns, owners: readonly number[], inputs: number, rows: RowSet): Explanation[] {
  const out: Explanation[] = Array.from(rows, () => ({ base: 0, contributions: new Float64Array(inputs), logOdds: 0 }));
  const share = 1 / model.members.length;
  for (const member of model.members) {
    const { a, b } = member.calibration;
    if (member.kind === 'logistic') {
      const m = member.logistic!;
      rows.forEach((row, k) => {
        const e = out[k];
        e.base += (a * m.intercept + b) * share;
        for (let j = 0; j < m.coef.length; j++) {
          const v = x[j][row];
          e.contributions[owners[j]] += a * m.coef[j] * (v !== v ? 0 : (v - m.mean[j]) / m.sd[j]) * share;
        }
      });
    } else {
      const shap = treeShap(treeModel(member.gbdt!, x.length), x, { rows });
      const nf = shap.nFeatures;
      rows.forEach((_, k) => {
        const e = out[k];
        e.base += (a * shap.base + b) * share;
        for (let j = 0; j < nf; j++) e.contributions[owners[j]] += a * shap.values[k * nf + j] * share;
      });
    }
  }
  for (const e of out) e.logOdds = e.contributions.reduce((s, c) => s + c, e.base);
  return out;
}
