// Experiments (A/B tests, issue 16 item 3): what the analyst asks for and what the analysis finds. Plain data
// (IPC/JSON safe). Kept as a saved result of kind 'experiment'; `cxw experiment --json` prints the result as is.
import type { NpsMapping } from './nps';

export const EXPERIMENT_KINDS = ['binary', 'mean', 'nps'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export const EXPERIMENT_KIND_LABELS: Record<ExperimentKind, string> = {
  binary: 'rate (yes/no outcome)',
  mean: 'mean (numeric outcome)',
  nps: 'NPS (0–10 recommend score)',
};

/** The sample-ratio-mismatch alarm: chi-square goodness of fit p below this withholds the verdict. */
export const SRM_ALERT_P = 0.001;

export interface ExperimentSpec {
  dataset: string;
  /** The assignment column: which arm (variant) each customer was in. */
  arm: string;
  outcome: string;
  /** How the outcome is read; never guessed from the column's look. */
  kind: ExperimentKind;
  /** binary: the outcome value that counts as a success ("Yes", "1", "true"); required, never guessed. */
  positive?: string;
  /** The arm every other arm is compared with. Without it, only an arm named control / baseline / ctrl is taken. */
  control?: string;
  /** Planned share of each arm (any positive weights, normalised); default an equal split across the arms seen. */
  expectedSplit?: Record<string, number>;
  /** A pre-period numeric covariate for CUPED (e.g. last quarter's spend). */
  covariate?: string;
  /** Effects by segment: a column… */
  by?: string;
  /** …or a saved segmentation. */
  segmentation?: string;
  /** The analyst has seen the sample-ratio-mismatch alert and wants the verdict anyway. */
  acknowledgeSrm?: boolean;
  /** Confidence level of every interval (default 0.95); alpha = 1 − level for the tests. */
  level?: number;
  /** nps: how to read a score column that is not whole 0–10 numbers (as the NPS view). */
  mapping?: NpsMapping;
  /** By segment: a segment is tested for heterogeneity only with at least this many rows in every arm (default 30). */
  minSegmentN?: number;
}

export interface ArmEstimate {
  arm: string;
  /** Rows with an outcome (and a covariate, with CUPED) that the estimate uses. */
  n: number;
  /** binary: rate 0–1; mean: the mean; nps: −100…100. With CUPED: the adjusted estimate. */
  estimate: number | null;
  ci: [number, number] | null;
  isControl: boolean;
  /** binary: successes; nps: promoters − detractors counts below. */
  successes?: number;
  promoters?: number;
  passives?: number;
  detractors?: number;
  /** mean: the standard deviation. */
  sd?: number;
  /** With CUPED: the plain estimate before adjustment. */
  unadjusted?: number | null;
}

export interface ExperimentComparison {
  arm: string;
  control: string;
  /** arm − control, in the estimate's units (binary: a share, 0.021 = 2.1 points). */
  difference: number;
  ci: [number, number];
  /** difference / control estimate (0.1 = +10%); null when the control's estimate is not positive. */
  relativeLift: number | null;
  relativeLiftCi: [number, number] | null;
  pValue: number;
  /** Holm-adjusted over the comparisons (equal to pValue with one comparison). */
  pValueAdjusted: number;
  statistic: number;
  df?: number;
  significant: boolean;
  /** How the interval and the test were made, in words. */
  method: string;
}

export interface SrmCheck {
  pValue: number;
  statistic: number;
  df: number;
  flagged: boolean;
  threshold: number;
  /** 'given' (expectedSplit) or 'equal' (the default: every arm seen gets the same share). */
  splitSource: 'given' | 'equal';
  arms: { arm: string; observed: number; expected: number; plannedShare: number; observedShare: number }[];
  acknowledged: boolean;
}

export interface CupedSummary {
  covariate: string;
  /** cov(Y, X) / var(X) over all rows of every arm (pooled). */
  theta: number;
  /** 1 − var(adjusted) / var(outcome) over the rows used: the share of variance removed. */
  varianceReduction: number;
  rowsMissingCovariate: number;
}

export interface SegmentEffect {
  segment: string;
  arms: { arm: string; n: number; estimate: number | null }[];
  comparisons: { arm: string; difference: number | null; ci: [number, number] | null; pValue: number | null; tested: boolean }[];
}

export interface Heterogeneity {
  arm: string;
  /** Cochran's Q over the segments tested, its df (segments − 1), p, and I² (share of variation beyond chance). */
  q: number;
  df: number;
  pValue: number;
  iSquared: number;
  segments: number;
}

export interface ExperimentSegments {
  /** "region" or "segmentation Churn risk". */
  by: string;
  rows: SegmentEffect[];
  heterogeneity: Heterogeneity[];
  note: string;
}

export type VerdictStatus = 'withheld' | 'better' | 'worse' | 'no-difference' | 'mixed';

export interface ExperimentVerdict {
  status: VerdictStatus;
  /** One sentence per comparison, or why the verdict is withheld. */
  sentences: string[];
  headline: string;
}

export interface ExperimentResult {
  spec: ExperimentSpec;
  kind: ExperimentKind;
  /** "conversion rate of converted = yes", "mean of spend", "NPS of nps_score". */
  outcomeLabel: string;
  positive: string | null;
  control: string;
  /** 'given' by the analyst, or 'named' (the only arm called control / baseline / ctrl). */
  controlSource: 'given' | 'named';
  level: number;
  alpha: number;
  arms: ArmEstimate[];
  comparisons: ExperimentComparison[];
  srm: SrmCheck;
  cuped: CupedSummary | null;
  segments: ExperimentSegments | null;
  verdict: ExperimentVerdict;
  rows: number;
  excluded: { missingArm: number; missingOutcome: number; missingCovariate: number };
  mappingNote: string | null;
  warnings: string[];
}

/** The planning calculator: sample size per arm for a minimum detectable effect, or the effect a sample size detects. */
export interface PlanSpec {
  kind: 'binary' | 'mean';
  /** binary: the control's expected rate (0–1). */
  baseline?: number;
  /** mean: the outcome's standard deviation. */
  sd?: number;
  /** Absolute minimum detectable effect (binary: a share, 0.02 = 2 points; mean: outcome units). Give this or n. */
  mde?: number;
  /** Customers per arm. Give this or mde. */
  n?: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
}

export interface PlanResult {
  kind: 'binary' | 'mean';
  alpha: number;
  power: number;
  /** Customers per arm (rounded up) and the unrounded solution. */
  nPerArm: number;
  nExact: number;
  /** Absolute effect detected (binary: treatment rate − baseline), and relative to the baseline (null for a mean). */
  mde: number;
  mdeRelative: number | null;
  /** Standardised effect: Cohen's h (binary) or d (mean). */
  effectSize: number;
  baseline: number | null;
  sd: number | null;
  method: string;
  sentence: string;
}
