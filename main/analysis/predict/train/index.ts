// Training a prediction model end to end on prepared columns (pure: the workspace layer loads the data, checks the
// spec and stores the result). Order matters for honesty: the encoding, the models, their calibration and the
// threshold are all fitted on the training rows only; the test rows are scored once, at the end, and every test
// figure comes from that one scoring.
import type { FrozenModel, PredictResult, ReviewCase, ThresholdRule } from '../../../../shared/predict';
import { thresholdByCapacity } from '../decision';
import { delongPaired } from '../delong';
import { applyEncoding, featureOwners, fitEncoding, type InputColumn } from '../encoding';
import { explainModel, memberLogOdds, reviewReason, scoreModel } from '../frozen';
import type { GbdtOptions } from '../gbdt/boost';
import { sigmoid } from '../gbdt/model';
import { confusionAt } from '../decision';
import type { Labels, RowSplit } from '../types';
import { labelsOf, metricsOf, testMetricsOf } from './evaluate';
import { fitMembers, type MemberKind } from './fit';
import { DEPENDENCE_ROWS, EXPLAIN_ROWS, IMPORTANCE_ROWS, importanceTable, meanAbsContributions, partialDependence, sampleRows } from './insight';
import { importanceJob, mergeImportance, permutationImportance, takeImportanceShare, type Importance, type ImportanceJob } from './importance';
import { riskHeadline, topReasons } from './words';

export interface TrainOptions {
  kind: FrozenModel['kind'];
  folds: number;
  seed: number;
  C: number;
  gbdt: GbdtOptions;
  threshold: ThresholdRule;
  minLevelRows: number;
  /** Review when the fold models' band is wider than this (probability points, default 0.2). */
  reviewBandWidth: number;
  target: string;
  positive: string;
  id: string | null;
  onProgress?: (fraction: number, message: string) => void;
  isCancelled?: () => boolean;
  /**
   * Starts permutation importance on another thread while this one scores the test rows (workspace/predict/
   * importance-helper.ts); this thread takes its share of the inputs once it is done with the rest. Given the job, a
   * wait for the other thread's share (null: it never came; its inputs are computed here), or null when no thread is
   * available. The figures are the same either way.
   */
  importanceHelper?: (job: ImportanceJob) => (() => Map<number, Importance> | null) | null;
}

/** Below this many sampled rows permutation importance stays on the job's thread (a thread's start costs more). */
const IMPORTANCE_HELPER_MIN_ROWS = 2000;

export interface TrainInput {
  columns: InputColumn[];
  labels: Labels;
  split: RowSplit;
  /** Customer id per row (for the review queue), or null. */
  ids: readonly string[] | null;
}

export type TrainOutput = Pick<PredictResult, 'cv' | 'test' | 'reliability' | 'lift' | 'threshold' | 'features' | 'partialDependence' | 'comparison' | 'review' | 'frozen'> & {
  /** Plain-language notes on the encoding (pooled levels, unseen levels in the test rows). */
  notes: string[];
};

export const MAX_REVIEW_CASES = 200;

