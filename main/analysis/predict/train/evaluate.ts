// The numbers a model is judged by on a set of rows (out-of-fold training rows, or the untouched test rows): ROC AUC
// with its DeLong 95% interval, average precision, Brier score and log loss; on the test rows also the calibration
// error, the reliability bins, lift by decile and what a no-skill model would score.
import type { LiftDecile, MetricsWithCi, ReliabilityPoint, TestMetrics } from '../../../../shared/predict';
import { liftTable } from '../decision';
import { delongAuc } from '../delong';
import { averagePrecision, brierScore, logLoss, noSkillBaseline, reliability } from '../metrics';
import type { Labels, Probabilities } from '../types';

export function metricsOf(y: Labels, p: Probabilities): MetricsWithCi {
  const d = delongAuc(y, p);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  return { rows: y.length, positives, auc: d.auc, aucCi: d.ci, prAuc: averagePrecision(y, p), brier: brierScore(y, p), logLoss: logLoss(y, p) };
}

export function testMetricsOf(y: Labels, p: Probabilities, trainingPrevalence: number): { test: TestMetrics; reliability: ReliabilityPoint[]; lift: LiftDecile[] } {
  const base = metricsOf(y, p);
  const rel = reliability(y, p, 10);
  const b = noSkillBaseline(y, trainingPrevalence);
  const lift = liftTable(y, p, 10).map((r) => ({ group: r.group, rows: r.rows, positives: r.positives, rate: r.rate, lift: r.lift, gain: r.gain, cumulativeLift: r.cumulativeLift }));
  return {
    test: { ...base, ece: rel.ece, baseline: { auc: b.auc, prAuc: b.averagePrecision, brier: b.brier, logLoss: b.logLoss } },
    reliability: rel.bins,
    lift,
  };
}

/** The labels of `rows` only, in that order. */
export function labelsOf(y: Labels, rows: ArrayLike<number>): Labels {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
  return out;
}
