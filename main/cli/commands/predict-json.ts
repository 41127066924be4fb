// What `cxw predict train --json` prints: the SPEC's keys first ({model, kind, target, positive, rows, positives,
// cv:{auc, aucCi, brier, logLoss}, test:{rows, auc, aucCi, brier, ece}, features:[{name, importance, importanceCi}],
// threshold:{value, rule}}), then the rest of the result under `detail` (the frozen model left out: it is for
// scoring, not reading; `cxw predict export-sql` writes it out).
import type { PredictResult } from '../../../shared/predict';

export interface TrainJson {
  model: string | null;
  kind: PredictResult['kind'];
  target: string;
  positive: string;
  rows: number;
  positives: number;
  cv: { auc: number; aucCi: [number, number]; brier: number; logLoss: number; prAuc: number; folds: number } | null;
  test: { rows: number; positives: number; auc: number; aucCi: [number, number]; brier: number; ece: number; logLoss: number; prAuc: number };
  features: { name: string; importance: number; importanceCi: [number, number]; meanAbsContribution: number }[];
  threshold: { value: number; rule: string };
  warnings: string[];
  /** How the label was made from an event log (absent for a column label). */
  label?: PredictResult['eventLabel'];
  detail: Omit<PredictResult, 'frozen'>;
}

export function trainJson(r: PredictResult, name: string | null = null): TrainJson {
  const { frozen: _frozen, ...detail } = r;
  return {
    model: name,
    kind: r.kind,
    target: r.target,
    positive: r.positive,
    rows: r.rows,
    positives: r.positives,
    cv: r.cv ? { auc: r.cv.auc, aucCi: r.cv.aucCi, brier: r.cv.brier, logLoss: r.cv.logLoss, prAuc: r.cv.prAuc, folds: r.cv.folds } : null,
    test: { rows: r.test.rows, positives: r.test.positives, auc: r.test.auc, aucCi: r.test.aucCi, brier: r.test.brier, ece: r.test.ece, logLoss: r.test.logLoss, prAuc: r.test.prAuc },
    features: r.features.map((f) => ({ name: f.name, importance: f.importance, importanceCi: f.importanceCi, meanAbsContribution: f.meanAbsContribution })),
    threshold: { value: r.threshold.value, rule: r.threshold.rule },
    warnings: r.warnings,
    ...(r.eventLabel ? { label: r.eventLabel } : {}),
    detail,
  };
}