export function trainModel(input: TrainInput, o: TrainOptions): TrainOutput {
  const { columns, labels: y, split } = input;
  const n = y.length;
  const progress = (f: number, m: string) => o.onProgress?.(f, m);
  const encoding = fitEncoding(columns, split.train, o.minLevelRows);
  const x = applyEncoding(encoding.inputs, new Map(columns.map((c) => [c.name, c])), n);
  const owners = featureOwners(encoding.inputs);
  const kinds: MemberKind[] = o.kind === 'ensemble' ? ['logistic', 'gbdt'] : [o.kind];
  const fitted = fitMembers(x.features, y, split.train, encoding.featureNames, {
    kinds,
    folds: o.folds,
    seed: o.seed,
    C: o.C,
    gbdt: o.gbdt,
    isCancelled: o.isCancelled,
    onProgress: (f, m) => progress(0.05 + 0.75 * f, m),
  });

  // Cross-validated figures: the members' out-of-fold calibrated log-odds averaged, as the model averages them.
  let cv: TrainOutput['cv'] = null;
  if (fitted.outOfFold) {
    const oof = fitted.outOfFold;
    const p = Float64Array.from(split.train, (r) => sigmoid(oof.reduce((s, m) => s + m[r], 0) / oof.length));
    cv = { ...metricsOf(labelsOf(y, split.train), p), folds: o.folds };
  }

  const threshold0 = o.threshold.rule === 'cost' ? 1 / (1 + o.threshold.missedPositiveCost) : 0.5;
  const frozen: FrozenModel = {
    format: 'cxw-model',
    version: 1,
    kind: o.kind,
    target: o.target,
    positive: o.positive,
    id: o.id,
    inputs: encoding.inputs,
    featureNames: encoding.featureNames,
    members: fitted.members,
    folds: fitted.folds,
    threshold: threshold0,
    reviewBandWidth: o.reviewBandWidth,
  };

  // Permutation importance needs only the model: started on a helper thread (when there is one) before the scoring.
  const impRows = sampleRows(split.test, IMPORTANCE_ROWS, o.seed);
  const job = o.importanceHelper && impRows.length >= IMPORTANCE_HELPER_MIN_ROWS && frozen.members.some((m) => m.kind === 'gbdt') ? importanceJob(frozen, x.features, y, impRows, owners, o.seed) : null;
  const helperShare = job ? o.importanceHelper!(job) : null;

  progress(0.82, 'Scoring the test rows');
  const scores = scoreModel(frozen, x.features, split.test);
  const yTest = labelsOf(y, split.test);
  let trainPositives = 0;
  for (const r of split.train) trainPositives += y[r];
  const judged = testMetricsOf(yTest, scores.probability, trainPositives / split.train.length);

  // The threshold: for calibrated probabilities the cheapest rule for a cost ratio c is p ≥ 1 / (1 + c), with no
  // data needed; a capacity is met on the test rows (it uses no outcome, only how many can be contacted).
  let chosenOn = 'the calibrated probabilities: flag when p ≥ 1 / (1 + cost ratio)';
  if (o.threshold.rule === 'capacity') {
    const t = thresholdByCapacity(scores.probability, Math.min(o.threshold.capacity, split.test.length));
    frozen.threshold = Number.isFinite(t.threshold) ? t.threshold : 1;
    chosenOn = `the test rows: the ${o.threshold.capacity.toLocaleString('en-US')} highest-risk customers`;
  }
  const confusion = confusionAt(yTest, scores.probability, frozen.threshold);
  // Review flags depend on the threshold just fixed.
  for (let k = 0; k < scores.needsReview.length; k++) scores.needsReview[k] = reviewReason(frozen, scores.probability[k], scores.bandLow[k], scores.bandHigh[k]) ? 1 : 0;

  let comparison: TrainOutput['comparison'] = null;
  if (o.kind === 'ensemble') {
    const pl = memberLogOdds(fitted.members[0], x.features, split.test).map(sigmoid);
    const pg = memberLogOdds(fitted.members[1], x.features, split.test).map(sigmoid);
    const d = delongPaired(yTest, pl, pg);
    comparison = { logisticAuc: d.auc1, gbdtAuc: d.auc2, difference: d.difference, differenceCi: d.ci, pValue: d.p };
  }

  progress(0.86, 'Measuring what each column contributes');
  const meanAbs = meanAbsContributions(frozen, x.features, sampleRows(split.test, EXPLAIN_ROWS, o.seed), owners);
  // This thread's share first, then the helper's (arguments are evaluated in order).
  const perm = job
    ? mergeImportance(job, takeImportanceShare(job, o.isCancelled), helperShare?.() ?? null, o.isCancelled)
    : permutationImportance(frozen, x.features, y, impRows, owners, o.seed, o.isCancelled);
  const features = importanceTable(frozen, perm, meanAbs);
  progress(0.94, 'Partial dependence of the top columns');
  const pdRows = sampleRows(split.test, DEPENDENCE_ROWS, o.seed);
  const partial = features.slice(0, 3).map((f) => {
    const k = frozen.inputs.findIndex((i) => i.column === f.name);
    const c = columns[k];
    return partialDependence(frozen, x.features, pdRows, k, c.kind === 'number' ? Float64Array.from(split.train, (r) => c.values[r]) : null);
  });

  const review = reviewQueue(frozen, input, x.features, split.test, scores, owners);
  const notes = encoding.pooled.map((p) => `“${p.column}”: ${p.levels} rare value${p.levels === 1 ? '' : 's'} (fewer than ${o.minLevelRows} training rows each, ${p.rows} rows) pooled into “(other)”.`);
  // The encoding saw only the training rows: a value that appears only among the test rows is scored as "(other)".
  for (const u of x.unseen) notes.push(`“${u.column}”: ${u.rows} test row${u.rows === 1 ? '' : 's'} with a value the training rows never had (scored as “(other)”).`);
  progress(1, 'Done');
  return {
    cv,
    test: judged.test,
    reliability: judged.reliability,
    lift: judged.lift,
    threshold: {
      value: frozen.threshold,
      rule: o.threshold.rule,
      ...(o.threshold.rule === 'cost' ? { missedPositiveCost: o.threshold.missedPositiveCost } : { capacity: o.threshold.capacity }),
      chosenOn,
      test: {
        tp: confusion.truePositives,
        fp: confusion.falsePositives,
        tn: confusion.trueNegatives,
        fn: confusion.falseNegatives,
        precision: confusion.precision,
        recall: confusion.recall,
        flagged: confusion.flagged,
      },
    },
    features,
    partialDependence: partial,
    comparison,
    review,
    frozen,
    notes,
  };
}

/** Test customers flagged for review, nearest the threshold first, with their explanation in words. */
function reviewQueue(frozen: FrozenModel, input: TrainInput, x: Parameters<typeof scoreModel>[1], test: Uint32Array, s: ReturnType<typeof scoreModel>, owners: number[]): ReviewCase[] {
  const picked = [...test.keys()]
    .filter((k) => s.needsReview[k] === 1)
    .sort((a, b) => Math.abs(s.probability[a] - frozen.threshold) - Math.abs(s.probability[b] - frozen.threshold) || a - b)
    .slice(0, MAX_REVIEW_CASES);
  if (picked.length === 0) return [];
  const rows = Uint32Array.from(picked, (k) => test[k]);
  const explained = explainModel(frozen, x, owners, frozen.inputs.length, rows);
  return picked.map((k, i) => ({
    id: input.ids ? input.ids[test[k]] : String(test[k] + 1),
    probability: s.probability[k],
    bandLow: s.bandLow[k],
    bandHigh: s.bandHigh[k],
    reason: reviewReason(frozen, s.probability[k], s.bandLow[k], s.bandHigh[k]) ?? '',
    actual: input.labels[test[k]] as 0 | 1,
    reasons: `${riskHeadline(s.probability[k], s.bandLow[k], s.bandHigh[k], frozen.threshold)}: ${topReasons(explained[i].contributions, input.columns, test[k])}`,
  }));
}
