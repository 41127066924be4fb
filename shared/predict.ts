import type { DatasetSummary } from './domain';

// Prediction (issue 15): what the analyst asks for, the frozen model that scores new data, and what training finds.
// Plain data (IPC/JSON safe). A model is saved in the workspace as a saved result of kind 'model'; its `frozen` part
// is everything scoring needs (preprocessing, models, calibration, threshold), so scoring never looks at the
// training data again and the exported SQL (main/export/model-sql) is written from it alone.

export const PREDICT_MODELS = ['logistic', 'gbdt', 'ensemble'] as const;
export type PredictModelKind = (typeof PREDICT_MODELS)[number];

export const PREDICT_MODEL_LABELS: Record<PredictModelKind, string> = {
  logistic: 'logistic regression (L2)',
  gbdt: 'gradient-boosted trees',
  ensemble: 'ensemble of logistic regression and gradient-boosted trees',
};

/** How the decision threshold is chosen: by what a mistake costs, or by how many customers the team can contact. */
export type ThresholdRule = { rule: 'cost'; missedPositiveCost: number } | { rule: 'capacity'; capacity: number };

export interface PredictSpec {
  dataset: string;
  /** A two-valued outcome column (churned, responded, …)… */
  target: string;
  /** …and the value that counts as the positive class, as text ("Yes", "1", "true"); never guessed. */
  positive: string;
  /** Input columns (numeric, yes/no and text/category columns; text is one-hot encoded, rare levels pooled). */
  features: string[];
  /**
   * Saved segmentations whose segment each customer is in becomes a feature "segment: NAME" (matched by row on the
   * segmented dataset, else through the id columns, as NPS and the audit match them).
   */
  segmentations?: string[];
  /**
   * Columns of other datasets with one row per customer (RFM scores, a CRM extract), matched through the id column:
   * feature "DATASET: column". A customer not in that dataset has the value missing.
   */
  joined?: JoinedFeatures[];
  /** The customer id column (default: the dataset's column with role id), for explanations and scores. */
  id?: string;
  /**
   * The outcome made from an event log instead of a column: `target` then names the label (e.g. "churned") and
   * `positive` is "yes". See EventLabel.
   */
  label?: EventLabel;
  /** Default 'gbdt'. */
  model?: PredictModelKind;
  /** Cross-validation folds on the training rows, 2–10 (default 5); 1 = one fit, no cross-validation. */
  folds?: number;
  /** The untouched test set: rows where column = value (e.g. the last month), or a stratified random share (default 0.2). */
  test?: { column: string; value: string } | { share: number };
  /** Seed of every random choice (default 42). */
  seed?: number;
  /** Protected attributes used as features on purpose (otherwise refused); logged and on the model card. */
  includeProtected?: string[];
  /** Columns the analyst confirmed are known before the outcome, although alone they predict it almost perfectly. */
  confirmedLeaks?: string[];
  /** Default: a missed positive costs as much as an unneeded action ({rule: 'cost', missedPositiveCost: 1}). */
  threshold?: ThresholdRule;
  /** Text levels seen in fewer training rows than this are pooled into "(other)" (default 30). */
  minLevelRows?: number;
  /** Logistic regression: scikit-learn's C (default 1). */
  logistic?: { C?: number };
  /** Trees: as scikit-learn's HistGradientBoostingClassifier (defaults 100, 0.1, 31, none, 20, 0, 'auto'). */
  gbdt?: { maxIter?: number; learningRate?: number; maxLeafNodes?: number; maxDepth?: number | null; minSamplesLeaf?: number; l2Regularization?: number; earlyStopping?: boolean | 'auto' };
}

/**
 * A label derived from an event log: a customer with at least one event on or before the cut-off day is in the
 * model, and is positive when they had no event (churn) — or, with positiveWhen 'event', at least one event — in the
 * `horizonDays` days after it. Features made from the log ("history: …") count only events on or before the cut-off;
 * a customer table holding dates after the cut-off stops the run (it was recorded later, so its columns may already
 * know the outcome) unless the analyst confirms that date column in confirmedLeaks.
 */
