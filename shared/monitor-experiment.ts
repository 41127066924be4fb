// Experiments (A/B tests, issue 16 item 3): what the analyst asks for and what the analysis finds. Plain data
// (IPC/JSON safe). Kept as a saved result of kind 'experiment'; `cxw experiment --json` prints the result as is.
import { z } from 'zod';
import type { NpsMapping } from './nps';
import { saveOption, type SavedResultRef } from './results';

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
  /**
   * Planned share of each arm (any positive weights, normalised): by arm name, or a list in the arms' natural order
   * (the order of the result's `arms`, "arm 2" before "arm 10"). Default an equal split across the arms seen.
   */
  expectedSplit?: Record<string, number> | number[];
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

const columnName = z.string().min(1).max(200);
const armValue = z.string().max(500);
const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'jobId must be 6-64 letters, digits, _ or -');
const npsMapping = z.union([
  z.object({ kind: z.literal('round') }).strict(),
  z
    .object({ kind: z.literal('rescale'), from: z.tuple([z.number().finite(), z.number().finite()]) })
    .strict()
    .refine((m) => m.from[0] < m.from[1], 'rescale.from must be [low, high]'),
]);

export const experimentSpecSchema = z
  .object({
    dataset: z.string().trim().min(1, 'dataset name is empty').max(200),
    arm: columnName,
    outcome: columnName,
    kind: z.enum(EXPERIMENT_KINDS),
    positive: armValue.min(1, 'name the value of the outcome that counts as a success').optional(),
    control: armValue.optional(),
    expectedSplit: z
      .union([z.record(armValue, z.number().positive('a planned share must be positive').finite()), z.array(z.number().positive('a planned share must be positive').finite()).min(2).max(20)])
      .optional(),
    covariate: columnName.optional(),
    by: columnName.optional(),
    segmentation: z.string().trim().min(1).max(200).optional(),
    acknowledgeSrm: z.boolean().optional(),
    level: z.number().min(0.5).max(0.999).optional(),
    mapping: npsMapping.optional(),
    minSegmentN: z.number().int().min(2).max(1_000_000).optional(),
  })
  .strict()
  // A binary outcome without `positive` is refused where the column's values can be listed (workspace/monitor/experiment).
  .refine((s) => !(s.by && s.segmentation), 'show effects by a column or by a segmentation, not both');

export const planSpecSchema = z
  .object({
    kind: z.enum(['binary', 'mean']),
    baseline: z.number().gt(0).lt(1).optional(),
    sd: z.number().positive().finite().optional(),
    mde: z.number().finite().optional(),
    n: z.number().int().min(2).max(1e12).optional(),
    alpha: z.number().gt(0).lt(0.5).optional(),
    power: z.number().gt(0).lt(1).optional(),
  })
  .strict();

export const experimentArgSchemas = {
  'experiment.run': z.object({ jobId, spec: experimentSpecSchema, save: saveOption.optional() }).strict(),
  /** The planning calculator (instant, nothing saved). */
  'experiment.plan': z.object({ spec: planSpecSchema }).strict(),
};

export interface ExperimentResults {
  'experiment.run': ExperimentResult & { saved?: SavedResultRef };
  'experiment.plan': PlanResult;
}