export interface EventLabel {
  /** The event log: one row per event, with the customer's id (matched to the dataset's id column) and a date/time. */
  events: string;
  customer: string;
  time: string;
  /** The last day the model may know, YYYY-MM-DD (UTC; the whole day counts as before). */
  cutoff: string;
  /** The outcome window: the N days after the cut-off day. */
  horizonDays: number;
  positiveWhen: 'no-event' | 'event';
  /** Add the four history features made from the log up to the cut-off (default true). */
  history?: boolean;
}

export interface JoinedFeatures {
  dataset: string;
  /** Its customer id column (the same ids as the model's id column). */
  id: string;
  columns: string[];
}

/** The feature name of a joined column. */
export const joinedFeatureName = (dataset: string, column: string) => `${dataset}: ${column}`;

/** Features that are not columns of the scored dataset: a saved segmentation's segment, and an event log's history. */
export const SEGMENT_FEATURE_PREFIX = 'segment: ';
export const HISTORY_FEATURE_PREFIX = 'history: ';

/** The columns a dataset must have for the model to score it (segment and history features are found otherwise). */
export function modelDatasetColumns(r: { frozen: { inputs: { column: string }[]; id: string | null }; spec: { label?: unknown; joined?: JoinedFeatures[] } }): string[] {
  const joined = new Set((r.spec.joined ?? []).flatMap((j) => j.columns.map((c) => joinedFeatureName(j.dataset, c))));
  const own = r.frozen.inputs.map((i) => i.column).filter((c) => !c.startsWith(SEGMENT_FEATURE_PREFIX) && !joined.has(c) && !(r.spec.label && c.startsWith(HISTORY_FEATURE_PREFIX)));
  return (r.spec.label || joined.size) && r.frozen.id ? [...own, r.frozen.id] : own;
}

/** The label's value that counts as positive. */
export const EVENT_LABEL_POSITIVE = 'yes';

// ------------------------------------------------------------------ frozen preprocessing and models

/** How one input column becomes model features (fitted on the training rows, then frozen). */
export type EncodedInput =
  | {
      column: string;
      kind: 'number';
      /** The column's type when trained: a retyped column is refused when scoring. */
      type: 'integer' | 'real' | 'boolean';
      /** Index of its one feature. */
      feature: number;
    }
  | {
      column: string;
      kind: 'levels';
      type: 'text' | 'date' | 'datetime';
      /** One 0/1 feature per level, in this order from `feature`; "(other)" pools rare and unseen levels, "(missing)" is no value. */
      levels: string[];
      feature: number;
      /** The levels pooled into "(other)" when trained (for the model card). */
      pooled: string[];
    };

export const OTHER_LEVEL = '(other)';
export const MISSING_LEVEL = '(missing)';

export interface FrozenLogistic {
  /** Per feature: the training mean (also imputed for a missing value) and SD; coefficient on the standardised scale. */
  mean: number[];
  sd: number[];
  coef: number[];
  intercept: number;
  C: number;
}

export interface FrozenTree {
  feature: number[];
  /** x ≤ threshold goes left; a missing value goes left when missingLeft is 1. */
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  count: number[];
  hessian: number[];
}

export interface FrozenGbdt {
  baseMargin: number;
  trees: FrozenTree[];
}

/** Platt scaling: calibrated log-odds = a · model log-odds + b (a > 0 when the model ranks the right way). */
export interface FrozenPlatt {
  a: number;
  b: number;
}

/** One fitted model (logistic or trees) with its calibration. */
export interface FrozenMember {
  kind: 'logistic' | 'gbdt';
  logistic?: FrozenLogistic;
  gbdt?: FrozenGbdt;
  calibration: FrozenPlatt;
}

export interface FrozenModel {
  format: 'cxw-model';
  version: 1;
  kind: PredictModelKind;
  target: string;
  positive: string;
  id: string | null;
  inputs: EncodedInput[];
  /** Names of the model features ("tenure", "Contract=Month-to-month"). */
  featureNames: string[];
  /**
   * The models whose calibrated log-odds are averaged (one, or logistic + trees for the ensemble). The ensemble
   * averages on the log-odds scale, not the probability scale, so that its explanations still add up exactly.
   */
  members: FrozenMember[];
  /** The cross-validation fold models of each member (same order): their spread is the uncertainty band. */
  folds: FrozenMember[][];
  /** Flag (and call "high risk") a customer whose calibrated probability is ≥ this. */
  threshold: number;
  /** A customer needs review when the band straddles the threshold or is wider than this (probability points). */
  reviewBandWidth: number;
}

// ------------------------------------------------------------------ what training finds

export interface MetricsWithCi {
  rows: number;
  positives: number;
  auc: number;
  aucCi: [number, number];
  /** Average precision (area under the precision–recall curve). */
  prAuc: number;
  brier: number;
  logLoss: number;
}

export interface TestMetrics extends MetricsWithCi {
  ece: number;
  /** The same numbers for a model that knows only the training base rate. */
  baseline: { auc: number; prAuc: number; brier: number; logLoss: number };
}

export interface ReliabilityPoint {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

export interface LiftDecile {
  group: number;
  rows: number;
  positives: number;
  rate: number;
  lift: number;
  gain: number;
  cumulativeLift: number;
}

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  flagged: number;
}

export interface FeatureImportance {
  /** The input column (a one-hot column's levels are permuted together). */
  name: string;
  /** Mean drop in test AUC when the column is shuffled, and its 95% interval over the repeats. */
  importance: number;
  importanceCi: [number, number];
  /** Mean |contribution| in log-odds over the test rows (TreeSHAP for trees, coefficient × (value − mean) for logistic). */
  meanAbsContribution: number;
}

export interface PartialDependence {
  feature: string;
  /** Grid values (numbers) or levels (text), and the mean calibrated probability with the column set to each. */
  kind: 'number' | 'levels';
  grid: (number | string)[];
  probability: number[];
}

export interface ModelComparison {
  /** Test AUCs of the logistic and the tree members and the paired DeLong test of their difference. */
  logisticAuc: number;
  gbdtAuc: number;
  difference: number;
  differenceCi: [number, number];
  pValue: number;
}

export interface ProxyFlag {
  feature: string;
  attribute: string;
  cramersV: number;
  explanation: string;
}

export interface ReviewCase {
  id: string;
  probability: number;
  bandLow: number;
  bandHigh: number;
  /** Why this customer needs a person's look: "the fold models disagree (31–58%)", "2 points from the threshold". */
  reason: string;
  /** The actual outcome when known (test rows). */
  actual: 0 | 1 | null;
  /** The three largest contributions, in words. */
  reasons: string;
}

export interface PredictResult {
  spec: PredictSpec;
  kind: PredictModelKind;
  target: string;
  positive: string;
  /** Rows with a known target, and how many of them are positive. */
  rows: number;
  positives: number;
  /** Rows left out because the target was missing. */
  excludedRows: number;
  trainRows: number;
  split: { kind: 'share'; share: number } | { kind: 'value'; column: string; value: string };
  /** Out-of-fold metrics on the training rows (null with one fold). */
  cv: (MetricsWithCi & { folds: number }) | null;
  test: TestMetrics;
  reliability: ReliabilityPoint[];
  lift: LiftDecile[];
  threshold: { value: number; rule: ThresholdRule['rule']; missedPositiveCost?: number; capacity?: number; chosenOn: string; test: ConfusionCounts };
  features: FeatureImportance[];
  partialDependence: PartialDependence[];
  comparison: ModelComparison | null;
  /** Input columns per encoded feature, the protected attributes used on purpose, the proxies flagged. */
  includedProtected: string[];
  proxies: ProxyFlag[];
  /** Plain-language warnings: few positives, imbalance, pooled levels, confirmed leaks. */
  warnings: string[];
  /** Test customers a person should look at before anything is decided. */
  review: ReviewCase[];
  /** How the label was made from the event log (absent for a label read from a column). */
  eventLabel?: EventLabelSummary;
  frozen: FrozenModel;
}

export interface EventLabelSummary {
  events: string;
  cutoff: string;
  horizonDays: number;
  positiveWhen: EventLabel['positiveWhen'];
  /** The last day of the outcome window and the day of the log's last event (YYYY-MM-DD). */
  windowLastDay: string;
  lastEventDay: string;
  /** Customers of the table with no event on or before the cut-off (not customers yet: left out). */
  notYetCustomers: number;
  /** Events whose customer id is not in the table (ignored). */
  unmatchedEvents: number;
  /** The features made from the log up to the cut-off. */
  history: string[];
}

// ------------------------------------------------------------------ using a saved model

export interface ScoreOutcome {
  dataset: DatasetSummary;
  rows: number;
  needsReview: number;
  /** Rows per column whose value the model never saw (scored as "(other)"). */
  unseen: { column: string; rows: number; levels: string[] }[];
  /** Models of an event-log label: the day the customers' history was counted up to. */
  asOf?: string;
}

/** How a saved model fares on a wave of data (issue 16: model score drift and per-wave AUC). */
export interface WaveFit {
  dataset: string;
  /** Rows scored (for the training dataset: its untouched test rows, where the model's AUC is honest). */
  rows: number;
  rowsKind: 'all' | 'test rows';
  meanProbability: number;
  /** Share of rows at or above the model's threshold. */
  flaggedShare: number;
  /** Rows with the actual outcome (the target column present and filled), and how the model did on them. */
  labelled: number;
  positives: number | null;
  auc: number | null;
  aucCi: [number, number] | null;
  brier: number | null;
  ece: number | null;
}

export interface ModelMonitor {
  model: string;
  reference: WaveFit;
  current: WaveFit;
  /** The probabilities of the two waves compared: PSI on the reference wave's deciles, KS, normalised Wasserstein. */
  scoreDrift: { psi: number; band: 'stable' | 'moderate' | 'major'; ks: number; pValue: number; distance: number; bins: { label: string; reference: number; current: number }[] };
  /** The current wave's AUC against the reference's (independent samples: z test on the DeLong variances). */
  aucChange: { difference: number; ci: [number, number]; pValue: number } | null;
  verdict: string;
  warnings: string[];
}

export interface CustomerExplanation {
  id: string;
  probability: number;
  bandLow: number;
  bandHigh: number;
  needsReview: boolean;
  /** Calibrated log-odds before any feature; base + Σ contribution = logOdds. */
  base: number;
  logOdds: number;
  contributions: { feature: string; value: string; contribution: number }[];
  /** "High risk, 72% (64–79%): Contract = Month-to-month +0.90, …" */
  sentence: string;
}

/** A customer's state in exported scores: the model's call stands, waits for a person, or a person decided. */
export type ReviewState = 'automatic' | 'pending review' | 'confirmed' | 'overridden';

export interface ModelReview {
  model: string;
  /** The customer id. */
  id: string;
  decision: 'confirm' | 'override';
  /** The call after the review: flagged (≥ threshold, e.g. offered a retention call) or not. */
  flagged: boolean;
  reason: string;
  reviewer: string;
  /** The probability the reviewer saw. */
  probability: number;
  at: string;
}

/** A model card: what the model is, how good, how fair, who reviewed it, what it is for (issue 15 item 7). */
export interface ModelCard {
  model: string;
  trainedAt: string;
  sections: { title: string; items: { label: string; value: string }[] }[];
}
